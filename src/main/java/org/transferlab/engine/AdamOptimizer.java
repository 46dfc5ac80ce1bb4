package org.transferlab.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba, 2015) exactly as PyTorch applies it, in place on each parameter:
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g         v ← β₂·v + (1 − β₂)·g²
 *   θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public final class AdamOptimizer {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final double learningRate;
    private final Map<String, INDArray[]> moments = new HashMap<>();
    private int t;

    public AdamOptimizer(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Starts a new step; call once before the {@link #update} calls of that step. */
    public void nextStep() {
        t++;
    }

    public int stepCount() {
        return t;
    }

    public void update(String name, INDArray param, INDArray grad) {
        INDArray[] mv = moments.computeIfAbsent(name, k -> new INDArray[]{param.ulike(), param.ulike()});
        INDArray m = mv[0];
        INDArray v = mv[1];
        if (t == 1) {
            m.assign(0);
            v.assign(0);
        }
        m.muli(BETA1).addi(grad.mul(1 - BETA1));
        v.muli(BETA2).addi(grad.mul(grad).muli(1 - BETA2));
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(EPS);
        param.subi(m.div(denom).muli(learningRate / bc1));
    }
}
