package org.transferlab.engine;

/** What every chapter's training step reports, whatever else it carries: where the run is and how long is left. */
public interface RunProgress {
    /** 1-based epoch. */
    int epoch();

    /** Steps done so far in the run (1-based), across epochs (and structures, in part 2). */
    long step();

    long totalSteps();

    /** The weighted total loss of this step. */
    double total();

    double elapsedSeconds();

    double etaSeconds();

    /** Steps per second so far. */
    default double stepsPerSecond() {
        return elapsedSeconds() > 0 ? step() / elapsedSeconds() : 0;
    }
}
