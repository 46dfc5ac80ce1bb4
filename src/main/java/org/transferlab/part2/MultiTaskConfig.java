package org.transferlab.part2;

import java.nio.file.Path;
import java.util.List;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.weightings.Weightings;

/**
 * Everything that defines a part-2 run: task 1 is MNIST digits, task 2 Fashion-MNIST, each with its own
 * images; {@link #validate()} says in one line what to change.
 *
 * @param trainSize     images per task (the first N of a seeded shuffle; 0 = all)
 * @param widths        the trunk's channels per block
 * @param fixedWeights  the weights of {@code fixed}
 * @param initialS      the starting s_i of {@code uncertainty}
 * @param gradNormAlpha GradNorm's α
 */
public record MultiTaskConfig(MultiTaskExercise exercise, String weighting, double[] fixedWeights,
                              double[] initialS, double gradNormAlpha, DataKind data, Path dataDir, int trainSize,
                              int epochs, int batchSize, double learningRate, long seed, int evalEvery,
                              int[] widths) {
    public static final List<DatasetId> TASKS = List.of(DatasetId.MNIST, DatasetId.FASHION_MNIST);

    public static MultiTaskConfig defaults(MultiTaskExercise exercise) {
        return new MultiTaskConfig(exercise, "fixed", new double[]{1, 1}, new double[]{0, 0}, 1.5, DataKind.AUTO,
                null, 1000, 30, 128, 1e-3, 0, 1, new int[]{8, 16, 32});
    }

    public MultiTaskConfig validate() {
        org.transferlab.weightings.WeightingMethod method;
        try {
            method = Weightings.get(weighting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--weighting: " + e.getMessage());
        }
        if (!method.worksWithSeparateInputs()) {
            throw new IllegalArgumentException("--weighting " + weighting + " needs " + method.needs().words()
                    + "; part 2's tasks bring their own images: train it on one input with --chapter multimnist, "
                    + "or choose one of " + Weightings.SEPARATE_INPUT_NAMES);
        }
        Weightings.check(TASKS.size(), fixedWeights, initialS, gradNormAlpha);
        TrainingConfig.checkTraining(trainSize, epochs, batchSize, learningRate, evalEvery);
        return this;
    }
}
