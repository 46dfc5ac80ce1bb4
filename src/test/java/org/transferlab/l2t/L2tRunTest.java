package org.transferlab.l2t;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transferlab.engine.RunResult;

/** Every method of the table learns the five target classes from few labels; L2T's λ stay non-negative. */
class L2tRunTest {

    private static L2tConfig quick(L2tMethod m) {
        return new L2tConfig(m, 10, 40, 25, 2e-3, 0.5, 1e-3, 1, 0.1, 0, 4, org.transferlab.data.DataKind.EMBEDDED);
    }

    @Test
    void everyMethodLearnsFromFewLabels() {
        for (L2tMethod m : L2tMethod.values()) {
            List<Map<L2tMethod.Pair, L2tListener.PairState>> seen = new ArrayList<>();
            L2tResult r = new L2tRun(quick(m)).addListener(new L2tListener() {
                @Override
                public void onPairs(int epoch, Map<L2tMethod.Pair, L2tListener.PairState> pairs) {
                    seen.add(pairs);
                }
            }).run();
            assertEquals(RunResult.Status.COMPLETED, r.status(), m + ": " + r.message());
            System.out.printf("%s: test accuracy %.4f, %.1f s, λ %s%n", m.id(), r.testAccuracy(), r.seconds(), r.lambda());
            // chance is 0.2 on five classes
            assertTrue(r.testAccuracy() > 0.35, m + ": test accuracy " + r.testAccuracy());
            if (m != L2tMethod.SCRATCH) {
                assertTrue(!seen.isEmpty(), m + " reports its pairs");
                for (var pairs : seen) {
                    pairs.values().forEach(s -> {
                        assertTrue(s.lambda() >= 0, "λ ≥ 0");
                        double sum = 0;
                        for (double w : s.channelWeights()) {
                            sum += w;
                        }
                        assertEquals(1, sum, 1e-9, "channel weights sum to 1");
                    });
                }
            }
        }
    }
}
