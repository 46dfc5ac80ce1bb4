package org.transferlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm over the channels of an NCHW tensor followed by ReLU, fused into one pass each way:
 * <pre>
 *   x̂ = (x − μ_c) / √(σ²_c + ε)        y = max(0, γ_c·x̂ + β_c)
 * </pre>
 * In training μ, σ² are the batch's per-channel mean and biased variance, folded into the running
 * statistics ({@link BatchNormState}); in evaluation the running statistics are used. The backward pass is
 * the full batch-statistics gradient:
 * {@code ∂x = γ/√(σ²+ε) · (g − mean(g) − x̂·mean(g·x̂))}, with g the output gradient masked by ReLU
 * (after an evaluation pass, where μ and σ² are constants: {@code ∂x = γ/√(σ²+ε) · g}).
 *
 * <p>Two implementations of the same formulas ({@link Kernels}): one pass each way in Java on host copies,
 * or ND4J ops that keep everything where ND4J keeps it (the backward pass in the form
 * {@code ∂x = γ/√(σ²+ε) · (g − mean(g) − x̂·mean(g·x̂))}).
 */
public final class BatchNormRelu extends NamedLayer {
    private final Parameter gamma;
    private final Parameter beta;
    private final BatchNormState state;
    private final int channels;
    private float[] x;
    private float[] y;
    private float[] g;
    private float[] mean;
    private float[] invStd;
    private float[] gammaValues;
    private long[] shape;
    private boolean trainingPass;
    private INDArray output;
    private INDArray gradInput;
    private Kernels kernels;
    // ND4J kernels: the forward input, per-channel mean and 1/√(σ²+ε) [C], scratch of the input's shape
    private INDArray input;
    private INDArray meanNd;
    private INDArray invStdNd;
    private INDArray masked;
    private INDArray normalised;

    public BatchNormRelu(String name, int channels) {
        super(name);
        this.channels = channels;
        this.gamma = Parameter.of(name + "/gamma", Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, channels, 1, 1));
        this.beta = Parameter.of(name + "/beta", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, channels, 1, 1));
        this.state = new BatchNormState(name, channels);
        this.mean = new float[channels];
        this.invStd = new float[channels];
    }

    public BatchNormState state() {
        return state;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public INDArray forward(INDArray input, Pass pass) {
        kernels = Kernels.current();
        if (kernels == Kernels.ND4J) {
            return forwardNd4j(input, pass);
        }
        shape = input.shape();
        int n = (int) shape[0];
        int hw = (int) (shape[2] * shape[3]);
        x = Floats.read(input, x);
        y = y != null && y.length == x.length ? y : new float[x.length];
        gammaValues = Floats.read(gamma.value(), gammaValues);
        float[] b = Floats.read(beta.value(), null);
        trainingPass = pass.training();
        if (trainingPass) {
            float[] var = new float[channels];
            Parallel.forEach(channels, c -> statistics(n, hw, c, var));
            state.update(mean, var, (long) n * hw);
        } else {
            float[] rm = Floats.read(state.runningMean(), null);
            float[] rv = Floats.read(state.runningVar(), null);
            for (int c = 0; c < channels; c++) {
                mean[c] = rm[c];
                invStd[c] = (float) (1 / Math.sqrt(rv[c] + BatchNormState.EPSILON));
            }
        }
        Parallel.forEach(channels, c -> {
            float scale = gammaValues[c] * invStd[c];
            float shift = b[c] - mean[c] * scale;
            for (int i = 0; i < n; i++) {
                int from = (i * channels + c) * hw;
                for (int j = from; j < from + hw; j++) {
                    y[j] = Math.max(0f, x[j] * scale + shift);
                }
            }
        });
        output = Floats.like(output, shape);
        Floats.write(output, y);
        return output;
    }

    private INDArray forwardNd4j(INDArray x, Pass pass) {
        shape = x.shape();
        trainingPass = pass.training();
        this.input = x;
        if (trainingPass) {
            // mean and biased variance in two passes, each a mean over every plane and then over the batch:
            // with ND4J's one-pass float32 variance over all N·H·W values the outputs differed from the Java
            // kernels' by up to 4e-6 of their scale, enough to move a value or two per layer across the ReLU
            // kink (its gradient then g instead of 0); in two passes they agree to 1e-7
            meanNd = x.mean(2, 3).mean(0);
            normalised = Floats.like(normalised, shape);
            NativeOps.subPerChannel(x, meanNd, normalised);
            masked = Floats.like(masked, shape);
            normalised.mul(normalised, masked);
            INDArray var = masked.mean(2, 3).mean(0);
            state.update(meanNd, var, shape[0] * shape[2] * shape[3]);
            invStdNd = inverseStd(var);
        } else {
            meanNd = state.runningMean().reshape(channels).dup();
            invStdNd = inverseStd(state.runningVar().reshape(channels).dup());
        }
        INDArray scale = gamma.value().reshape(channels).mul(invStdNd);
        INDArray shift = beta.value().reshape(channels).sub(meanNd.mul(scale));
        output = Floats.like(output, shape);
        NativeOps.mulPerChannel(x, scale, output);
        NativeOps.addPerChannel(output, shift, output);
        NativeOps.relu(output, output);
        return output;
    }

    /** 1/√(σ² + ε), in place. */
    private static INDArray inverseStd(INDArray var) {
        return org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.addi(BatchNormState.EPSILON), false).rdivi(1);
    }

    private INDArray backwardNd4j(INDArray gradOut) {
        long m = shape[0] * shape[2] * shape[3];
        masked = Floats.like(masked, shape);
        NativeOps.reluMask(output, gradOut, masked);
        normalised = Floats.like(normalised, shape);
        NativeOps.subPerChannel(input, meanNd, normalised);
        NativeOps.mulPerChannel(normalised, invStdNd, normalised);
        // per-channel sums over each plane, then over the batch
        INDArray dBeta = masked.sum(2, 3).sum(0);
        gradInput = Floats.like(gradInput, shape);
        masked.mul(normalised, gradInput);
        INDArray dGamma = gradInput.sum(2, 3).sum(0);
        gamma.grad().assign(dGamma.reshape(1, channels, 1, 1));
        beta.grad().assign(dBeta.reshape(1, channels, 1, 1));
        INDArray k = gamma.value().reshape(channels).mul(invStdNd);
        if (trainingPass) {
            // k · (g − mean(g) − x̂·mean(g·x̂))
            NativeOps.mulPerChannel(normalised, dGamma.divi(m), gradInput);
            masked.sub(gradInput, gradInput);
            NativeOps.subPerChannel(gradInput, dBeta.divi(m), gradInput);
            NativeOps.mulPerChannel(gradInput, k, gradInput);
        } else {
            NativeOps.mulPerChannel(masked, k, gradInput);
        }
        return gradInput;
    }

    /** Mean and biased variance of channel c, shifted by its first value against cancellation. */
    private void statistics(int n, int hw, int c, float[] var) {
        float shift = x[c * hw];
        double s = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            int from = (i * channels + c) * hw;
            int to = from + hw;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
            int j = from;
            for (; j + 3 < to; j += 4) {
                float d0 = x[j] - shift, d1 = x[j + 1] - shift, d2 = x[j + 2] - shift, d3 = x[j + 3] - shift;
                s0 += d0; s1 += d1; s2 += d2; s3 += d3;
                q0 += d0 * d0; q1 += d1 * d1; q2 += d2 * d2; q3 += d3 * d3;
            }
            for (; j < to; j++) {
                float d = x[j] - shift;
                s0 += d;
                q0 += d * d;
            }
            s += (s0 + s1) + (s2 + s3);
            ss += (q0 + q1) + (q2 + q3);
        }
        long m = (long) n * hw;
        double mu = s / m;
        double v = Math.max(0, ss / m - mu * mu);
        mean[c] = (float) (mu + shift);
        var[c] = (float) v;
        invStd[c] = (float) (1 / Math.sqrt(v + BatchNormState.EPSILON));
    }

    private void backwardChannel(int n, int hw, long m, int c, float[] dGamma, float[] dBeta) {
        float mu = mean[c];
        float is = invStd[c];
        double sg = 0;
        double sgx = 0;
        for (int i = 0; i < n; i++) {
            int from = (i * channels + c) * hw;
            int to = from + hw;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            int j = from;
            for (; j + 3 < to; j += 4) {
                float g0 = Floats.where(y[j], g[j]);
                float g1 = Floats.where(y[j + 1], g[j + 1]);
                float g2 = Floats.where(y[j + 2], g[j + 2]);
                float g3 = Floats.where(y[j + 3], g[j + 3]);
                g[j] = g0; g[j + 1] = g1; g[j + 2] = g2; g[j + 3] = g3;
                a0 += g0; a1 += g1; a2 += g2; a3 += g3;
                b0 += g0 * (x[j] - mu); b1 += g1 * (x[j + 1] - mu); b2 += g2 * (x[j + 2] - mu); b3 += g3 * (x[j + 3] - mu);
            }
            for (; j < to; j++) {
                float gj = Floats.where(y[j], g[j]);
                g[j] = gj;
                a0 += gj;
                b0 += gj * (x[j] - mu);
            }
            sg += (a0 + a1) + (a2 + a3);
            sgx += (b0 + b1) + (b2 + b3);
        }
        sgx *= is;
        dBeta[c] = (float) sg;
        dGamma[c] = (float) sgx;
        float k = gammaValues[c] * is;
        float meanG = trainingPass ? (float) (sg / m) : 0f;
        float meanGx = trainingPass ? (float) (sgx / m) * is : 0f;
        float offset = k * (-meanG + mu * meanGx);
        float slope = -k * meanGx;
        for (int i = 0; i < n; i++) {
            int from = (i * channels + c) * hw;
            for (int j = from; j < from + hw; j++) {
                g[j] = k * g[j] + slope * x[j] + offset;
            }
        }
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (kernels == Kernels.ND4J) {
            return backwardNd4j(gradOut);
        }
        int n = (int) shape[0];
        int hw = (int) (shape[2] * shape[3]);
        long m = (long) n * hw;
        g = Floats.read(gradOut, g);
        float[] dGamma = new float[channels];
        float[] dBeta = new float[channels];
        Parallel.forEach(channels, c -> backwardChannel(n, hw, m, c, dGamma, dBeta));
        Floats.write(gamma.grad(), dGamma);
        Floats.write(beta.grad(), dBeta);
        gradInput = Floats.like(gradInput, shape);
        Floats.write(gradInput, g);
        return gradInput;
    }

    @Override
    public void release() {
        x = null;
        y = null;
        g = null;
        output = null;
        gradInput = null;
        input = null;
        meanNd = null;
        invStdNd = null;
        masked = null;
        normalised = null;
    }
}
