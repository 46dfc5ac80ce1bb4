package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.models.CnnLarge;
import org.transferlab.models.CnnSmall;
import org.transferlab.models.ModelGraph;
import org.transferlab.models.ModelZoo;
import org.transferlab.testing.GradientCheck;
import org.transferlab.testing.Reference;

class AttentionTransferTest {

    private static INDArray mapOf(double[][][][] feature, AttentionTransfer.Form form, double p, int h, int w) {
        SameDiff sd = SameDiff.create();
        SDVariable f = sd.var("f", Nd4j.create(feature));
        AttentionTransfer.map(f, feature[0][0].length, form, p, h, w).rename("q");
        return sd.outputSingle(Map.of(), "q");
    }

    @Test
    void handComputedMaps() {
        // one sample, channels (3, -4) and (0, 0) over a 1×2 map
        double[][][][] a = {{{{3, -4}}, {{0, 0}}}};
        INDArray tutorial = mapOf(a, AttentionTransfer.Form.TUTORIAL, 1, 1, 2);
        assertEquals(0.6, tutorial.getDouble(0, 0), 1e-12);
        assertEquals(0.8, tutorial.getDouble(0, 1), 1e-12);
        // paper: mean over channels of A² = (4.5, 8), normalised by √84.25
        INDArray paper = mapOf(a, AttentionTransfer.Form.PAPER, 2, 1, 2);
        assertEquals(4.5 / Math.sqrt(84.25), paper.getDouble(0, 0), 1e-12);
        assertEquals(8 / Math.sqrt(84.25), paper.getDouble(0, 1), 1e-12);
    }

    @Test
    void handComputedPairLosses() {
        SameDiff sd = SameDiff.create();
        SDVariable qs = sd.var("qs", Nd4j.create(new double[][]{{0.6, 0.8}}));
        SDVariable qt = sd.constant("qt", Nd4j.create(new double[][]{{1, 0}}));
        AttentionTransfer.pairLoss("tut", qs, qt, AttentionTransfer.Form.TUTORIAL);
        AttentionTransfer.pairLoss("pap", qs, qt, AttentionTransfer.Form.PAPER);
        // ‖(0.4, −0.8)‖ = √0.8; mean of squares = 0.4
        assertEquals(Math.sqrt(0.8), sd.outputSingle(Map.of(), "tut").getDouble(0), 1e-9);
        assertEquals(0.4, sd.outputSingle(Map.of(), "pap").getDouble(0), 1e-12);
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
                INDArray q = mapOf(a, form, p, 4, 4);
                for (int n = 0; n < 3; n++) {
                    double[] ref = Reference.attention(a[n], p, form == AttentionTransfer.Form.PAPER);
                    for (int i = 0; i < 16; i++) {
                        assertEquals(ref[i], q.getDouble(n, i), 1e-10, form + " p=" + p);
                    }
                }
            }
        }
    }

    @Test
    void pooledMapIsTheMapOfTheAveragePooledChannelSum() {
        double[][][][] a = random(new Random(4), 2, 3, 4, 4);
        INDArray q = mapOf(a, AttentionTransfer.Form.TUTORIAL, 1, 2, 2);
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
                assertEquals(pooled[i] / norm, q.getDouble(n, i), 1e-10);
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
            SameDiff sd = SameDiff.create();
            SDVariable fs = sd.var("fs", Nd4j.create(s));
            SDVariable mapT = sd.constant("qt", Nd4j.create(qt));
            SDVariable mapS = AttentionTransfer.map(fs, 3, form, p, 3, 3);
            AttentionTransfer.pairLoss("at", mapS, mapT, form);
            AttentionTransfer.pairLoss("self", mapS, mapS, form);
            double expected = form == AttentionTransfer.Form.PAPER ? Reference.atPaper(qs, qt) : Reference.atTutorial(qs, qt);
            assertEquals(expected, sd.outputSingle(Map.of(), "at").getDouble(0), 1e-7, form.name());
            assertEquals(0, sd.outputSingle(Map.of(), "self").getDouble(0), 1e-5, form.name());
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (var form : AttentionTransfer.Form.values()) {
            double[][][][] s = random(new Random(7), 2, 3, 4, 4);
            double[][] qt = new double[2][];
            double[][][][] t = random(new Random(8), 2, 2, 4, 4);
            for (int n = 0; n < 2; n++) {
                qt[n] = Reference.attention(t[n], form.defaultP(), form == AttentionTransfer.Form.PAPER);
            }
            SameDiff sd = SameDiff.create();
            SDVariable fs = sd.var("fs", Nd4j.create(s));
            AttentionTransfer.pairLoss("at", AttentionTransfer.map(fs, 4, form, form.defaultP(), 4, 4),
                    sd.constant("qt", Nd4j.create(qt)), form);
            sd.setLossVariables("at");
            GradientCheck.check(sd, new HashMap<>(), "at", "fs", 1, 1e-4);
        }
    }

    @Test
    void pooledGradientMatchesFiniteDifferences() {
        double[][][][] s = random(new Random(9), 2, 2, 4, 4);
        SameDiff sd = SameDiff.create();
        SDVariable fs = sd.var("fs", Nd4j.create(s));
        double[][] qt = {{0.5, 0.5, 0.5, 0.5}, {1, 0, 0, 0}};
        AttentionTransfer.pairLoss("at", AttentionTransfer.map(fs, 4, AttentionTransfer.Form.TUTORIAL, 1, 2, 2),
                sd.constant("qt", Nd4j.create(qt)), AttentionTransfer.Form.TUTORIAL);
        sd.setLossVariables("at");
        GradientCheck.check(sd, new HashMap<>(), "at", "fs", 1, 1e-4);
    }

    @Test
    void betaWeightsTheSumOverPairs() {
        ModelGraph student = ModelGraph.create(new CnnSmall(), 10, DataType.FLOAT, 0);
        Objective tut = Objective.build(student, new CnnLarge(), List.of(
                new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, 3, List.of("group1", "group3"))));
        assertEquals(3, tut.componentWeights().get("loss/at"), 0);
        assertTrue(tut.componentWeights().containsKey("loss/at/group1"));
        assertEquals(Map.of("group1", 196, "group3", 49), tut.context().teacherMapsUsed());
        ModelGraph student2 = ModelGraph.create(new CnnSmall(), 10, DataType.FLOAT, 0);
        Objective paper = Objective.build(student2, new CnnLarge(), List.of(
                new AttentionTransfer(AttentionTransfer.Form.PAPER, 2, 1000, List.of("group2"))));
        assertEquals(500, paper.componentWeights().get("loss/at"), 0);
    }

    @Test
    void refusesPairsAModelDoesNotHave() {
        ModelGraph student = ModelGraph.create(ModelZoo.get("mlp-tiny"), 10, DataType.FLOAT, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Objective.build(student, new CnnLarge(), List.of(
                new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, 1, List.of("group1")))));
        assertTrue(e.getMessage().contains("student mlp-tiny has no such attention point"), e.getMessage());
        ModelGraph s2 = ModelGraph.create(new CnnSmall(), 10, DataType.FLOAT, 0);
        e = assertThrows(IllegalArgumentException.class, () -> Objective.build(s2, new CnnLarge(), List.of(
                new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, -1, List.of("group1")))));
        assertEquals("beta must be >= 0, got -1.0", e.getMessage());
    }
}
