package org.transferlab.multimnist;

import org.transferlab.engine.RunResult;

/**
 * How a MultiMNIST run ended: each task's last test accuracy (for the digit sum the share of canvases whose
 * rounded prediction is the sum), each regression task's RMSE (NaN for the digits), and the final weights.
 */
public record MultiMnistResult(RunResult.Status status, String message, double[] taskAccuracy, double[] taskRmse,
                             double[] finalWeights, long parameters, int epochsCompleted, double seconds) {
}
