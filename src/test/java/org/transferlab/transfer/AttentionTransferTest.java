package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transferlab.models.CnnLarge;
import org.transferlab.models.CnnSmall;
import org.transferlab.models.ModelZoo;
import org.transferlab.testing.GradientCheck;
import org.transferlab.testing.Reference;

class AttentionTransferTest {

    private static LossInputs.Feature feature(double[][][][] a) {
        int n = a.length;
        int c = a[0].length;
        int h = a[0][0].length;
        int w = a[0][0][0].length;
        double[] v = new double[n * c * h * w];
        int k = 0;
        for (double[][][] s : a) {
            for (double[][] ch : s) {
                for (double[] row : ch) {
                    for (double x : row) {
                        v[k++] = x;
                    }
                }
            }
        }
        return new LossInputs.Feature(v, c, h, w);
    }

    private static double[] mapOf(double[][][][] a, AttentionTransfer.Form form, double p, int h, int w) {
        return AttentionTransfer.map(feature(a), form, p, h, w);
    }

    @Test
    void handComputedMaps() {
        // one sample, channels (3, -4) and (0, 0) over a 1×2 map
        double[][][][] a = {{{{3, -4}}, {{0, 0}}}};
        double[] tutorial = mapOf(a, AttentionTransfer.Form.TUTORIAL, 1, 1, 2);
        assertEquals(0.6, tutorial[0], 1e-12);
        assertEquals(0.8, tutorial[1], 1e-12);
        // paper: mean over channels of A² = (4.5, 8), normalised by √84.25
        double[] paper = mapOf(a, AttentionTransfer.Form.PAPER, 2, 1, 2);
        assertEquals(4.5 / Math.sqrt(84.25), paper[0], 1e-12);
        assertEquals(8 / Math.sqrt(84.25), paper[1], 1e-12);
    }

    @Test
    void handComputedPairLosses() {
        double[] qs = {0.6, 0.8};
        double[] qt = {1, 0};
        // ‖(0.4, −0.8)‖ = √0.8; mean of squares = 0.4
        assertEquals(Math.sqrt(0.8), AttentionTransfer.pairLoss(qs, qt, 1, AttentionTransfer.Form.TUTORIAL, null), 1e-9);
        assertEquals(0.4, AttentionTransfer.pairLoss(qs, qt, 1, AttentionTransfer.Form.PAPER, null), 1e-12);
    }

    private static double[][][][] random(Random r, int n, int c, int h, int w) {
        double[][][][] a = new double[n][c][h][w];
        for (double[][][] s : a) {
            for (double[][] ch : s) {
                for (double[] row : ch) {
                    for (int i = 0; i < w; i++) {
                        row[i] = r.nextGaussian();
                    }
                }
            }
        }
        return a;
    }

    @Test
    void mapsMatchIndependentComputation() {
        double[][][][] a = random(new Random(3), 3, 5, 4, 4);
        for (var form : AttentionTransfer.Form.values()) {
            for (double p : new double[]{1, 2, 3}) {
                double[] q = mapOf(a, form, p, 4, 4);
                for (int n = 0; n < 3; n++) {
                    double[] ref = Reference.attention(a[n], p, form == AttentionTransfer.Form.PAPER);
                    for (int i = 0; i < 16; i++) {
                        assertEquals(ref[i], q[n * 16 + i], 1e-10, form + " p=" + p);
                    }
                }
            }
        }
    }

    @Test
    void pooledMapIsTheMapOfTheAveragePooledChannelSum() {
        double[][][][] a = random(new Random(4), 2, 3, 4, 4);
        double[] q = mapOf(a, AttentionTransfer.Form.TUTORIAL, 1, 2, 2);
        for (int n = 0; n < 2; n++) {
            double[] pooled = new double[4];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        pooled[(y / 2) * 2 + x / 2] += Math.abs(a[n][c][y][x]) / 4;
                    }
                }
            }
            double norm = Math.sqrt(pooled[0] * pooled[0] + pooled[1] * pooled[1] + pooled[2] * pooled[2]
                    + pooled[3] * pooled[3]);
            for (int i = 0; i < 4; i++) {
                assertEquals(pooled[i] / norm, q[n * 4 + i], 1e-10);
            }
        }
    }

    @Test
    void lossesMatchIndependentComputationAndAreZeroForIdenticalMaps() {
        double[][][][] s = random(new Random(5), 4, 3, 3, 3);
        double[][][][] t = random(new Random(6), 4, 6, 3, 3);
        for (var form : AttentionTransfer.Form.values()) {
            double p = form.defaultP();
            double[][] qs = new double[4][];
            double[][] qt = new double[4][];
            for (int n = 0; n < 4; n++) {
                qs[n] = Reference.attention(s[n], p, form == AttentionTransfer.Form.PAPER);
                qt[n] = Reference.attention(t[n], p, form == AttentionTransfer.Form.PAPER);
            }
            double[] qtFlat = mapOf(t, form, p, 3, 3);
            double expected = form == AttentionTransfer.Form.PAPER ? Reference.atPaper(qs, qt) : Reference.atTutorial(qs, qt);
            assertEquals(expected, AttentionTransfer.pair(feature(s), qtFlat, 4, form, p, 3, 3, 1, null), 1e-9, form.name());
            assertEquals(0, AttentionTransfer.pair(feature(s), mapOf(s, form, p, 3, 3), 4, form, p, 3, 3, 1, null),
                    1e-5, form.name());
        }
    }

    /** Finite differences of the pair loss with respect to the student's feature tensor. */
    private static void checkGradient(double[][][][] s, double[] qt, AttentionTransfer.Form form, double p, int h, int w) {
        LossInputs.Feature f = feature(s);
        int n = s.length;
        double[] grad = new double[f.values().length];
        AttentionTransfer.pair(f, qt, n, form, p, h, w, 2.5, grad);
        for (int i = 0; i < grad.length; i++) {
            grad[i] /= 2.5; // the weight scales the gradient
        }
        GradientCheck.check("at " + form, f.values(), v -> AttentionTransfer.pair(
                new LossInputs.Feature(v, f.channels(), f.height(), f.width()), qt, n, form, p, h, w, 1, null),
                grad, 1, 1e-5);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (var form : AttentionTransfer.Form.values()) {
            for (double p : new double[]{1, 2, 3}) {
                double[][][][] s = random(new Random(7), 2, 3, 4, 4);
                double[] qt = mapOf(random(new Random(8), 2, 2, 4, 4), form, p, 4, 4);
                checkGradient(s, qt, form, p, 4, 4);
            }
        }
    }

    @Test
    void pooledGradientMatchesFiniteDifferences() {
        double[][][][] s = random(new Random(9), 2, 2, 4, 4);
        checkGradient(s, new double[]{0.5, 0.5, 0.5, 0.5, 1, 0, 0, 0}, AttentionTransfer.Form.TUTORIAL, 1, 2, 2);
        checkGradient(s, new double[]{0.5, 0.5, 0.5, 0.5, 1, 0, 0, 0}, AttentionTransfer.Form.PAPER, 2, 2, 2);
    }

    @Test
    void betaWeightsTheSumOverPairs() {
        Objective tut = Objective.build(new CnnSmall(), new CnnLarge(), List.of(
                new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, 3, List.of("group1", "group3"))));
        assertEquals(3, tut.componentWeights().get("loss/at"), 0);
        assertTrue(tut.componentWeights().containsKey("loss/at/group1"));
        assertEquals(List.of("group1", "group3"), List.copyOf(tut.context().teacherMapsUsed().keySet()));
        assertEquals(14, tut.context().teacherMapsUsed().get("group1")[0]);
        assertEquals(7, tut.context().teacherMapsUsed().get("group3")[1]);
        Objective paper = Objective.build(new CnnSmall(), new CnnLarge(), List.of(
                new AttentionTransfer(AttentionTransfer.Form.PAPER, 2, 1000, List.of("group2"))));
        assertEquals(500, paper.componentWeights().get("loss/at"), 0);
    }

    @Test
    void objectiveTotalIsCrossEntropyPlusBetaTimesTheSumOfPairs() {
        var at = new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, 3, List.of("group2", "group3"));
        Objective o = Objective.build(new CnnSmall(), new CnnLarge(), List.of(at));
        Random r = new Random(10);
        double[][][][] g2 = random(r, 2, 16, 7, 7);
        double[][][][] g3 = random(r, 2, 32, 7, 7);
        double[] q2 = mapOf(random(r, 2, 4, 7, 7), AttentionTransfer.Form.TUTORIAL, 1, 7, 7);
        double[] q3 = mapOf(random(r, 2, 4, 7, 7), AttentionTransfer.Form.TUTORIAL, 1, 7, 7);
        double[] logits = {1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        var res = o.evaluate(new LossInputs(2, 10, logits, new int[]{0, 1},
                Map.of("group2", feature(g2), "group3", feature(g3)), null, Map.of("group2", q2, "group3", q3)));
        double a2 = AttentionTransfer.pair(feature(g2), q2, 2, AttentionTransfer.Form.TUTORIAL, 1, 7, 7, 1, null);
        double a3 = AttentionTransfer.pair(feature(g3), q3, 2, AttentionTransfer.Form.TUTORIAL, 1, 7, 7, 1, null);
        assertEquals(a2, res.components().get("loss/at/group2"), 1e-12);
        assertEquals(a2 + a3, res.components().get("loss/at"), 1e-12);
        assertEquals(res.components().get(Objective.CE) + 3 * (a2 + a3), res.total(), 1e-12);
        assertEquals(2 * 16 * 49, res.gradients().taps().get("group2").length);
        // the per-term gradients (for the loss anatomy view) add up to the total's
        var byTerm = o.gradientsByTerm(new LossInputs(2, 10, logits, new int[]{0, 1},
                Map.of("group2", feature(g2), "group3", feature(g3)), null, Map.of("group2", q2, "group3", q3)));
        assertEquals(List.of(Objective.CE, "loss/at"), List.copyOf(byTerm.keySet()));
        for (int i = 0; i < logits.length; i++) {
            assertEquals(res.gradients().logits()[i], byTerm.get(Objective.CE).logits()[i]
                    + byTerm.get("loss/at").logits()[i], 1e-12);
        }
        double[] total3 = res.gradients().taps().get("group3");
        double[] at3 = byTerm.get("loss/at").taps().get("group3");
        for (int i = 0; i < total3.length; i += 97) {
            assertEquals(total3[i], at3[i], 1e-12);
        }
    }

    @Test
    void refusesPairsAModelDoesNotHave() {
        var e = assertThrows(IllegalArgumentException.class, () -> Objective.build(ModelZoo.get("mlp-tiny"),
                new CnnLarge(), List.of(new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, 1, List.of("group1")))));
        assertTrue(e.getMessage().contains("student mlp-tiny has no attention point group1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Objective.build(new CnnSmall(), new CnnLarge(), List.of(
                new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, -1, List.of("group1")))));
        assertEquals("at.beta must be >= 0, got -1.0", e.getMessage());
    }
}
