package org.transferlab.weightings;

/** Weights set by the user and never changed (equal weights by default). */
public final class FixedWeights implements LossWeighting {
    private final double[] w;

    public FixedWeights(double[] weights) {
        for (double v : weights) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("fixed task weights must be >= 0, got " + v);
            }
        }
        this.w = weights.clone();
    }

    @Override
    public String id() {
        return "fixed";
    }

    @Override
    public double[] weights(TaskStep step) {
        return w.clone();
    }
}
