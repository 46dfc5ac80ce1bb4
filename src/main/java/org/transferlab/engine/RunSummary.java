package org.transferlab.engine;

/**
 * The numbers other tools read from {@code summary.json}. Accuracies are fractions in [0, 1] on the full test
 * split of the chosen data; NaN where not measured.
 */
public record RunSummary(String exercise, String status, String dataset, String dataSource, String model,
                         String teacher, double testAccuracy, Double teacherTestAccuracy, int trainSize,
                         int epochs, int epochsCompleted, long steps, double seconds, double stepsPerSecond,
                         String backend, long seed, double finalTrainLoss) {
}
