package org.transferlab.ui;

import javafx.animation.AnimationTimer;

/**
 * Measures how smoothly the window keeps drawing: the longest gap between two JavaFX pulses (frames) while
 * it runs. A pulse is due every 1/60 s; a long gap is a moment the window did not respond.
 */
public final class PulseMonitor extends AnimationTimer {
    private long last;
    private long longest;
    private long pulses;
    private long start;

    @Override
    public void start() {
        last = 0;
        longest = 0;
        pulses = 0;
        start = System.nanoTime();
        super.start();
    }

    @Override
    public void handle(long now) {
        if (last != 0) {
            longest = Math.max(longest, now - last);
        }
        last = now;
        pulses++;
    }

    /** The longest gap between pulses so far, in milliseconds. */
    public double longestGapMillis() {
        return longest / 1e6;
    }

    /** Pulses per second since {@link #start()}. */
    public double pulsesPerSecond() {
        double s = (System.nanoTime() - start) / 1e9;
        return s > 0 ? pulses / s : 0;
    }

    public String summary() {
        return String.format("window: longest pause between frames %.0f ms, %.0f frames/s", longestGapMillis(),
                pulsesPerSecond());
    }
}
