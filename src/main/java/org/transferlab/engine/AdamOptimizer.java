package org.transferlab.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Kernels;

/**
 * Adam (Kingma and Ba, 2015) exactly as PyTorch applies it, in place on each parameter:
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g         v ← β₂·v + (1 − β₂)·g²
 *   θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 *
 * <p>Under the {@link Kernels} current when the optimiser is made: a loop in Java on host copies, or the same
 * float operations in the same order as ND4J ops, with the moments kept where ND4J keeps them (on CUDA: on
 * the device).
 */
public final class AdamOptimizer {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final double learningRate;
    private final Map<String, float[][]> state = new HashMap<>();
    /** ND4J kernels: m, v and two scratch arrays per parameter, shaped like it. */
    private final Map<String, INDArray[]> arrays = new HashMap<>();
    private final Kernels kernels = Kernels.current();
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
        arrays.forEach((name, a) -> {
            out.put("m/" + name, Floats.read(a[0], null));
            out.put("v/" + name, Floats.read(a[1], null));
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
        arrays.clear();
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
        update(name, param, grad, 1);
    }

    /**
     * Updates {@code param} with its learning rate multiplied by {@code scale} (fine-tuning's per-layer
     * learning rates): the step is {@code scale·lr/(1 − β₁ᵗ) · m / (√v̂ + ε)}, the moments as always.
     */
    public void update(String name, INDArray param, INDArray grad, double scale) {
        if (kernels == Kernels.ND4J) {
            updateNd4j(name, param, grad, scale);
            return;
        }
        float[][] s = state(name, (int) param.length());
        float[] theta = s[2] = Floats.read(param, s[2]);
        float[] g = s[3] = Floats.read(grad, s[3]);
        step(s, theta, g, scale);
        Floats.write(param, theta);
    }

    /**
     * Updates {@code theta} in place from {@code grad} (a transfer method's own parameter, kept on the host: the
     * Java loop under either kernels).
     */
    public void update(String name, float[] theta, float[] grad) {
        step(state(name, theta.length), theta, grad, 1);
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

    /** This step's float32 constants, the same for both kernels: β₁, β₂, lr/(1 − β₁ᵗ), √(1 − β₂ᵗ), ε. */
    private record Coefficients(float b1, float b2, float step, float sqrtBc2, float eps) {
    }

    private Coefficients coefficients(double scale) {
        return new Coefficients((float) BETA1, (float) BETA2, (float) (scale * learningRate / (1 - Math.pow(BETA1, t))),
                (float) Math.sqrt(1 - Math.pow(BETA2, t)), (float) EPS);
    }

    private void step(float[][] s, float[] theta, float[] g, double scale) {
        float[] m = s[0];
        float[] v = s[1];
        Coefficients c = coefficients(scale);
        float b1 = c.b1();
        float b2 = c.b2();
        float step = c.step();
        float sqrtBc2 = c.sqrtBc2();
        float eps = c.eps();
        for (int i = 0; i < theta.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            theta[i] -= step * m[i] / ((float) Math.sqrt(v[i]) / sqrtBc2 + eps);
        }
    }

    private void updateNd4j(String name, INDArray param, INDArray grad, double scale) {
        INDArray[] a = arrays.computeIfAbsent(name, k -> {
            // moments restored from a checkpoint start where they left off, others from zero
            float[][] restored = state.remove(k);
            INDArray m = restored == null ? param.ulike().assign(0) : Nd4j.create(restored[0], param.shape(), 'c');
            INDArray v = restored == null ? param.ulike().assign(0) : Nd4j.create(restored[1], param.shape(), 'c');
            return new INDArray[]{m, v, param.ulike(), param.ulike()};
        });
        INDArray m = a[0];
        INDArray v = a[1];
        INDArray denominator = a[2];
        INDArray delta = a[3];
        Coefficients c = coefficients(scale);
        float b1 = c.b1();
        float b2 = c.b2();
        float step = c.step();
        float sqrtBc2 = c.sqrtBc2();
        float eps = c.eps();
        // m ← β₁·m + (1 − β₁)·g
        m.muli(b1).addi(delta.assign(grad).muli(1 - b1));
        // v ← β₂·v + (1 − β₂)·g·g
        v.muli(b2).addi(delta.assign(grad).muli(1 - b2).muli(grad));
        // θ ← θ − step·m / (√v / √bc₂ + ε)
        Transforms.sqrt(denominator.assign(v), false).divi(sqrtBc2).addi(eps);
        param.subi(delta.assign(m).muli(step).divi(denominator));
    }
}
