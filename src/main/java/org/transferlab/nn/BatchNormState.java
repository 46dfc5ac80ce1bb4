package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch-norm layer's running statistics, [1, C, 1, 1] each, updated as PyTorch does after every
 * training batch: {@code r ← (1 − m)·r + m·b}, momentum m = 0.1, with the unbiased batch variance.
 */
public final class BatchNormState {
    public static final double MOMENTUM = 0.1;
    public static final double EPSILON = 1e-5;

    private final String name;
    private final INDArray runningMean;
    private final INDArray runningVar;
    private float[] mean;
    private float[] var;

    public BatchNormState(String name, int channels) {
        this.name = name;
        this.runningMean = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, channels, 1, 1);
        this.runningVar = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, channels, 1, 1);
    }

    public String name() {
        return name;
    }

    /** Checkpoint name of the running mean. */
    public String meanName() {
        return name + "/running_mean";
    }

    /** Checkpoint name of the running variance. */
    public String varName() {
        return name + "/running_var";
    }

    public INDArray runningMean() {
        return runningMean;
    }

    public INDArray runningVar() {
        return runningVar;
    }

    /** Folds one batch's mean and biased variance over {@code count} values per channel into the averages. */
    void update(float[] batchMean, float[] batchVar, long count) {
        mean = Floats.read(runningMean, mean);
        var = Floats.read(runningVar, var);
        double unbias = count > 1 ? count / (double) (count - 1) : 1.0;
        for (int c = 0; c < mean.length; c++) {
            mean[c] = (float) ((1 - MOMENTUM) * mean[c] + MOMENTUM * batchMean[c]);
            var[c] = (float) ((1 - MOMENTUM) * var[c] + MOMENTUM * unbias * batchVar[c]);
        }
        Floats.write(runningMean, mean);
        Floats.write(runningVar, var);
    }

    /** The same update with ND4J ops, from a batch mean and biased variance [C] where ND4J keeps them. */
    void update(INDArray batchMean, INDArray batchVar, long count) {
        double unbias = count > 1 ? count / (double) (count - 1) : 1.0;
        int channels = (int) runningMean.length();
        runningMean.reshape(channels).muli(1 - MOMENTUM).addi(batchMean.mul(MOMENTUM));
        runningVar.reshape(channels).muli(1 - MOMENTUM).addi(batchVar.mul(MOMENTUM * unbias));
    }
}
