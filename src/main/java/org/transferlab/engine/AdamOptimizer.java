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

    /** The first and second moments by parameter name, {@code m/NAME} and {@code v/NAME}, for a checkpoint. */
    public java.util.Map<String, float[]> moments() {
        java.util.Map<String, float[]> out = new java.util.TreeMap<>();
        state.forEach((name, s) -> {
            out.put("m/" + name, s[0].clone());
            out.put("v/" + name, s[1].clone());
        });
        return out;
    }

    /**
     * Continues from a checkpoint: the step count and the moments {@link #moments()} returned. Parameters the
     * moments do not name start from zero, as they would have.
     */
    public void restore(int stepCount, java.util.Map<String, float[]> moments) {
        if (stepCount < 0) {
            throw new IllegalArgumentException("Adam's step count must be >= 0, got " + stepCount);
        }
        state.clear();
        moments.forEach((key, values) -> {
            if (key.startsWith("m/")) {
                float[] v = moments.get("v/" + key.substring(2));
                if (v == null || v.length != values.length) {
                    throw new IllegalArgumentException("Adam's moments for " + key.substring(2) + " are incomplete");
                }
                state.put(key.substring(2), new float[][]{values.clone(), v.clone(), null, null});
            }
        });
        t = stepCount;
    }

    /** Updates {@code param} in place from {@code grad} (plain float arrays of the same shape). */
    public void update(String name, INDArray param, INDArray grad) {
        float[][] s = state(name, (int) param.length());
        float[] theta = s[2] = Floats.read(param, s[2]);
        float[] g = s[3] = Floats.read(grad, s[3]);
        step(s, theta, g);
        Floats.write(param, theta);
    }

    /** Updates {@code theta} in place from {@code grad} (a transfer method's own parameter). */
    public void update(String name, float[] theta, float[] grad) {
        step(state(name, theta.length), theta, grad);
    }

    private float[][] state(String name, int n) {
        // m, v, and scratch copies of the parameter and the gradient
        float[][] s = state.computeIfAbsent(name, k -> new float[][]{new float[n], new float[n], null, null});
        if (s[0].length != n) {
            throw new IllegalArgumentException("Adam: parameter " + name + " changed size from " + s[0].length
                    + " to " + n);
        }
        return s;
    }

    private void step(float[][] s, float[] theta, float[] g) {
        float[] m = s[0];
        float[] v = s[1];
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        double bc1 = 1 - Math.pow(BETA1, t);
        float step = (float) (learningRate / bc1);
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(BETA2, t));
        float eps = (float) EPS;
        for (int i = 0; i < theta.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            theta[i] -= step * m[i] / ((float) Math.sqrt(v[i]) / sqrtBc2 + eps);
        }
    }
}
