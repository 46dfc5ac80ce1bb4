package org.transferlab.l2t;

import java.util.List;
import java.util.Map;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunListener;
import org.transferlab.engine.StepMetrics;

/**
 * An L2T run's {@link RunListener}: steps and epochs as in part 1 (losses {@code loss/ce} and
 * {@code loss/transfer}); in addition, after each evaluated epoch, per pair what the run learned ({@link #onPairs}).
 */
public interface L2tListener extends RunListener<L2tListener.Info, StepMetrics, EpochMetrics, L2tResult> {

    record Info(L2tConfig config, String backend, String dataSource, String sourceNetwork, int trainImages,
                int testImages, int epochs, long totalSteps, List<L2tMethod.Pair> pairs, long parameters) {
    }

    /**
     * Per pair, over the epoch's steps: the mean λ, the mean unweighted matching loss, and the mean channel weights
     * (over images).
     */
    record PairState(double lambda, double matchingLoss, double[] channelWeights) {
    }

    default void onPairs(int epoch, Map<L2tMethod.Pair, PairState> pairs) {
    }
}
