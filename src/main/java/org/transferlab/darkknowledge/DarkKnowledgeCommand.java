package org.transferlab.darkknowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.transferlab.chapters.CommonOptions;
import org.transferlab.data.DataKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train dark-knowledge}: one experiment of the dark-knowledge chapter headless. */
@Command(name = "dark-knowledge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Dark knowledge (Hinton, Vinyals and Dean 2015; born-again networks, Furlanello et al. 2018): "
                + "a teacher MLP on the MNIST digits and students taught by its soft targets; ban also on Fashion-MNIST with cnn-small.")
public final class DarkKnowledgeCommand implements Callable<Integer> {
    @Option(names = "--experiment", defaultValue = "hinton", completionCandidates = Experiments.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String experiment;

    @Option(names = "--omit", split = ",", paramLabel = "DIGIT[,DIGIT...]",
            description = "omitted: the digits left out of the transfer set, e.g. 3, or 0,1,2,3,4,5,6,9 to keep only "
                    + "7 and 8 (default: 3)")
    List<Integer> omit;

    @Option(names = "--transfer-share", defaultValue = "0.03",
            description = "small-transfer: the share of the transfer set the students see (default: ${DEFAULT-VALUE})")
    double transferShare;

    @Option(names = "--temperature", description = "T of the soft targets (default: 20; ban: 1)")
    Double temperature;

    @Option(names = "--alpha", description = "weight of the soft term, (1-α)·CE + α·T²·KD (default: 0.9; ban: BAN 1, "
            + "BAN+L 0.5, not settable)")
    Double alpha;

    @Option(names = "--generations", defaultValue = "3",
            description = "ban: generations after generation 0 (default: ${DEFAULT-VALUE})")
    int generations;

    @Option(names = "--ban-model", defaultValue = "mlp-medium",
            description = "ban: the architecture of every generation, mlp-medium, mlp-large or cnn-small (default: ${DEFAULT-VALUE})")
    String banModel;

    @Option(names = "--dataset", defaultValue = "mnist",
            description = "the images: mnist (every experiment) or fashion-mnist (ban only, part 1's setting; "
                    + "default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--teacher", paramLabel = "FILE",
            description = "a teacher checkpoint (the teacher.tlck of an earlier run) instead of training one")
    String teacher;

    @Option(names = "--teacher-epochs", description = "the teacher's epochs (default: 30; --epochs is every student's, "
            + "default 20)")
    Integer teacherEpochs;

    @Option(names = "--validation-share", defaultValue = "0.125",
            description = "omitted: training digits held out to choose the output bias (default: ${DEFAULT-VALUE})")
    double validationShare;

    @Option(names = "--jitter", defaultValue = "2", description = "the teacher's inputs are shifted by up to this many "
            + "pixels (default: ${DEFAULT-VALUE})")
    int jitter;

    @Option(names = "--train-size", defaultValue = "0", description = "training digits used, 0 for all (default: all)")
    int trainSize;

    @Option(names = "--test-size", defaultValue = "0", description = "test digits used, 0 for all (default: all)")
    int testSize;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** The experiments. */
    static final class Experiments extends ArrayList<String> {
        Experiments() {
            super(Experiment.ids());
        }
    }

    @Override
    public Integer call() throws Exception {
        common.applyKernels();
        return DarkKnowledgeConsole.train(toConfig(), common.dataDir, common.out);
    }

    /**
     * The config these command-line options give, checked as {@code train dark-knowledge} checks them (the app's
     * controls are turned into the same options, so both refuse the same settings with the same sentence).
     */
    public static DarkKnowledgeConfig config(String... args) {
        DarkKnowledgeCommand c = new DarkKnowledgeCommand();
        try {
            new picocli.CommandLine(c).parseArgs(args);
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return c.toConfig();
    }

    DarkKnowledgeConfig toConfig() {
        Experiment e = Experiment.parse(experiment);
        DarkKnowledgeConfig d = DarkKnowledgeConfig.defaults(e);
        if (e == Experiment.BAN && alpha != null) {
            throw new IllegalArgumentException("--alpha does not apply to ban: BAN learns from the teacher's outputs "
                    + "only (α = 1) and BAN+L with the labels too (α = 0.5)");
        }
        if (e == Experiment.BAN && teacher != null) {
            throw new IllegalArgumentException("--teacher does not apply to ban: generation 0 is trained in the run");
        }
        return new DarkKnowledgeConfig(e, omit != null ? omit : d.omit(), transferShare,
                temperature != null ? temperature : d.temperature(), alpha != null ? alpha : d.alpha(), generations,
                common.epochsOr(d.epochs()),
                teacherEpochs != null ? teacherEpochs : d.teacherEpochs(), common.batchOr(d.batchSize()), common.lr, common.seed, validationShare,
                jitter, trainSize, testSize, DataKind.parse(common.data), teacher, banModel, datasetId()).validate();
    }

    private org.transferlab.data.DatasetId datasetId() {
        if (!DarkKnowledgeConfig.DATASETS.contains(dataset.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("--dataset must be one of " + DarkKnowledgeConfig.DATASETS + ", got "
                    + dataset);
        }
        return org.transferlab.data.DatasetId.parse(dataset);
    }
}
