package org.transferlab.weightings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightingTest {

    private static TaskStep step(double[] losses, double[][] g) {
        return new TaskStep(losses, g, g);
    }

    @Test
    void uncertaintyTermAndItsGradientInS() {
        assertEquals(2.0, UncertaintyWeighting.term(2, 0), 1e-12);
        assertEquals(Math.exp(-1) * 3 + 0.5, UncertaintyWeighting.term(3, 1), 1e-12);
        assertEquals(-1.5, UncertaintyWeighting.gradientInS(2, 0), 1e-12);
        // stationary where exp(−s)·L = ½: s = ln(2L)
        assertEquals(0, UncertaintyWeighting.gradientInS(2, Math.log(4)), 1e-12);
        for (double s : new double[]{-1, 0, 0.7, 2}) {
            double h = 1e-6;
            double fd = (UncertaintyWeighting.term(1.3, s + h) - UncertaintyWeighting.term(1.3, s - h)) / (2 * h);
            assertEquals(fd, UncertaintyWeighting.gradientInS(1.3, s), 1e-8);
        }
    }

    @Test
    void kendallsRegressionFormByHandAndFiniteDifferences() {
        // exp(−s)/2·L + s/2: at s = 0, L = 2 → 1; at s = 1, L = 3 → 3/(2e) + 1/2
        assertEquals(1.0, UncertaintyWeighting.regressionTerm(2, 0), 1e-12);
        assertEquals(3 / (2 * Math.E) + 0.5, UncertaintyWeighting.regressionTerm(3, 1), 1e-12);
        // stationary where exp(−s)·L = 1: s = ln L (the classification form's is ln 2L)
        assertEquals(0, UncertaintyWeighting.regressionGradientInS(2, Math.log(2)), 1e-12);
        for (double s : new double[]{-1, 0, 0.7, 2}) {
            double h = 1e-6;
            double fd = (UncertaintyWeighting.regressionTerm(1.3, s + h)
                    - UncertaintyWeighting.regressionTerm(1.3, s - h)) / (2 * h);
            assertEquals(fd, UncertaintyWeighting.regressionGradientInS(1.3, s), 1e-8);
        }
        // a classification and a regression task at the same loss 0.5: s → ln 1 = 0 and ln 0.5;
        // weights exp(−s) = 1 and exp(−s)/2 = 1: the regression form settles at twice the weight
        UncertaintyWeighting u = (UncertaintyWeighting) Weightings.create("uncertainty", new boolean[]{false, true},
                new double[]{1, 1}, new double[]{0, 0}, 1.5, 0.05, 0);
        double[] w = null;
        for (int i = 0; i < 4000; i++) {
            w = u.weights(step(new double[]{0.5, 0.5}, new double[][]{{1}, {1}}));
        }
        assertEquals(0.0, u.state().get("s1"), 0.02);
        assertEquals(Math.log(0.5), u.state().get("s2"), 0.02);
        assertEquals(1.0, w[0], 0.02);
        assertEquals(1.0, w[1], 0.02);
    }

    @Test
    void uncertaintyLearnsSmallerWeightsForHigherLosses() {
        UncertaintyWeighting u = new UncertaintyWeighting(new double[]{0, 0}, 0.05);
        double[] w = null;
        for (int i = 0; i < 4000; i++) {
            w = u.weights(step(new double[]{2.0, 0.5}, new double[][]{{1}, {1}}));
        }
        // s_i → ln(2 L_i): weights exp(−s) → 1/(2 L_i) = 0.25 and 1
        assertEquals(Math.log(4), u.state().get("s1"), 0.02);
        assertEquals(0.0, u.state().get("s2"), 0.02);
        assertEquals(0.25, w[0], 0.01);
        assertEquals(1.0, w[1], 0.02);
        assertEquals((u.state().get("s1") + u.state().get("s2")) / 2, u.regulariser(), 0.01);
    }

    @Test
    void gradNormKeepsTheSumAndFavoursTheTaskThatLearnsSlowest() {
        GradNorm g = new GradNorm(2, 1.5, GradNorm.LEARNING_RATE);
        double[][] grads = {{0.6, 0.8}, {1.0, 0.0}};
        for (int t = 0; t < 200; t++) {
            // task 1's loss falls from 1 to 0.2, task 2's only from 1 to 0.9
            double l1 = 1 - 0.8 * t / 199.0;
            double l2 = 1 - 0.1 * t / 199.0;
            g.weights(step(new double[]{l1, l2}, grads));
            double[] w = g.current();
            assertEquals(2.0, w[0] + w[1], 1e-9, "Σ w_i = number of tasks");
            assertTrue(w[0] > 0 && w[1] > 0);
        }
        double[] w = g.current();
        assertTrue(w[1] > 1.2 && w[0] < 0.8, "weight moved to the slow task: " + w[0] + ", " + w[1]);
        assertThrows(IllegalArgumentException.class, () -> new GradNorm(2, -1, 0.01));
    }

    @Test
    void mgdaTwoTaskSolutionsIncludingTheClippedCases() {
        // orthogonal, equal norms: the midpoint
        assertArrayEquals(new double[]{0.5, 0.5}, Mgda.minNorm(new double[][]{{1, 0}, {0, 1}}), 1e-12);
        // g1 = (1,0), g2 = (0,2): α = ((g2 − g1)·g2)/‖g1 − g2‖² = 4/5
        assertArrayEquals(new double[]{0.8, 0.2}, Mgda.minNorm(new double[][]{{1, 0}, {0, 2}}), 1e-12);
        // parallel, g2 longer: the min-norm point is g1 itself (clipped at 1)
        assertArrayEquals(new double[]{1, 0}, Mgda.minNorm(new double[][]{{1, 0}, {2, 0}}), 1e-12);
        // parallel, g1 longer: clipped at 0
        assertArrayEquals(new double[]{0, 1}, Mgda.minNorm(new double[][]{{2, 0}, {1, 0}}), 1e-12);
        // identical gradients: any α is optimal; ½ by convention
        assertArrayEquals(new double[]{0.5, 0.5}, Mgda.minNorm(new double[][]{{1, 1}, {1, 1}}), 1e-12);
        // opposed gradients: the combination cancels
        double[] a = Mgda.minNorm(new double[][]{{1, 0}, {-3, 0}});
        assertEquals(0.75, a[0], 1e-12);
    }

    @Test
    void mgdaIsOnTheSimplexAndMinimalAgainstAGridSearch() {
        Random r = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[][] g = new double[3][5];
            for (double[] v : g) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = r.nextGaussian();
                }
            }
            double[] a = Mgda.minNorm(g);
            assertEquals(1.0, a[0] + a[1] + a[2], 1e-9);
            for (double v : a) {
                assertTrue(v >= 0);
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= 200; i++) {
                for (int j = 0; i + j <= 200; j++) {
                    best = Math.min(best, normOf(g, new double[]{i / 200.0, j / 200.0, (200 - i - j) / 200.0}));
                }
            }
            assertTrue(normOf(g, a) <= best + 1e-6, "Frank–Wolfe " + normOf(g, a) + " vs grid " + best);
        }
    }

    private static double normOf(double[][] g, double[] a) {
        double[] c = new double[g[0].length];
        for (int i = 0; i < g.length; i++) {
            for (int k = 0; k < c.length; k++) {
                c[k] += a[i] * g[i][k];
            }
        }
        return TaskStep.norm(c);
    }

    @Test
    void dwaWeightsFromTheLastTwoEpochs() {
        Dwa d = new Dwa(2, 2.0);
        TaskStep s = step(new double[]{1, 1}, new double[][]{{1}, {1}});
        assertArrayEquals(new double[]{1, 1}, d.weights(s), 0);
        d.endEpoch(new double[]{2.0, 1.0});
        assertArrayEquals(new double[]{1, 1}, d.weights(s), 0, "equal for the first two epochs");
        d.endEpoch(new double[]{1.0, 0.9});
        // r = (0.5, 0.9): w_i = 2·exp(r_i/2)/Σ exp(r_j/2)
        double e1 = Math.exp(0.25);
        double e2 = Math.exp(0.45);
        assertArrayEquals(new double[]{2 * e1 / (e1 + e2), 2 * e2 / (e1 + e2)}, d.weights(s), 1e-12);
    }

    @Test
    void fixedWeightsAndTheRegistry() {
        assertArrayEquals(new double[]{0.3, 1.7}, new FixedWeights(new double[]{0.3, 1.7})
                .weights(step(new double[]{1, 1}, new double[][]{{1}, {1}})), 0);
        assertThrows(IllegalArgumentException.class, () -> new FixedWeights(new double[]{-1, 1}));
        for (String id : Weightings.NAMES) {
            assertEquals(id, Weightings.create(id, 2, new double[]{1, 1}, new double[]{0, 0}, 1.5, 1e-3, 0).id());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> Weightings.create("pcgrad2", 2, new double[]{1, 1}, new double[]{0, 0}, 1.5, 1e-3, 0));
        assertTrue(e.getMessage().contains("choose one of"));
        // part 2 offers what works with separate inputs: all but MGDA-UB, which needs one shared Z
        assertEquals(java.util.List.of("fixed", "uncertainty", "gradnorm", "mgda", "dwa", "pcgrad"),
                Weightings.SEPARATE_INPUT_NAMES);
        assertEquals(WeightingMethod.Needs.ONE_SHARED_REPRESENTATION, Weightings.get("mgda-ub").needs());
        assertEquals(WeightingMethod.Needs.NOTHING, Weightings.get("dwa").needs());
        // PCGrad is registered like the others: weights 1 each, and it changes the shared direction
        LossWeighting pc = Weightings.create("pcgrad", 2, new double[]{3, 3}, new double[]{0, 0}, 1.5, 1e-3, 7);
        assertArrayEquals(new double[]{1, 1}, pc.weights(step(new double[]{1, 1}, new double[][]{{1, 0}, {-1, 1}})), 0);
        assertArrayEquals(new double[]{0.5, 1.5}, ((GradientSurgery) pc).combine(new double[][]{{1, 0}, {-1, 1}}), 1e-12);
        assertEquals(-1, step(new double[]{1, 1}, new double[][]{{1, 0}, {-2, 0}}).cosine(0, 1), 1e-12);
    }

    @Test
    void theRegistryChecksSettingsWithOneLineNamingTheOption() {
        var fixed = Weightings.get("fixed");
        assertEquals(java.util.List.of("task-weights"), fixed.settings().stream().map(s -> s.key()).toList());
        assertArrayEquals(new double[]{0.3, 1.7}, fixed.factory().create(2,
                java.util.Map.of("task-weights", java.util.List.of(0.3, 1.7)), 1e-3, 0)
                .weights(step(new double[]{1, 1}, new double[][]{{1}, {1}})), 0);
        var negative = assertThrows(IllegalArgumentException.class,
                () -> Weightings.check(2, new double[]{1, -1}, new double[]{0, 0}, 1.5));
        assertEquals("--task-weights: every number must be between 0 and 100, got 1,-1", negative.getMessage());
        var count = assertThrows(IllegalArgumentException.class,
                () -> Weightings.check(2, new double[]{1}, new double[]{0, 0}, 1.5));
        assertTrue(count.getMessage().startsWith("--task-weights needs 2 numbers"), count.getMessage());
        var alpha = assertThrows(IllegalArgumentException.class,
                () -> Weightings.check(2, new double[]{1, 1}, new double[]{0, 0}, Double.NaN));
        assertTrue(alpha.getMessage().startsWith("--gradnorm-alpha must be between 0 and 10"), alpha.getMessage());
        assertEquals("1,0.5", org.transferlab.transfer.Setting.format(
                Weightings.TASK_WEIGHTS.parse("w", " 1, 0.5")).toString());
    }
}
