package org.transferlab.engine;

import java.util.Map;

/**
 * One training step: the loss components (unweighted, by graph name such as {@code loss/ce}, {@code loss/kd},
 * {@code loss/at}, {@code loss/at/group1}) and the weighted total; the loop's rate, from which the time left
 * follows ({@link RunProgress#etaSeconds}).
 */
public record StepMetrics(int epoch, int stepInEpoch, long step, long totalSteps, Map<String, Double> losses,
                          double total, double batchAccuracy, double elapsedSeconds, double stepsPerSecond)
        implements RunProgress {
}
