package org.transferlab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer vocabulary architectures are written in: 3×3 convolutions, batch norm, ReLU, 2×2 max pooling,
 * global average pooling, dense layers and dropout, on NCHW tensors in one {@link SameDiff} graph.
 *
 * <p>Parameters start as in PyTorch's defaults (weights and biases uniform in ±1/√fan_in; BN γ = 1, β = 0),
 * drawn from a {@link Random} seeded by the caller, so a seed fixes every initial value.
 * A builder makes either the training form of a network (batch norm on batch statistics, dropout on) or its
 * inference form (batch norm on running statistics fed as placeholders, no dropout); see {@link ModelGraph}.
 */
public final class GraphBuilder {
    private final SameDiff sd;
    private final DataType dtype;
    private final Random rng;
    private final boolean training;
    private final java.util.Map<String, BatchNormState> sharedStates;
    final List<BatchNormState> batchNorms = new ArrayList<>();
    final List<DropoutMask> dropouts = new ArrayList<>();
    final List<String> parameters = new ArrayList<>();

    /**
     * @param sharedStates for the inference form: the training form's batch-norm states, reused by name so
     *                     both forms read the same running statistics; null for the training form
     */
    GraphBuilder(SameDiff sd, DataType dtype, long seed, boolean training, java.util.Map<String, BatchNormState> sharedStates) {
        this.sd = sd;
        this.dtype = dtype;
        this.rng = new Random(seed);
        this.training = training;
        this.sharedStates = sharedStates;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    private INDArray uniform(double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * bound;
        }
        return Nd4j.create(v, shape, 'c').castTo(dtype);
    }

    private SDVariable param(String name, INDArray init) {
        parameters.add(name);
        return sd.var(name, init);
    }

    /** 3×3 convolution, stride 1, "same" padding, with bias. Weights are [kH, kW, in, out]. */
    public SDVariable conv3x3(String name, SDVariable x, int in, int out) {
        double bound = 1 / Math.sqrt(in * 9.0);
        SDVariable w = param(name + "/W", uniform(bound, 3, 3, in, out));
        SDVariable b = param(name + "/b", uniform(bound, out));
        Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn().conv2d(name, x, w, b, cfg);
    }

    /**
     * Batch norm over the channels of an NCHW tensor with {@code channels} channels of {@code h×w}:
     * {@code y = γ·(x − μ)/√(σ² + ε) + β}, with μ, σ² the batch statistics in the training form (exposed as
     * graph outputs so the engine can update the running averages) and the running ones, fed as placeholders,
     * in the inference form.
     */
    public SDVariable batchNorm(String name, SDVariable x, int channels, int h, int w) {
        SDVariable gamma = param(name + "/gamma", Nd4j.ones(dtype, 1, channels, 1, 1));
        SDVariable beta = param(name + "/beta", Nd4j.zeros(dtype, 1, channels, 1, 1));
        BatchNormState state = sharedStates != null ? sharedStates.get(name) : new BatchNormState(name, channels,
                (long) h * w, Nd4j.zeros(dtype, 1, channels, 1, 1), Nd4j.ones(dtype, 1, channels, 1, 1));
        batchNorms.add(state);
        SDVariable mean;
        SDVariable var;
        if (training) {
            mean = x.mean(state.batchMean(), true, 0, 2, 3);
            SDVariable centred = x.sub(mean);
            var = centred.mul(centred).mean(state.batchVar(), true, 0, 2, 3);
            SDVariable normalised = centred.div(sd.math().sqrt(var.add(BatchNormState.EPSILON)));
            return normalised.mul(gamma).add(name, beta);
        }
        mean = sd.placeHolder(state.runningMeanInput(), dtype, 1, channels, 1, 1);
        var = sd.placeHolder(state.runningVarInput(), dtype, 1, channels, 1, 1);
        SDVariable normalised = x.sub(mean).div(sd.math().sqrt(var.add(BatchNormState.EPSILON)));
        return normalised.mul(gamma).add(name, beta);
    }

    public SDVariable relu(String name, SDVariable x) {
        return sd.nn().relu(name, x, 0);
    }

    public SDVariable maxPool2(String name, SDVariable x) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        return sd.cnn().maxPooling2d(name, x, cfg);
    }

    /** Mean over the spatial positions: [N, C, H, W] → [N, C]. */
    public SDVariable globalAveragePool(String name, SDVariable x, int channels) {
        return x.mean(true, 2, 3).reshape(-1, channels).rename(name);
    }

    /** {@code x·W + b} with W of [in, out]. */
    public SDVariable dense(String name, SDVariable x, int in, int out) {
        double bound = 1 / Math.sqrt(in);
        SDVariable w = param(name + "/W", uniform(bound, in, out));
        SDVariable b = param(name + "/b", uniform(bound, 1, out));
        return x.mmul(w).add(name, b);
    }

    /**
     * Inverted dropout with rate {@code rate}: in training the engine feeds a mask of 0 and 1/(1 − rate)
     * drawn from the run's seed; in evaluation a mask of ones.
     */
    public SDVariable dropout(String name, SDVariable x, int width, double rate) {
        if (!training) {
            return x;
        }
        DropoutMask mask = new DropoutMask(name + "/mask", width, rate);
        dropouts.add(mask);
        SDVariable m = sd.placeHolder(mask.input(), dtype, -1, width);
        return x.mul(name, m);
    }

    /** [N, 1, H, W] images as [N, H·W] vectors. */
    public SDVariable flatten(String name, SDVariable x, int size) {
        return x.reshape(-1, size).rename(name);
    }
}
