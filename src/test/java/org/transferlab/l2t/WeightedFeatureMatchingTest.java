package org.transferlab.l2t;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The weighted feature-matching loss by hand, its gradients by central differences, and refused sizes. */
class WeightedFeatureMatchingTest {

    @Test
    void byHandOnATinyPair() {
        // N = 1, C_t = 1, C_s = 2, both maps 1×2 … square: side 1 (one position), so (1/HW) = 1
        var s = new WeightedFeatureMatching.Shapes(1, 1, 1, 2, 1);
        double[] target = {2};
        double[] source = {1, 5};
        double[] weight = {1, 3}; // r = (1·2 + 0.5, 3·2 − 1) = (2.5, 5)
        double[] bias = {0.5, -1};
        double[] w = {0.25, 0.75};
        double[] lambda = {2};
        var g = new WeightedFeatureMatching.Gradients(s);
        double l = WeightedFeatureMatching.loss(s, target, source, weight, bias, w, lambda, g);
        // L = λ (0.25·(2.5 − 1)² + 0.75·(5 − 5)²) = 2 · 0.5625 = 1.125
        assertEquals(1.125, l, 1e-12);
        assertEquals(0.5625, g.perSample[0], 1e-12);
        assertEquals(0.5625, g.lambda[0], 1e-12, "dL/dλ = L_i / N");
        assertEquals(2 * 2.25, g.channelWeights[0], 1e-12, "dL/dw_c = λ (r_c − S_c)²");
        assertEquals(0, g.channelWeights[1], 1e-12);
        // dL/dr = λ w_c 2 (r − S) = (2·0.25·2·1.5, 0) = (1.5, 0): dL/db = (1.5, 0), dL/dW = (3, 0), dL/dT = 1·1.5
        assertEquals(1.5, g.bias[0], 1e-12);
        assertEquals(3, g.weight[0], 1e-12);
        assertEquals(1.5, g.target[0], 1e-12);
    }

    @Test
    void gradientsMatchCentralDifferencesWhenEitherMapIsPooled() {
        Random rng = new Random(7);
        for (int[] sides : new int[][]{{4, 2}, {2, 4}, {3, 3}}) {
            var s = new WeightedFeatureMatching.Shapes(3, 2, sides[0], 3, sides[1]);
            double[] target = normal(rng, 3 * 2 * sides[0] * sides[0]);
            double[] source = normal(rng, 3 * 3 * sides[1] * sides[1]);
            double[] weight = normal(rng, 3 * 2);
            double[] bias = normal(rng, 3);
            double[] w = normal(rng, 3 * 3);
            double[] lambda = {0.5, 1.5, 2};
            var g = new WeightedFeatureMatching.Gradients(s);
            WeightedFeatureMatching.loss(s, target, source, weight, bias, w, lambda, g);
            double[][] inputs = {target, weight, bias, w, lambda};
            double[][] grads = {g.target, g.weight, g.bias, g.channelWeights, g.lambda};
            for (int a = 0; a < inputs.length; a++) {
                for (int k = 0; k < inputs[a].length; k++) {
                    double keep = inputs[a][k];
                    double h = 1e-6;
                    inputs[a][k] = keep + h;
                    double up = WeightedFeatureMatching.loss(s, target, source, weight, bias, w, lambda, null);
                    inputs[a][k] = keep - h;
                    double down = WeightedFeatureMatching.loss(s, target, source, weight, bias, w, lambda, null);
                    inputs[a][k] = keep;
                    assertEquals((up - down) / (2 * h), grads[a][k], 1e-6, "input " + a + "[" + k + "], sides "
                            + sides[0] + "/" + sides[1]);
                }
            }
        }
    }

    @Test
    void fmIsTheCaseOfUniformChannelWeightsAndUnitLambda() {
        Random rng = new Random(3);
        var s = new WeightedFeatureMatching.Shapes(2, 2, 2, 4, 2);
        double[] target = normal(rng, 2 * 2 * 4);
        double[] source = normal(rng, 2 * 4 * 4);
        double[] weight = normal(rng, 8);
        double[] bias = new double[4];
        double[] w = new double[8];
        java.util.Arrays.fill(w, 0.25);
        double l = WeightedFeatureMatching.loss(s, target, source, weight, bias, w, new double[]{1, 1}, null);
        double mse = 0; // the plain mean squared error over samples, channels and positions
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 4; c++) {
                for (int p = 0; p < 4; p++) {
                    double r = 0;
                    for (int k = 0; k < 2; k++) {
                        r += weight[c * 2 + k] * target[(i * 2 + k) * 4 + p];
                    }
                    double d = r - source[(i * 4 + c) * 4 + p];
                    mse += d * d;
                }
            }
        }
        assertEquals(mse / (2 * 4 * 4), l, 1e-12);
    }

    @Test
    void sizesNoWholeFactorRelatesAreRefusedInOneSentence() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WeightedFeatureMatching.checkSizes("group1 → group2", 7, 3));
        assertTrue(e.getMessage().startsWith("the pair group1 → group2 cannot be matched: the target's map is 7×7 "
                + "and the source's 3×3"), e.getMessage());
        WeightedFeatureMatching.checkSizes("ok", 14, 7);
    }

    static double[] normal(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
