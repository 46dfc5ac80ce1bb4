package org.transferlab.oneinput;

import org.transferlab.engine.RunResult;

/** How a MultiMNIST run ended, with each task's last test accuracy (left, right) and the final weights. */
public record OneInputResult(RunResult.Status status, String message, double[] taskAccuracy, double[] finalWeights,
                             long parameters, int epochsCompleted, double seconds) {
}
