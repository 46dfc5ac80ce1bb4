package org.transferlab.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.nn.Floats;

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
    private final Map<String, float[][]> state = new HashMap<>();
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

    /** Updates {@code param} in place from {@code grad} (plain float arrays of the same shape). */
    public void update(String name, INDArray param, INDArray grad) {
        int n = (int) param.length();
        // m, v, and scratch copies of the parameter and the gradient
        float[][] s = state.computeIfAbsent(name, k -> new float[][]{new float[n], new float[n], null, null});
        float[] m = s[0];
        float[] v = s[1];
        float[] theta = s[2] = Floats.read(param, s[2]);
        float[] g = s[3] = Floats.read(grad, s[3]);
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        double bc1 = 1 - Math.pow(BETA1, t);
        float step = (float) (learningRate / bc1);
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(BETA2, t));
        float eps = (float) EPS;
        for (int i = 0; i < n; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            theta[i] -= step * m[i] / ((float) Math.sqrt(v[i]) / sqrtBc2 + eps);
        }
        Floats.write(param, theta);
    }
}
