package org.transferlab.engine;

/**
 * What every chapter's training step reports, whatever else it carries: where the run is and how long is left.
 * The rate and the time left are one measurement: the time left is the remaining steps at the rate shown
 * ({@link #eta}), so a progress line never says "0.8 steps/s · 2:42 left" for 770 steps.
 */
public interface RunProgress {
    /** 1-based epoch. */
    int epoch();

    /** Steps done so far in the run (1-based), across epochs (and structures, in part 2). */
    long step();

    long totalSteps();

    /** The weighted total loss of this step. */
    double total();

    /** Seconds since the run started (with a resumed run's earlier seconds, and the set-up before the first step). */
    double elapsedSeconds();

    /**
     * Steps per second of the step loop ({@link #rate}): the steps taken since this session's loop began over its
     * seconds, so neither the set-up before the first step (loading data, a teacher) nor a resumed run's earlier
     * steps skew it.
     */
    double stepsPerSecond();

    /** Seconds left at {@link #stepsPerSecond}: the remaining steps divided by the rate ({@link #eta}). */
    default double etaSeconds() {
        return eta(totalSteps() - step(), stepsPerSecond());
    }

    /** Seconds left: {@code remainingSteps / stepsPerSecond}; 0 when none remain, infinite with no rate yet. */
    static double eta(long remainingSteps, double stepsPerSecond) {
        if (remainingSteps <= 0) {
            return 0;
        }
        return stepsPerSecond > 0 ? remainingSteps / stepsPerSecond : Double.POSITIVE_INFINITY;
    }

    /** Steps per second of a loop that took {@code steps} steps in {@code seconds}; 0 before its first step. */
    static double rate(long steps, double seconds) {
        return steps > 0 && seconds > 0 ? steps / seconds : 0;
    }
}
