package org.transferlab.multitask;

import java.util.Map;

/**
 * One way to set the task weights w_i in {@code L = Σ_i w_i L_i}. Call order per run: {@link #weights} once per
 * training step (it may update the method's own state, e.g. Kendall's s_i or GradNorm's w_i, from that step),
 * and {@link #endEpoch} after each epoch with the epoch's mean task losses (DWA uses them).
 */
public interface LossWeighting {

    /** Registry name, e.g. {@code gradnorm}. */
    String id();

    /** The weights to combine this step's task gradients with (one per task). */
    double[] weights(TaskStep step);

    /** Extra terms the method adds to the total loss on this step (Kendall's Σ s_i/2); 0 for most. */
    default double regulariser() {
        return 0;
    }

    default void endEpoch(double[] meanLosses) {
    }

    /** The method's learned quantities for display and summaries (e.g. {@code s1}, {@code s2}). */
    default Map<String, Double> state() {
        return Map.of();
    }
}
