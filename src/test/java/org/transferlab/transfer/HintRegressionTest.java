package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class HintRegressionTest {

    private static double hint(LossInputs.Feature s, double[] t, int ct, int h, int w, double[] weights,
                               double[] bias) {
        return HintRegression.hint(s, t, ct, h, w, weights, bias, 1, null, null, null);
    }

    @Test
    void handComputedValues() {
        // one sample, one channel, 1×2, identity regressor: differences 1 and 2 → ½·(1 + 4)/2
        var s = new LossInputs.Feature(new double[]{1, 3}, 1, 1, 2);
        assertEquals(1.25, hint(s, new double[]{0, 1}, 1, 1, 2, new double[]{1}, new double[]{0}), 1e-12);
        // pooled 2×2 → 1×1: mean 2.5, r = 2·2.5 + 1 = 6 against 5 → ½·1
        var p = new LossInputs.Feature(new double[]{1, 2, 3, 4}, 1, 2, 2);
        assertEquals(0.5, hint(p, new double[]{5}, 1, 1, 1, new double[]{2}, new double[]{1}), 1e-12);
        // two channels mixed into one: r = 1·S_0 − 2·S_1 + 0.5 = (1 − 2·3 + 0.5, 2 − 2·(−1) + 0.5) = (−4.5, 4.5)
        var two = new LossInputs.Feature(new double[]{1, 2, 3, -1}, 2, 1, 2);
        assertEquals(0.5 * (4.5 * 4.5 + 3.5 * 3.5) / 2,
                hint(two, new double[]{0, 1}, 1, 1, 2, new double[]{1, -2}, new double[]{0.5}), 1e-12);
    }

    @Test
    void identityRegressorIsHalfTheMeanSquaredDifference() {
        Random r = new Random(1);
        int n = 2;
        int c = 3;
        double[] s = gaussian(r, n * c * 9);
        double[] t = gaussian(r, n * c * 9);
        double[] identity = new double[c * c];
        for (int k = 0; k < c; k++) {
            identity[k * c + k] = 1;
        }
        double sum = 0;
        for (int k = 0; k < s.length; k++) {
            sum += (s[k] - t[k]) * (s[k] - t[k]);
        }
        assertEquals(0.5 * sum / s.length, hint(new LossInputs.Feature(s, c, 3, 3), t, c, 3, 3, identity,
                new double[c]), 1e-12);
        assertEquals(0, hint(new LossInputs.Feature(s, c, 3, 3), s, c, 3, 3, identity, new double[c]), 0);
    }

    @Test
    void matchesIndependentComputation() {
        Random r = new Random(2);
        int[][] shapes = {{2, 3, 4, 3, 3, 3, 3}, {3, 2, 5, 4, 4, 2, 2}, {2, 4, 2, 14, 14, 7, 7}, {1, 2, 3, 6, 4, 2, 1}};
        for (int[] sh : shapes) {
            int n = sh[0];
            int cs = sh[1];
            int ct = sh[2];
            int bigH = sh[3];
            int bigW = sh[4];
            int h = sh[5];
            int w = sh[6];
            double[] s = gaussian(r, n * cs * bigH * bigW);
            double[] t = gaussian(r, n * ct * h * w);
            double[][] reg = HintRegression.initialRegressor(cs, ct, r);
            double expected = naiveHint(s, n, cs, bigH, bigW, t, ct, h, w, reg[0], reg[1]);
            assertEquals(expected, hint(new LossInputs.Feature(s, cs, bigH, bigW), t, ct, h, w, reg[0], reg[1]),
                    1e-12, java.util.Arrays.toString(sh));
        }
    }

    @Test
    void poolAveragesNonOverlappingCells() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; // one 3×4 plane
        double[] p = HintRegression.pool(v, 1, 1, 3, 4, 1, 2);
        assertEquals((1 + 2 + 5 + 6 + 9 + 10) / 6.0, p[0], 1e-12);
        assertEquals((3 + 4 + 7 + 8 + 11 + 12) / 6.0, p[1], 1e-12);
        assertSame(v, HintRegression.pool(v, 1, 1, 3, 4, 3, 4));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(3);
        int[][] shapes = {{2, 3, 4, 3, 3, 3, 3}, {2, 2, 3, 2, 2, 1, 1}, {2, 2, 3, 14, 14, 7, 7}, {1, 3, 2, 4, 6, 2, 3}};
        for (int[] sh : shapes) {
            int n = sh[0];
            int cs = sh[1];
            int ct = sh[2];
            int bigH = sh[3];
            int bigW = sh[4];
            int h = sh[5];
            int w = sh[6];
            String what = java.util.Arrays.toString(sh);
            double[] s = gaussian(r, n * cs * bigH * bigW);
            double[] t = gaussian(r, n * ct * h * w);
            double[][] reg = HintRegression.initialRegressor(cs, ct, r);
            double[] gs = new double[s.length];
            double[] gw = new double[reg[0].length];
            double[] gb = new double[ct];
            HintRegression.hint(new LossInputs.Feature(s, cs, bigH, bigW), t, ct, h, w, reg[0], reg[1], 2.5, gs, gw, gb);
            check("student " + what, s, v -> hint(new LossInputs.Feature(v, cs, bigH, bigW), t, ct, h, w, reg[0],
                    reg[1]), gs);
            check("weights " + what, reg[0], v -> hint(new LossInputs.Feature(s, cs, bigH, bigW), t, ct, h, w, v,
                    reg[1]), gw);
            check("bias " + what, reg[1], v -> hint(new LossInputs.Feature(s, cs, bigH, bigW), t, ct, h, w, reg[0],
                    v), gb);
        }
    }

    @Test
    void gradientsAreAddedAndEachMayBeSkipped() {
        Random r = new Random(4);
        double[] s = gaussian(r, 2 * 2 * 4);
        double[] t = gaussian(r, 2 * 3);
        double[][] reg = HintRegression.initialRegressor(2, 3, r);
        var f = new LossInputs.Feature(s, 2, 2, 2);
        double[] gs = new double[s.length];
        double[] gw = new double[6];
        double[] gb = new double[3];
        double loss = HintRegression.hint(f, t, 3, 1, 1, reg[0], reg[1], 1, gs, gw, gb);
        double[] gb2 = {1, 1, 1};
        assertEquals(loss, HintRegression.hint(f, t, 3, 1, 1, reg[0], reg[1], 1, null, null, gb2), 0);
        for (int k = 0; k < 3; k++) {
            assertEquals(1 + gb[k], gb2[k], 1e-15);
        }
    }

    @Test
    void refusesSizesThatCannotBePooled() {
        var s = new LossInputs.Feature(new double[25], 1, 5, 5);
        var e = assertThrows(IllegalArgumentException.class,
                () -> hint(s, new double[4], 1, 2, 2, new double[]{1}, new double[]{0}));
        assertEquals("hint: a 5x5 student feature cannot be average-pooled to the teacher's 2x2 (it must be an"
                + " integer multiple; pool the teacher first if it is the larger)", e.getMessage());
        var small = new LossInputs.Feature(new double[4], 1, 2, 2);
        assertThrows(IllegalArgumentException.class,
                () -> hint(small, new double[16], 1, 4, 4, new double[]{1}, new double[]{0}));
        var ok = new LossInputs.Feature(new double[4], 1, 2, 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> hint(ok, new double[4], 1, 2, 2, new double[]{1, 2}, new double[]{0}));
        assertTrue(e.getMessage().contains("regressor needs 1x1 weights"), e.getMessage());
    }

    @Test
    void initialRegressorIsUniformWithinOneOverRootCsWeightsFirst() {
        double[][] reg = HintRegression.initialRegressor(4, 3, new Random(5));
        assertEquals(12, reg[0].length);
        assertEquals(3, reg[1].length);
        Random same = new Random(5);
        for (double v : reg[0]) {
            assertEquals((2 * same.nextDouble() - 1) * 0.5, v, 0);
        }
        for (double v : reg[1]) {
            assertEquals((2 * same.nextDouble() - 1) * 0.5, v, 0);
        }
        double[][] big = HintRegression.initialRegressor(16, 64, new Random(6));
        double max = 0;
        for (double v : big[0]) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= 0.25 && max > 0.24, "max |W| " + max);
    }

    /** Central differences on every element against a gradient computed with weight 2.5 (see {@link org.transferlab.testing.GradientCheck}). */
    private static void check(String what, double[] x, ToDoubleFunction<double[]> loss, double[] weighted) {
        double[] analytic = new double[weighted.length];
        for (int i = 0; i < analytic.length; i++) {
            analytic[i] = weighted[i] / 2.5;
        }
        org.transferlab.testing.GradientCheck.checkAgainstLargest(what, x, loss, analytic, 1e-5);
    }

    /** ½ · mean over (n, o, y, x) of (Σ_c W[o][c]·avg-pool(S)[n][c][y][x] + b[o] − T[n][o][y][x])². */
    private static double naiveHint(double[] s, int n, int cs, int bigH, int bigW, double[] t, int ct, int h, int w,
                                    double[] weights, double[] bias) {
        int kh = bigH / h;
        int kw = bigW / w;
        double sum = 0;
        for (int a = 0; a < n; a++) {
            for (int o = 0; o < ct; o++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double r = bias[o];
                        for (int c = 0; c < cs; c++) {
                            double cell = 0;
                            for (int dy = 0; dy < kh; dy++) {
                                for (int dx = 0; dx < kw; dx++) {
                                    cell += s[((a * cs + c) * bigH + y * kh + dy) * bigW + x * kw + dx];
                                }
                            }
                            r += weights[o * cs + c] * cell / (kh * kw);
                        }
                        double d = r - t[((a * ct + o) * h + y) * w + x];
                        sum += d * d;
                    }
                }
            }
        }
        return 0.5 * sum / (n * ct * h * w);
    }

    private static double[] gaussian(Random r, int size) {
        double[] v = new double[size];
        for (int k = 0; k < size; k++) {
            v[k] = r.nextGaussian();
        }
        return v;
    }
}
