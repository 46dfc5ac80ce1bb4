package org.transferlab.engine;

/**
 * The only hook into a run. Called on the training thread, in this order: {@link #onStart} once;
 * then per step {@link #onStep}, with {@link #onSnapshot} after a step when one was due or requested;
 * {@link #onEpoch} after each epoch; {@link #onEnd} once, whatever the outcome. A listener that draws
 * must hand the work to its own thread (the app's listener posts to the JavaFX thread) and return fast.
 */
public interface TrainingListener {
    default void onStart(RunInfo info) {
    }

    default void onStep(StepMetrics step) {
    }

    default void onEpoch(EpochMetrics epoch) {
    }

    default void onSnapshot(Snapshot snapshot) {
    }

    default void onEnd(RunResult result) {
    }
}
