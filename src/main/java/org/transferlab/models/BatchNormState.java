package org.transferlab.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch-norm layer's running statistics and the graph names through which they flow. In training
 * the layer normalises with the batch statistics (graph outputs {@code batchMean}/{@code batchVar}) and the
 * engine folds them into the running averages; in evaluation it normalises with the running values, fed
 * through the placeholders {@code runningMeanInput}/{@code runningVarInput}.
 *
 * <p>Running update as in PyTorch: {@code r ← (1 − m)·r + m·b}, with momentum m = 0.1 and the unbiased batch
 * variance.
 */
public final class BatchNormState {
    public static final double MOMENTUM = 0.1;
    public static final double EPSILON = 1e-5;

    private final String name;
    private final int channels;
    private final long elementsPerChannelPerSample;
    private final INDArray runningMean;
    private final INDArray runningVar;

    BatchNormState(String name, int channels, long elementsPerChannelPerSample, INDArray runningMean,
                   INDArray runningVar) {
        this.name = name;
        this.channels = channels;
        this.elementsPerChannelPerSample = elementsPerChannelPerSample;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
    }

    public String name() {
        return name;
    }

    public int channels() {
        return channels;
    }

    public String runningMeanInput() {
        return name + "/running_mean";
    }

    public String runningVarInput() {
        return name + "/running_var";
    }

    public String batchMean() {
        return name + "/batch_mean";
    }

    public String batchVar() {
        return name + "/batch_var";
    }

    public INDArray runningMean() {
        return runningMean;
    }

    public INDArray runningVar() {
        return runningVar;
    }

    /** Folds one training batch's statistics into the running averages. */
    public void update(INDArray batchMean, INDArray batchVar, int batchSize) {
        long n = batchSize * elementsPerChannelPerSample;
        double unbias = n > 1 ? n / (double) (n - 1) : 1.0;
        runningMean.muli(1 - MOMENTUM).addi(batchMean.reshape(runningMean.shape()).mul(MOMENTUM));
        runningVar.muli(1 - MOMENTUM).addi(batchVar.reshape(runningVar.shape()).mul(MOMENTUM * unbias));
    }
}
