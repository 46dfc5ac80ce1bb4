package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Gradients of the total loss with respect to the student's logits and features, accumulated term by term. */
public final class LossGradients {
    private final double[] logits;
    private final Map<String, double[]> taps = new LinkedHashMap<>();

    public LossGradients(int logitCount) {
        this.logits = new double[logitCount];
    }

    /** ∂L/∂logits, row-major [N·K]. */
    public double[] logits() {
        return logits;
    }

    /** ∂L/∂feature for an attention point, created as zeros of {@code size} values on first use. */
    public double[] tap(String name, int size) {
        return taps.computeIfAbsent(name, k -> new double[size]);
    }

    /** The attention points that received a gradient. */
    public Map<String, double[]> taps() {
        return taps;
    }
}
