package org.transferlab.ui;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.ui.views.RunView;

/** The progress bar with epoch, step, speed and time left. */
public final class ProgressPanel extends HBox implements RunView {
    private final ProgressBar bar = new ProgressBar(0);
    private final Label text = new Label("Ready.");
    private String lastTest = "";

    public ProgressPanel() {
        bar.setPrefWidth(260);
        bar.setId("progress");
        text.setId("progress-text");
        text.setWrapText(true); // a long message wraps instead of pushing the toolbar's buttons into "…"
        text.setMinWidth(0);
        bar.setMinWidth(80);
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, text);
    }

    @Override
    public void runStarted(RunInfo info) {
        bar.setProgress(0);
        lastTest = "";
        text.setText(String.format("%s: %,d images, %d steps", info.trainedModel(), info.trainImages(), info.totalSteps()));
    }

    @Override
    public void steps(List<StepMetrics> steps) {
        StepMetrics s = steps.get(steps.size() - 1);
        bar.setProgress(s.step() / (double) s.totalSteps());
        text.setText(String.format("epoch %d · step %d/%d · %.1f steps/s · %s left%s", s.epoch(), s.step(),
                s.totalSteps(), s.stepsPerSecond(), time(s.etaSeconds()), lastTest));
    }

    @Override
    public void epoch(EpochMetrics e) {
        if (!Double.isNaN(e.testAccuracy())) {
            lastTest = String.format(" · test accuracy %.3f", e.testAccuracy());
        }
    }

    @Override
    public void runEnded(RunResult r) {
        if (r.status() == RunResult.Status.COMPLETED) {
            bar.setProgress(1);
        }
        text.setText(r.message());
    }

    static String time(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    /** A run of another chapter starts (the toolbar follows it). */
    public void started(String what) {
        bar.setProgress(0);
        lastTest = "";
        text.setText(what + ": starting…");
    }

    /** Where a run of any chapter is: what trains, epoch, step, speed and time left. */
    public void show(String what, org.transferlab.engine.RunProgress s) {
        bar.setProgress(s.step() / (double) Math.max(1, s.totalSteps()));
        text.setText(String.format("%s · epoch %d · step %d/%d · %.1f steps/s · %s left", what, s.epoch(), s.step(),
                s.totalSteps(), s.stepsPerSecond(), time(s.etaSeconds())));
    }

    /** A followed run ended: its message. */
    public void ended(String message) {
        text.setText(message);
    }

    public String text() {
        return text.getText();
    }
}
