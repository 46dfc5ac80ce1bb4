package org.transferlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.Snapshot;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingListener;
import org.transferlab.ui.views.RunView;

/**
 * Carries a run's events from its training thread to the JavaFX thread without ever blocking either: the
 * listener only queues, and a 10 Hz timeline on the JavaFX thread hands the views what arrived, steps in one
 * batch and only the newest snapshot. However fast training goes, the UI redraws at most ten times a second.
 */
public final class RunBridge implements TrainingListener {
    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final List<RunView> views;
    private final Timeline timeline;

    public RunBridge(List<RunView> views) {
        this.views = List.copyOf(views);
        timeline = new Timeline(new KeyFrame(Duration.millis(100), e -> drain()));
        timeline.setCycleCount(Timeline.INDEFINITE);
    }

    /** Starts delivering (call on the JavaFX thread before the run starts). */
    public void start() {
        timeline.play();
    }

    @Override
    public void onStart(RunInfo info) {
        events.add(info);
    }

    @Override
    public void onStep(StepMetrics step) {
        events.add(step);
    }

    @Override
    public void onEpoch(EpochMetrics epoch) {
        events.add(epoch);
    }

    @Override
    public void onSnapshot(Snapshot s) {
        snapshot.set(s);
    }

    @Override
    public void onEnd(RunResult result) {
        events.add(result);
    }

    private long longestDrainNanos;

    /** The longest time one delivery to the views took on the JavaFX thread, in milliseconds. */
    public double longestDeliveryMillis() {
        return longestDrainNanos / 1e6;
    }

    void drain() {
        long t0 = System.nanoTime();
        try {
            deliver();
        } finally {
            longestDrainNanos = Math.max(longestDrainNanos, System.nanoTime() - t0);
        }
    }

    /** Delivers everything queued so far, in order (JavaFX thread). */
    private void deliver() {
        List<StepMetrics> steps = new ArrayList<>();
        Object e;
        while ((e = events.poll()) != null) {
            if (e instanceof StepMetrics s) {
                steps.add(s);
                continue;
            }
            flushSteps(steps);
            if (e instanceof RunInfo info) {
                views.forEach(v -> timed(v, "start", () -> v.runStarted(info)));
            } else if (e instanceof EpochMetrics em) {
                views.forEach(v -> timed(v, "epoch", () -> v.epoch(em)));
            } else if (e instanceof RunResult r) {
                Snapshot last = snapshot.getAndSet(null);
                if (last != null) {
                    views.forEach(v -> v.snapshot(last));
                }
                views.forEach(v -> v.runEnded(r));
                timeline.stop();
                return;
            }
        }
        flushSteps(steps);
        Snapshot s = snapshot.getAndSet(null);
        if (s != null) {
            views.forEach(v -> timed(v, "snapshot", () -> v.snapshot(s)));
        }
    }

    private final java.util.Map<String, Long> slowest = new java.util.TreeMap<>();

    private void timed(RunView v, String what, Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        slowest.merge(v.getClass().getSimpleName() + "." + what, System.nanoTime() - t0, Math::max);
    }

    /** The slowest hand-over per view and event, in milliseconds (for measuring responsiveness). */
    public java.util.Map<String, Double> slowestByView() {
        java.util.Map<String, Double> m = new java.util.TreeMap<>();
        slowest.forEach((k, v) -> m.put(k, v / 1e6));
        return m;
    }

    private void flushSteps(List<StepMetrics> steps) {
        if (!steps.isEmpty()) {
            List<StepMetrics> batch = List.copyOf(steps);
            views.forEach(v -> timed(v, "steps", () -> v.steps(batch)));
            steps.clear();
        }
    }
}
