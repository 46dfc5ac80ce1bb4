package org.transferlab.l2t;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.transferlab.chapters.CommonOptions;
import org.transferlab.data.DataKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train l2t}: one run of the L2T-ww paper's table headless. */
@Command(name = "l2t", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Learning what and where to transfer: a target network trained from a few labels of Fashion-MNIST "
                + "classes 5-9, with a frozen source network (trained on classes 0-4) as a teacher of features.")
public final class L2tCommand implements Callable<Integer> {
    @Option(names = "--method", defaultValue = "l2t-ww", completionCandidates = Methods.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--per-class", defaultValue = "10", description = "labelled target images per class (default: ${DEFAULT-VALUE})")
    int perClass;

    @Option(names = "--beta", description = "weight of the transfer loss (default: the method's)")
    Double beta;

    @Option(names = "--meta-lr", description = "the meta-networks' Adam learning rate (default: 1e-4)")
    Double metaLr;

    @Option(names = "--inner-steps", description = "T, the transfer steps of the bilevel lookahead (default: 2)")
    Integer innerSteps;

    @Option(names = "--inner-lr", description = "the lookahead's gradient step α (default: 0.1)")
    Double innerLr;

    @Option(names = "--source", paramLabel = "cnn-small|cnn-large|FILE", defaultValue = "cnn-small",
            description = "the source network, a shipped one trained on Fashion-MNIST classes 0-4 or a checkpoint "
                    + "made with make-source (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--target", paramLabel = "cnn-small|cnn-large", defaultValue = "cnn-small",
            description = "the target network trained from scratch on classes 5-9 (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--evaluations", defaultValue = "10", description = "test evaluations over the run (default: ${DEFAULT-VALUE})")
    int evaluations;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** The methods of the paper's table. */
    static final class Methods extends ArrayList<String> {
        Methods() {
            super(Arrays.stream(L2tMethod.values()).map(L2tMethod::id).toList());
        }
    }

    @Override
    public Integer call() throws Exception {
        common.applyKernels();
        return L2tConsole.train(toConfig(), common.out);
    }

    L2tConfig toConfig() {
        var m = L2tMethod.parse(method);
        var d = L2tConfig.defaults(m);
        return new L2tConfig(m, perClass, common.epochsOr(d.epochs()), common.batchOr(d.batchSize()), common.lr,
                beta != null ? beta : d.beta(), metaLr != null ? metaLr : d.metaLearningRate(),
                innerSteps != null ? innerSteps : d.innerSteps(), innerLr != null ? innerLr : d.innerLearningRate(),
                common.seed, evaluations, DataKind.parse(common.data), source, target).validate();
    }
}
