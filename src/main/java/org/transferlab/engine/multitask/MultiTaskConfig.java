package org.transferlab.engine.multitask;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.multitask.Weightings;

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
        if (!Weightings.NAMES.contains(weighting)) {
            throw new IllegalArgumentException("--weighting: unknown method '" + weighting + "'; choose one of "
                    + Weightings.NAMES);
        }
        if (fixedWeights.length != TASKS.size() || Arrays.stream(fixedWeights).anyMatch(w -> !(w >= 0) || Double.isInfinite(w))) {
            throw new IllegalArgumentException("--task-weights needs " + TASKS.size() + " numbers >= 0, got "
                    + Arrays.toString(fixedWeights));
        }
        if (initialS.length != TASKS.size() || Arrays.stream(initialS).anyMatch(s -> !Double.isFinite(s))) {
            throw new IllegalArgumentException("--initial-s needs " + TASKS.size() + " finite numbers, got "
                    + Arrays.toString(initialS));
        }
        if (!(gradNormAlpha >= 0) || gradNormAlpha > 10) {
            throw new IllegalArgumentException("--gradnorm-alpha must be between 0 and 10 (typically 1.5), got " + gradNormAlpha);
        }
        TrainingConfig.checkTraining(trainSize, epochs, batchSize, learningRate, evalEvery);
        return this;
    }
}
