package org.transferlab.engine;

/**
 * A part-1 run as the app drives it: in this process ({@link TrainingRun}) or in a separate one
 * (exercise mode trains a student's own loss code isolated from the app).
 */
public interface LiveRun {
    TrainingConfig config();

    RunControl control();

    LiveRun addListener(TrainingListener l);

    /** Starts on its own thread and returns at once. */
    Thread start();

    /** Blocks until the run has ended; returns how. */
    RunResult await() throws InterruptedException;
}
