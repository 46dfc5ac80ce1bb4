package org.transferlab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import org.transferlab.engine.RunResult;
import org.transferlab.exercises.Card;
import org.transferlab.exercises.StudentRun;
import org.transferlab.part2.MultiTaskCheckpoint;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskExercise;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskRecorder;
import org.transferlab.part2.MultiTaskResult;
import org.transferlab.part2.MultiTaskRun;
import org.transferlab.ui.views.MultiTaskView;

/**
 * Part 2 in the app: its view and its runs' lifecycle (start, stop, resume, each run saved in a run folder), and
 * exercise mode's part-2 runs: the student's model or weighting in the sandbox, then the engine's reference with the
 * same settings and seed.
 */
public final class Part2ChapterUi extends ChapterRuns<MultiTaskRun> {
    public static final String VIEW = "multitask";
    private final MultiTaskView view = new MultiTaskView();
    /** Exercise mode's run with the student's code, or null. */
    private volatile StudentRun student;
    private Consumer<Boolean> studentTraining = training -> { };

    public Part2ChapterUi() {
        view.onTrain(this::start, this::stop);
    }

    @Override
    public String chapter() {
        return org.transferlab.part2.Part2Chapter.ID;
    }

    @Override
    protected String title() {
        return "Part 2";
    }

    @Override
    public javafx.scene.Node view(String viewId) {
        return viewId.equals(VIEW) ? view : null;
    }

    @Override
    public java.util.Map<String, org.jfree.chart.JFreeChart> charts(String viewId) {
        return viewId.equals(VIEW) ? view.chartsByFigure() : java.util.Map.of();
    }

    public MultiTaskView view() {
        return view;
    }

    /** Told when a run with a student's code starts (true) and ends (false): the exercise view locks its editor. */
    public void onStudentTraining(Consumer<Boolean> c) {
        this.studentTraining = c;
    }

    @Override
    public boolean running() {
        return run != null || student != null;
    }

    @Override
    public void stop() {
        super.stop();
        StudentRun s = student;
        if (s != null) {
            s.control().stop();
        }
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        super.awaitStopped();
        StudentRun s = student;
        if (s != null) {
            s.awaitMultiTask();
        }
    }

    /** Starts a part-2 run of the view's settings (JavaFX thread). */
    void start(MultiTaskConfig config, String name) {
        if (running()) {
            return;
        }
        Path dir = newRunFolder(name, config.seed());
        if (dir == null) {
            return;
        }
        launch(new MultiTaskRun(config).outputDir(dir).addListener(new MultiTaskRecorder(dir)), dir);
        message.accept("Training part 2 (" + name + ", " + config.weighting() + ") · saving to " + dir);
    }

    private void launch(MultiTaskRun r, Path dir) {
        r.addListener(view).addListener(new MultiTaskListener() {
            @Override
            public void onEnd(MultiTaskResult result) {
                Platform.runLater(() -> {
                    run = null;
                    message.accept("Part 2: " + result.message());
                    savedRunsChanged.run(); // listed with the others; resumable if stopped
                    if (result.status() == RunResult.Status.DIVERGED || result.status() == RunResult.Status.FAILED) {
                        error(result.message().contains("out of memory") ? "Out of memory"
                                : result.message().contains("could not save") ? "The run could not be saved"
                                : "The multi-task run did not finish", result.message().replaceAll("\\. (?=[A-Z])", ".\n"));
                    }
                });
            }
        });
        run = r;
        view.setRunning(true, dir);
        started.accept(r, title());
        r.start();
    }

    /** Continues a stopped or interrupted part-2 run in its folder; false, with the reason shown, if it cannot. */
    @Override
    public boolean resume(Path dir) {
        if (student != null) {
            message.accept("A run with your code is training: wait for it to end or stop it first.");
            return false;
        }
        return resume(dir, MultiTaskCheckpoint.FILE, "A multi-task run", "its first epoch ended", ckpt -> {
            MultiTaskConfig config = MultiTaskRecorder.readConfig(dir, null);
            MultiTaskCheckpoint c = MultiTaskCheckpoint.read(ckpt);
            launch(new MultiTaskRun(config).outputDir(dir).resumeFrom(ckpt)
                    .addListener(MultiTaskRecorder.resuming(dir, c.structure(), c.epoch())), dir);
            message.accept("Resuming " + dir.getFileName() + " (part 2) at structure " + (c.structure() + 1)
                    + ", after epoch " + c.epoch() + " of " + config.epochs());
        });
    }

    /**
     * Exercise mode's Train with my code for a part-2 card (JavaFX thread): the view's settings with the card's
     * exercise, the student's model or uncertainty weighting in the sandbox, then the reference.
     */
    void trainWithStudentCode(Card card, String source) throws IOException {
        MultiTaskConfig c = view.config();
        if (c == null) {
            error("Cannot train yet", "Fix the settings on the multi-task tab first.");
            return;
        }
        MultiTaskExercise ex = card.exercise().equals("mtl-q1") ? MultiTaskExercise.Q1
                : card.exercise().equals("mtl-q2") ? MultiTaskExercise.Q2
                : c.exercise() == MultiTaskExercise.A2 ? MultiTaskExercise.Q2 : c.exercise();
        MultiTaskConfig cfg = new MultiTaskConfig(ex, card.isModel() ? c.weighting() : "uncertainty",
                c.fixedWeights(), c.initialS(), c.gradNormAlpha(), c.data(), c.dataDir(), c.trainSize(),
                c.epochs(), c.batchSize(), c.learningRate(), c.seed(), c.evalEvery(), c.widths()).validate();
        Path dir = org.transferlab.engine.RunFolders.create(runsRoot, cfg.exercise().id(), cfg.seed(), "-your-code");
        StudentRun r = StudentRun.part2(card.id(), source, cfg, dir);
        r.addListener(view).addListener(new MultiTaskListener() {
            @Override
            public void onEnd(MultiTaskResult result) {
                Platform.runLater(() -> {
                    student = null;
                    studentTraining.accept(false);
                    message.accept("Part 2 with your code: " + result.message());
                    if (result.status() == RunResult.Status.COMPLETED) {
                        start(cfg, cfg.exercise().id() + "-reference");
                    } else if (result.status() != RunResult.Status.STOPPED) {
                        error("The run with your code did not finish", result.message());
                    }
                });
            }
        });
        student = r;
        studentTraining.accept(true);
        view.setRunning(true, dir);
        message.accept("Training part 2 (" + cfg.exercise().id() + ") with your " + card.method()
                + " in a separate process · saving to " + dir + " · the reference run follows");
        r.start();
    }

    private static void error(String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text, ButtonType.OK);
        a.setHeaderText(header);
        a.show();
    }
}
