package org.transferlab.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.l2t.L2tCheckpoint;
import org.transferlab.l2t.L2tConfig;
import org.transferlab.l2t.L2tListener;
import org.transferlab.l2t.L2tMethod;
import org.transferlab.l2t.L2tRecorder;
import org.transferlab.l2t.L2tResult;
import org.transferlab.l2t.L2tRun;
import org.transferlab.ui.views.L2tView;

/** The L2T chapter in the app: its view and its runs' lifecycle (start, stop, each run saved in a run folder). */
public final class L2tChapterUi extends ChapterRuns<L2tRun> {
    public static final String VIEW = "l2t";
    /** The comparison table's tab. */
    public static final String TABLE = "l2t-table";
    private final L2tView view = new L2tView();

    public L2tChapterUi() {
        view.trainButton().setOnAction(e -> start());
        view.stopButton().setOnAction(e -> stop());
    }

    public L2tView view() {
        return view;
    }

    @Override
    public String chapter() {
        return org.transferlab.l2t.L2tChapter.ID;
    }

    @Override
    public javafx.scene.Node view(String viewId) {
        return viewId.equals(VIEW) ? view : viewId.equals(TABLE) ? view.tablePane() : null;
    }

    /** Trains the view's settings (JavaFX thread). */
    public void start() {
        if (run != null) {
            return;
        }
        L2tConfig c = view.config();
        if (c == null) {
            return;
        }
        Path dir = newRunFolder(c.label(), c.seed());
        if (dir == null) {
            return;
        }
        launch(new L2tRun(c).outputDir(dir).addListener(new L2tRecorder(dir)), c, dir);
    }

    /** Continues an L2T run folder from its checkpoint; false, with the reason shown, if it cannot. */
    public boolean resume(Path dir) {
        return resume(dir, L2tCheckpoint.FILE, "An L2T run", "its first epoch ended", ckpt -> {
            L2tConfig c = L2tRecorder.readConfig(dir);
            int epoch = L2tCheckpoint.read(ckpt).epoch();
            view.show(c);
            launch(new L2tRun(c).outputDir(dir).resumeFrom(ckpt).addListener(L2tRecorder.resuming(dir, epoch)),
                    c, dir);
        });
    }

    @Override
    protected String title() {
        return "L2T-ww";
    }

    private void launch(L2tRun r, L2tConfig c, Path dir) {
        run = r;
        String label = c.method().label() + ", N=" + c.perClass() + ", seed " + c.seed()
                + (c.label().endsWith("-n" + c.perClass()) ? "" : ", " + c.sourceName() + " → " + c.target());
        view.running(true);
        view.started(label);
        message.accept("L2T: " + label + " · saving to " + dir);
        r.addListener(new L2tListener() {
            private long lastDraw;

            @Override
            public void onStep(StepMetrics s) {
                long now = System.nanoTime();
                if (now - lastDraw > 100_000_000L) {
                    lastDraw = now;
                    Platform.runLater(() -> view.progress(s.step() / (double) s.totalSteps(), String.format(
                            Locale.ROOT, "epoch %d · step %d/%d · %.1f steps/s · %s left · ce %.3f, transfer %.3f",
                            s.epoch(), s.step(), s.totalSteps(), s.stepsPerSecond(), ProgressPanel.time(s.etaSeconds()),
                            s.losses().get("loss/ce"), s.losses().get("loss/transfer"))));
                }
            }

            @Override
            public void onEpoch(EpochMetrics e) {
                Platform.runLater(() -> view.epoch(e.epoch(), e.testAccuracy()));
            }

            @Override
            public void onPairs(int epoch, Map<L2tMethod.Pair, PairState> pairs) {
                Platform.runLater(() -> view.pairs(epoch, pairs));
            }

            @Override
            public void onEnd(L2tResult result) {
                Platform.runLater(() -> {
                    run = null;
                    view.running(false);
                    view.progress(result.status() == RunResult.Status.COMPLETED ? 1 : 0, result.message());
                    if (result.status() == RunResult.Status.COMPLETED && c.target().equals(L2tConfig.SMALL)) {
                        view.finished(c, result.testAccuracy()); // the table's target
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
