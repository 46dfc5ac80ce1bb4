package org.transferlab.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.transferlab.engine.RunResult;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.export.TradeOffFigure;
import org.transferlab.multimnist.MultiMnistCheckpoint;
import org.transferlab.multimnist.MultiMnistConfig;
import org.transferlab.multimnist.MultiMnistListener;
import org.transferlab.multimnist.MultiMnistRecorder;
import org.transferlab.multimnist.MultiMnistResult;
import org.transferlab.multimnist.MultiMnistRun;
import org.transferlab.ui.views.MultiMnistView;

/** Chapter 4 in the app: its view and its runs' lifecycle (start, stop, each run saved in a run folder). */
public final class MultiMnistChapterUi extends ChapterRuns<MultiMnistRun> {
    public static final String VIEW = "multimnist";
    private final MultiMnistView view = new MultiMnistView(shippedFront());

    public MultiMnistChapterUi() {
        view.trainButton().setOnAction(e -> start());
        view.stopButton().setOnAction(e -> stop());
    }

    /** The shipped front (resources/multimnist/front-hard-seed0.csv): the fixed-weight runs, in order of w. */
    static List<TradeOffFigure.Point> shippedFront() {
        try (InputStream in = MultiMnistChapterUi.class.getResourceAsStream("/multimnist/front-hard-seed0.csv")) {
            if (in == null) {
                return List.of();
            }
            Map<String, double[]> m = MultiMnistView.parseFront(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList());
            return m.entrySet().stream().filter(e -> e.getKey().startsWith("w = "))
                    .map(e -> new TradeOffFigure.Point(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public MultiMnistView view() {
        return view;
    }

    @Override
    public String chapter() {
        return org.transferlab.multimnist.MultiMnistChapter.ID;
    }

    @Override
    public javafx.scene.Node view(String viewId) {
        return viewId.equals(VIEW) ? view : null;
    }

    @Override
    public java.util.Map<String, org.jfree.chart.JFreeChart> charts(String viewId) {
        return viewId.equals(VIEW) ? view.charts() : java.util.Map.of();
    }

    /** Trains the view's settings (JavaFX thread). */
    public void start() {
        if (run != null) {
            return;
        }
        MultiMnistConfig c = view.config();
        if (c == null) {
            return;
        }
        Path dir = newRunFolder(c.label(), c.seed());
        if (dir == null) {
            return;
        }
        launch(new MultiMnistRun(c).outputDir(dir).addListener(new MultiMnistRecorder(dir)), c, dir);
    }

    /** Continues a MultiMNIST run folder from its checkpoint; false, with the reason shown, if it cannot. */
    public boolean resume(Path dir) {
        return resume(dir, MultiMnistCheckpoint.FILE, "A MultiMNIST run", "its first epoch ended", ckpt -> {
            MultiMnistConfig c = MultiMnistRecorder.readConfig(dir);
            int epoch = MultiMnistCheckpoint.read(ckpt).epoch();
            view.show(c);
            launch(new MultiMnistRun(c).outputDir(dir).resumeFrom(ckpt)
                    .addListener(MultiMnistRecorder.resuming(dir, epoch)), c, dir);
        });
    }

    @Override
    protected String title() {
        return "Chapter 4, MultiMNIST";
    }

    private void launch(MultiMnistRun r, MultiMnistConfig c, Path dir) {
        run = r;
        String label = c.architecture() + ", " + c.weighting();
        view.running(true);
        view.started(label, c);
        message.accept("MultiMNIST: " + label + " · saving to " + dir);
        r.addListener(new MultiMnistListener() {
            private long lastDraw;

            @Override
            public void onStep(MultiTaskListener.Step s) {
                view.gradients().accept(s); // thread-safe: queued, drawn on the JavaFX thread at most 10 times a second
                long now = System.nanoTime();
                if (now - lastDraw > 100_000_000L) {
                    lastDraw = now;
                    Platform.runLater(() -> view.progress(s.step() / (double) s.totalSteps(), String.format(
                            Locale.ROOT, "epoch %d · step %d/%d · %.1f steps/s · %s left · losses %.3f / %.3f",
                            s.epoch(), s.step(), s.totalSteps(), s.stepsPerSecond(), ProgressPanel.time(s.etaSeconds()),
                            s.losses()[0], s.losses()[1])));
                }
            }

            @Override
            public void onEpoch(MultiTaskListener.Epoch e) {
                Platform.runLater(() -> view.epoch(e.epoch(), e.testAccuracy()[0], e.testAccuracy()[1]));
            }

            @Override
            public void onAlphas(int epoch, Map<String, double[]> means) {
                Platform.runLater(() -> view.alphas(epoch, means));
            }

            @Override
            public void onEnd(MultiMnistResult result) {
                Platform.runLater(() -> {
                    run = null;
                    view.running(false);
                    view.progress(result.status() == RunResult.Status.COMPLETED ? 1 : 0, result.message());
                    if (result.status() == RunResult.Status.COMPLETED) {
                        view.finished(label, c.tasks(), result.taskAccuracy()[0], result.taskAccuracy()[1]);
                    }
                    message.accept(result.message());
                    savedRunsChanged.run();
                });
            }
        });
        started.accept(r, title());
        r.start();
    }
}
