package org.transferlab.multimnist;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.transferlab.chapters.CommonOptions;
import org.transferlab.chapters.WeightingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train multimnist}: one MultiMNIST run headless. */
@Command(name = "multimnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Chapter 4, multi-task learning on one input: two digits on one MultiMNIST canvas (built from "
                + "the embedded MNIST digits), read by separate networks, a hard-shared trunk or a cross-stitch network.")
public final class MultiMnistCommand implements Callable<Integer> {
    @Option(names = "--architecture", defaultValue = "hard", completionCandidates = Architectures.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String architecture;

    @Option(names = "--weighting", defaultValue = "fixed", completionCandidates = WeightingIds.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; `transferlab methods` describes them)")
    String weighting;

    @Mixin
    WeightingOptions weights = new WeightingOptions();

    @Option(names = "--train-size", description = "training canvases (default: the chapter's)")
    Integer trainSize;

    @Option(names = "--stitch-lr", defaultValue = "10",
            description = "the cross-stitch α's learning-rate multiplier (default: ${DEFAULT-VALUE})")
    double stitchLr;

    @Option(names = "--tasks", defaultValue = "left,right", paramLabel = "T1,T2",
            description = "two of left, right (the digits) and sum (the two digits' sum, a regression) "
                    + "(default: ${DEFAULT-VALUE})")
    String tasks;

    @Option(names = "--jitter", defaultValue = "0",
            description = "up to how many pixels (0-2) further down and right the right digit may sit, for harder "
                    + "canvases (default: ${DEFAULT-VALUE})")
    int jitter;

    @Option(names = "--widths", split = ",", paramLabel = "C1,C2,C3",
            description = "channels of the three conv blocks of each column or trunk (default: 8,16,32)")
    int[] widths;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** The architectures, for --architecture's help. */
    static final class Architectures extends ArrayList<String> {
        Architectures() {
            super(MultiMnistConfig.ARCHITECTURES);
        }
    }

    /** Every weighting: on one input each applies, given an architecture that shares enough. */
    static final class WeightingIds extends ArrayList<String> {
        WeightingIds() {
            super(MultiMnistConfig.weightings());
        }
    }

    @Override
    public Integer call() throws Exception {
        common.applyKernels();
        return MultiMnistConsole.train(toConfig(), common.out);
    }

    MultiMnistConfig toConfig() {
        if (common.data.equalsIgnoreCase("full") || common.dataDir != null) {
            throw new IllegalArgumentException("--data full and --data-dir do not apply: MultiMNIST is always built "
                    + "from the embedded MNIST digits");
        }
        var d = MultiMnistConfig.defaults();
        return new MultiMnistConfig(architecture, weighting, weights.taskWeightsOr(d.fixedWeights()),
                weights.initialSOr(d.initialS()), weights.gradNormAlpha,
                trainSize != null ? trainSize : d.trainImages(), d.testImages(), common.epochsOr(d.epochs()),
                common.batchOr(d.batchSize()), common.lr, common.seed, widths != null ? widths : d.widths(), stitchLr,
                MultiMnistTask.parseList(tasks), jitter).validate();
    }
}
