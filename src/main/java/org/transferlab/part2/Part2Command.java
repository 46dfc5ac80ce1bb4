package org.transferlab.part2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.transferlab.chapters.CommonOptions;
import org.transferlab.chapters.WeightingOptions;
import org.transferlab.data.DataKind;
import org.transferlab.weightings.Weightings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train part2}: one of part 2's multi-task exercises headless. */
@Command(name = "part2", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Part 2: two tasks (MNIST digits and Fashion-MNIST), each with its own images, trained together: "
                + "one network per task, a shared trunk, batch norm per task, or the structure search.")
public final class Part2Command implements Callable<Integer> {
    @Option(names = "--exercise", defaultValue = "mtl-q2", completionCandidates = ExerciseIds.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String exercise;

    @Option(names = "--weighting", defaultValue = "fixed", completionCandidates = WeightingIds.class,
            description = "how the two losses are weighted: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
                    + "`transferlab methods` describes them)")
    String weighting;

    @Mixin
    WeightingOptions weights = new WeightingOptions();

    @Option(names = "--train-size", description = "images per task (default: the exercise's)")
    Integer trainSize;

    @Option(names = "--eval-every", defaultValue = "1", description = "test-set evaluation every N epochs (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** Part 2's exercises, for --exercise's help and completion. */
    static final class ExerciseIds extends ArrayList<String> {
        ExerciseIds() {
            super(Arrays.stream(MultiTaskExercise.values()).map(MultiTaskExercise::id).toList());
        }
    }

    /** The weightings that work when each task brings its own images. */
    static final class WeightingIds extends ArrayList<String> {
        WeightingIds() {
            super(Weightings.SEPARATE_INPUT_NAMES);
        }
    }

    @Override
    public Integer call() throws Exception {
        common.applyKernels();
        return MultiTaskConsole.train(toConfig(), common.out);
    }

    MultiTaskConfig toConfig() {
        MultiTaskExercise ex = MultiTaskExercise.parse(exercise.startsWith("mtl-") ? exercise : "mtl-" + exercise);
        MultiTaskConfig d = MultiTaskConfig.defaults(ex);
        return new MultiTaskConfig(ex, weighting, weights.taskWeightsOr(d.fixedWeights()),
                weights.initialSOr(d.initialS()), weights.gradNormAlpha, DataKind.parse(common.data), common.dataDir,
                trainSize != null ? trainSize : d.trainSize(), common.epochsOr(d.epochs()), common.batchOr(128),
                common.lr, common.seed, evalEvery, d.widths()).validate();
    }
}
