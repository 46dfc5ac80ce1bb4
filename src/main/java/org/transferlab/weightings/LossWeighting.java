package org.transferlab.weightings;

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

    /**
     * Everything the method has learned or remembered so far, by name, so a resumed run continues exactly
     * where a checkpoint left it; empty for methods without state.
     */
    default Map<String, double[]> saveState() {
        return Map.of();
    }

    /** Continues from what {@link #saveState()} returned; throws {@link IllegalArgumentException} if it does not fit. */
    default void restoreState(Map<String, double[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(id() + " keeps no state, but the checkpoint holds " + state.keySet());
        }
    }

    /** The saved array {@code key}, checked to hold {@code length} numbers (-1: any length). */
    static double[] saved(Map<String, double[]> state, String key, int length) {
        double[] v = state.get(key);
        if (v == null || (length >= 0 && v.length != length)) {
            throw new IllegalArgumentException("the checkpoint's weighting state lacks " + key
                    + (length >= 0 ? " with " + length + " numbers" : ""));
        }
        return v.clone();
    }

    /** The method's learned quantities for display and summaries (e.g. {@code s1}, {@code s2}). */
    default Map<String, Double> state() {
        return Map.of();
    }
}
