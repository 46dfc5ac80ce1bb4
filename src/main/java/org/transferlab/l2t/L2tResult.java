package org.transferlab.l2t;

import java.util.Map;
import org.transferlab.engine.RunResult;

/** How an L2T run ended: the last test accuracy and, per pair, the last epoch's mean λ. */
public record L2tResult(RunResult.Status status, String message, double testAccuracy,
                        Map<L2tMethod.Pair, Double> lambda, int epochsCompleted, long steps, double seconds) {
}
