package org.transferlab.engine;

/**
 * A part-1 run's {@link RunListener}: steps are {@link StepMetrics}, epochs {@link EpochMetrics}; in addition
 * {@link #onSnapshot} follows a step when a snapshot was due or requested.
 */
public interface TrainingListener extends RunListener<RunInfo, StepMetrics, EpochMetrics, RunResult> {
    default void onSnapshot(Snapshot snapshot) {
    }
}
