package org.transferlab.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.StepMetrics;
import org.transferlab.finetune.FineTuneConfig;
import org.transferlab.finetune.FineTuneListener;
import org.transferlab.finetune.FineTuneRecorder;
import org.transferlab.finetune.FineTuneResult;
import org.transferlab.finetune.FineTuneRun;
import org.transferlab.ui.model.FineTuneSession;
import org.transferlab.ui.model.SeedQueue;
import org.transferlab.ui.views.FineTuneDriftView;
import org.transferlab.ui.views.FineTuneForgettingView;
import org.transferlab.ui.views.FineTuneLabelsView;
import org.transferlab.ui.views.FineTuneView;
import org.transferlab.ui.views.GeneralityView;
import org.transferlab.ui.views.NeighboursView;

/**
 * The chapter "transfer by weights" in the app: its six views, and its runs' lifecycle (start, seeds queued
 * one after another, stop, resume, each run saved in a run folder like every other run). The views only draw
 * the {@link FineTuneSession}; the engine's events reach them through the JavaFX thread.
 */
public final class FineTuneChapterUi extends ChapterRuns<FineTuneRun> {
    public static final List<String> VIEWS = List.of("finetune-train", "finetune-labels", "finetune-drift",
            "finetune-forgetting", "finetune-neighbours", "finetune-generality");

    private final FineTuneView train = new FineTuneView();
    private final FineTuneLabelsView labels = new FineTuneLabelsView();
    private final FineTuneDriftView drift = new FineTuneDriftView();
    private final FineTuneForgettingView forgetting = new FineTuneForgettingView();
    private final NeighboursView neighbours = new NeighboursView();
    private final GeneralityView generality = new GeneralityView();
    private final FineTuneSession session = new FineTuneSession();
    private final SeedQueue<FineTuneConfig> queue = new SeedQueue<>();

    public FineTuneChapterUi() {
        train.trainButton().setOnAction(e -> start(1));
        train.trainSeedsButton().setOnAction(e -> start(3));
        train.stopButton().setOnAction(e -> stop());
    }

    @Override
    public String chapter() {
        return org.transferlab.finetune.FineTuneChapter.ID;
    }

    @Override
    public void open(Shell shell) {
        super.open(shell);
        generality.folder(runsRoot.resolve("generality-sweep"));
    }

    /** The view of {@code id} (one of {@link #VIEWS}), or null. */
    @Override
    public javafx.scene.Node view(String id) {
        return switch (id) {
            case "finetune-train" -> train;
            case "finetune-labels" -> labels;
            case "finetune-drift" -> drift;
            case "finetune-forgetting" -> forgetting;
            case "finetune-neighbours" -> scrolled(neighbours); // its image rows are taller than a projector's 768 px
            case "finetune-generality" -> generality;
            default -> null;
        };
    }

    private javafx.scene.control.ScrollPane neighboursScroll;

    private javafx.scene.Node scrolled(javafx.scene.Node n) {
        if (neighboursScroll == null) {
            neighboursScroll = new javafx.scene.control.ScrollPane(n);
            neighboursScroll.setFitToWidth(true);
        }
        return neighboursScroll;
    }

    public static String title(String id) {
        return switch (id) {
            case "finetune-train" -> "Fine-tune";
            case "finetune-labels" -> "Accuracy vs labels";
            case "finetune-drift" -> "Layer drift";
            case "finetune-forgetting" -> "Forgetting (LwF)";
            case "finetune-neighbours" -> "Off-the-shelf features";
            case "finetune-generality" -> "AnB / BnB";
            default -> id;
        };
    }

    /** Called when a view is shown: the neighbours view computes its features the first time. */
    @Override
    public void shown(String id) {
        if (id.equals("finetune-neighbours")) {
            neighbours.computeIndex();
        }
    }

    /** Stops the run and drops the seeds still queued; the folder keeps what was done and can be resumed. */
    @Override
    public void stop() {
        queue.clear();
        super.stop();
    }

    /** Trains the controls' config with {@code seeds} seeds from its seed on, one after the other (JavaFX thread). */
    public void start(int seeds) {
        if (run != null) {
            return;
        }
        FineTuneConfig c = train.config();
        if (c == null) {
            return;
        }
        queue.fill(java.util.stream.LongStream.range(c.seed(), c.seed() + seeds).boxed().toList(), c::withSeed);
        startQueued();
    }

    private void startQueued() {
        FineTuneConfig c = queue.next().orElse(null);
        if (c == null) {
            return;
        }
        Path dir = newRunFolder(c.label(), c.seed());
        if (dir == null) {
            queue.clear();
            return;
        }
        launch(new FineTuneRun(c).outputDir(dir).addListener(new FineTuneRecorder(dir)), c, dir);
    }

    /** Continues a fine-tuning run folder from its checkpoint; false, with the reason shown, if it cannot. */
    public boolean resume(Path dir) {
        return resume(dir, FineTuneRun.CHECKPOINT, "A fine-tuning run", "its first evaluation", ckpt -> {
            FineTuneConfig c = FineTuneRecorder.readConfig(dir, null);
            int epoch = Integer.parseInt(org.transferlab.models.Checkpoint.read(ckpt).metadata()
                    .getOrDefault("epoch", "0"));
            launch(new FineTuneRun(c).outputDir(dir).resumeFrom(ckpt)
                    .addListener(FineTuneRecorder.resuming(dir, epoch)), c, dir);
        });
    }

    @Override
    protected String title() {
        return "Chapter 3, transfer by weights";
    }

    private void launch(FineTuneRun r, FineTuneConfig c, Path dir) {
        run = r;
        train.running(true);
        // keyed like the shipped table's rows (all, all ×0.1, top-1 …) so the charts can set them side by side
        String key = new org.transferlab.finetune.StrategyTable.Row(c.task().id(), c.strategy().id(), c.lrMultiplier(),
                c.perClass(), c.seed(), 0, 0, 0, 0).strategyLabel();
        FineTuneSession.Run entry = session.start(key, c.strategy().label(), c.perClass(), c.seed());
        message.accept("Fine-tuning " + c.task().id() + ", " + c.strategy().label() + ", N=" + c.perClass() + ", seed "
                + c.seed() + (queue.remaining() > 0 || c.seed() > 0 ? " (" + queue.position() + ")" : "")
                + " · saving to " + dir);
        r.addListener(new FineTuneListener() {
            private long lastDraw;

            @Override
            public void onStep(StepMetrics s) {
                long now = System.nanoTime();
                if (now - lastDraw > 100_000_000L || s.step() == s.totalSteps()) {
                    lastDraw = now;
                    Platform.runLater(() -> train.progress(s.step() / (double) s.totalSteps(), String.format(Locale.ROOT,
                            "epoch %d · step %d/%d · %.1f steps/s · %s left", s.epoch(), s.step(), s.totalSteps(),
                            s.stepsPerSecond(), ProgressPanel.time(s.etaSeconds()))));
                }
            }

            @Override
            public void onEpoch(EpochMetrics e) {
                Platform.runLater(() -> {
                    session.epoch(entry, e.epoch(), e.testAccuracy());
                    train.redraw(session);
                });
            }

            @Override
            public void onDrift(Drift d) {
                Platform.runLater(() -> {
                    session.drift(entry, d.step(), d.relativeChange());
                    drift.update(session);
                });
            }

            @Override
            public void onForgetting(Forgetting f) {
                Platform.runLater(() -> {
                    session.sourceAccuracy(entry, f.epoch(), f.sourceAccuracy());
                    forgetting.update(session);
                });
            }

            @Override
            public void onEnd(FineTuneResult result) {
                Platform.runLater(() -> {
                    session.ended(entry, result.status().id());
                    run = null;
                    train.running(false);
                    train.progress(result.status() == org.transferlab.engine.RunResult.Status.COMPLETED ? 1 : 0,
                            result.message());
                    train.redraw(session);
                    drift.update(session);
                    forgetting.update(session);
                    labels.update(session);
                    savedRunsChanged.run();
                    if (result.status() == org.transferlab.engine.RunResult.Status.COMPLETED && !queue.isEmpty()) {
                        startQueued();
                    } else {
                        if (!queue.isEmpty()) {
                            message.accept(result.message() + " · the " + queue.clear() + " seed(s) still queued were "
                                    + "not started");
                        } else {
                            message.accept(result.message());
                        }
                    }
                });
            }
        });
        started.accept(r, title());
        r.start();
    }

    public FineTuneView trainView() {
        return train;
    }

    public FineTuneLabelsView labelsView() {
        return labels;
    }

    public FineTuneDriftView driftView() {
        return drift;
    }

    public FineTuneForgettingView forgettingView() {
        return forgetting;
    }

    public NeighboursView neighboursView() {
        return neighbours;
    }

    public GeneralityView generalityView() {
        return generality;
    }

    public FineTuneSession session() {
        return session;
    }
}
