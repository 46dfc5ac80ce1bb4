package org.transferlab.finetune;

import org.transferlab.engine.RunResult;

/**
 * How a fine-tuning run ended: its status and plain message, the last measured test accuracy on the target, and
 * the parameter counts.
 */
public record FineTuneResult(RunResult.Status status, String message, double testAccuracy, long trainableParameters,
                             long totalParameters, int epochsCompleted, long steps, double seconds) {
}
