package org.transferlab.engine;

import java.util.List;
import java.util.Map;

/**
 * What a run is about, sent before its first step.
 *
 * @param lossWeights     each loss component's graph name (e.g. {@code loss/kd}) and its weight in the total
 * @param classNames      the data set's class names
 */
public record RunInfo(TrainingConfig config, String backend, String dataSource, int trainImages, int testImages,
                      int stepsPerEpoch, long totalSteps, String trainedModel, long parameterCount,
                      Double teacherTestAccuracy, Map<String, Double> lossWeights, List<String> classNames) {
}
