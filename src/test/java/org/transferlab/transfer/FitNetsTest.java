package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * FitNets as a plug-in term: its regressor is created with the networks' channel counts and trained through
 * {@link MethodParameter}; its value and gradients are {@link HintRegression}'s (whose formulas
 * {@code HintRegressionTest} checks by hand, independently and by finite differences), weighted by λ; the
 * two-stage schedule makes the hint the only loss, then none.
 */
class FitNetsTest {
    private static final int N = 3;

    private static LossInputs.Feature random(Random r, int c, int h, int w) {
        double[] v = new double[N * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return new LossInputs.Feature(v, c, h, w);
    }

    private static LossInputs inputs(Random r, Map<String, LossInputs.Feature> student, Map<String, LossInputs.Feature> teacher) {
        double[] logits = new double[N * 10];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = r.nextGaussian();
        }
        return new LossInputs(N, 10, logits, new int[]{1, 2, 3}, student, null, Map.of(), teacher);
    }

    private static FitNets built(String s, String t, double weight, boolean twoStage) {
        FitNets f = new FitNets(s, t, weight, twoStage, 2);
        f.validate(new ObjectiveContext(new CnnSmall(), new CnnLarge(), 7));
        return f;
    }

    @Test
    void theRegressorHasTheNetworksChannelCountsAndASeededStart() {
        FitNets f = built("group2", "group2", 1, false);
        List<MethodParameter> p = f.parameters();
        assertEquals(List.of("fitnets/regressor/W", "fitnets/regressor/b"), p.stream().map(MethodParameter::name).toList());
        assertArrayEquals(new long[]{64, 16}, p.get(0).shape());
        assertEquals(64 * 16, p.get(0).value().length);
        assertEquals(64, p.get(1).value().length);
        double bound = 1 / Math.sqrt(16);
        for (float v : p.get(0).value()) {
            assertTrue(Math.abs(v) <= bound + 1e-7);
        }
        assertArrayEquals(p.get(0).value(), built("group2", "group2", 1, false).parameters().get(0).value(),
                "the same seed draws the same regressor");
        // the run's seed, on a stream of its own
        FitNets other = new FitNets("group2", "group2", 1, false, 1);
        other.validate(new ObjectiveContext(new CnnSmall(), new CnnLarge(), 8));
        assertTrue(other.parameters().get(0).value()[0] != p.get(0).value()[0]);
    }

    @Test
    void valueAndGradientsAreTheHintsWeightedByLambda() {
        Random r = new Random(3);
        FitNets f = built("group2", "group2", 2.5, false);
        LossInputs.Feature s = random(r, 16, 7, 7);
        LossInputs.Feature t = random(r, 64, 7, 7);
        LossInputs in = inputs(r, Map.of("group2", s), Map.of("group2", t));
        LossGradients g = new LossGradients(N * 10);
        List<TransferTerm.Component> c = f.evaluate(in, g);
        double[] w = f.parameters().get(0).values();
        double[] b = f.parameters().get(1).values();
        double[] gs = new double[s.values().length];
        double[] gw = new double[w.length];
        double[] gb = new double[b.length];
        double expected = HintRegression.hint(s, t.values(), 64, 7, 7, w, b, 1.0, gs, gw, gb);
        assertEquals(expected, c.get(0).value(), 1e-12);
        assertEquals(2.5, c.get(0).weight());
        assertEquals("loss/hint", c.get(0).name());
        double[] tap = g.taps().get("group2");
        for (int i = 0; i < tap.length; i++) {
            assertEquals(2.5 * gs[i], tap[i], 1e-12);
        }
        for (int i = 0; i < gw.length; i++) {
            assertEquals((float) (2.5 * gw[i]), f.parameters().get(0).grad()[i], 1e-6 * Math.max(1, Math.abs(gw[i])));
        }
        for (int i = 0; i < gb.length; i++) {
            assertEquals((float) (2.5 * gb[i]), f.parameters().get(1).grad()[i], 1e-6 * Math.max(1, Math.abs(gb[i])));
        }
    }

    /** Central differences on the regressor's own parameters, through the term as the engine calls it. */
    @Test
    void regressorGradientsMatchFiniteDifferences() {
        Random r = new Random(5);
        FitNets f = built("group2", "group2", 1.0, false);
        LossInputs in = inputs(r, Map.of("group2", random(r, 16, 7, 7)), Map.of("group2", random(r, 64, 7, 7)));
        f.evaluate(in, new LossGradients(N * 10));
        for (MethodParameter p : f.parameters()) {
            float[] analytic = p.grad().clone();
            for (int i = 0; i < p.value().length; i += 37) {
                float old = p.value()[i];
                float h = 1e-2f;
                p.value()[i] = old + h;
                double up = f.evaluate(in, new LossGradients(N * 10)).get(0).value();
                p.value()[i] = old - h;
                double down = f.evaluate(in, new LossGradients(N * 10)).get(0).value();
                p.value()[i] = old;
                double numeric = (up - down) / ((double) (old + h) - (double) (old - h));
                assertEquals(numeric, analytic[i], 1e-4 * Math.max(1e-3, Math.abs(numeric)) + 1e-7, p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void aLargerFeaturePoolsToTheSmallerOneOnEitherSide() {
        Random r = new Random(9);
        // the student's group1 (8×14×14) pooled to the teacher's group2 (64×7×7)
        FitNets down = built("group1", "group2", 1, false);
        LossInputs.Feature s1 = random(r, 8, 14, 14);
        LossInputs.Feature t2 = random(r, 64, 7, 7);
        double v = down.evaluate(inputs(r, Map.of("group1", s1), Map.of("group2", t2)), new LossGradients(N * 10)).get(0).value();
        assertEquals(HintRegression.hint(s1, t2.values(), 64, 7, 7, down.parameters().get(0).values(),
                down.parameters().get(1).values(), 1, null, null, null), v, 1e-12);
        // the teacher's group1 (32×14×14) pooled to the student's group2 (16×7×7)
        FitNets up = built("group2", "group1", 1, false);
        LossInputs.Feature s2 = random(r, 16, 7, 7);
        LossInputs.Feature t1 = random(r, 32, 14, 14);
        double u = up.evaluate(inputs(r, Map.of("group2", s2), Map.of("group1", t1)), new LossGradients(N * 10)).get(0).value();
        double[] pooled = HintRegression.pool(t1.values(), N, 32, 14, 14, 7, 7);
        assertEquals(HintRegression.hint(s2, pooled, 32, 7, 7, up.parameters().get(0).values(),
                up.parameters().get(1).values(), 1, null, null, null), u, 1e-12);
    }

    @Test
    void twoStagesMakeTheHintTheOnlyLossThenNone() {
        FitNets f = built("group2", "group2", 1.0, true);
        assertEquals(TransferTerm.Stage.ALONE, f.stage(1));
        assertEquals(TransferTerm.Stage.ALONE, f.stage(2));
        assertEquals(TransferTerm.Stage.OFF, f.stage(3));
        assertEquals(TransferTerm.Stage.ON, built("group2", "group2", 1.0, false).stage(1));

        Random r = new Random(2);
        FitNets hint = new FitNets("group2", "group2", 1.0, true, 1);
        KnowledgeDistillation kd = new KnowledgeDistillation(4, 0.5);
        Objective o = Objective.build(new ObjectiveContext(new CnnSmall(), new CnnLarge(), 1), List.of(kd, hint));
        double[] teacherLogits = new double[N * 10];
        for (int i = 0; i < teacherLogits.length; i++) {
            teacherLogits[i] = r.nextGaussian();
        }
        LossInputs base = inputs(r, Map.of("group2", random(r, 16, 7, 7)), Map.of("group2", random(r, 64, 7, 7)));
        LossInputs in = new LossInputs(N, 10, base.studentLogits(), base.labels(), base.studentTaps(), teacherLogits,
                Map.of(), base.teacherTaps());
        o.atEpoch(1);
        Objective.Result stage1 = o.evaluate(in);
        assertEquals(stage1.components().get("loss/hint"), stage1.total(), 1e-12, "the hint alone");
        assertTrue(!stage1.components().containsKey("loss/kd"), "KD waits for stage 2");
        for (double g : stage1.gradients().logits()) {
            assertEquals(0, g, 0, "no gradient reaches the logits in stage 1");
        }
        o.atEpoch(2);
        Objective.Result stage2 = o.evaluate(in);
        assertTrue(!stage2.components().containsKey("loss/hint"));
        assertEquals(0.5 * stage2.components().get("loss/ce") + 0.5 * 16 * stage2.components().get("loss/kd"),
                stage2.total(), 1e-9);
        for (float g : hint.parameters().get(0).grad()) {
            assertEquals(0f, g, "the regressor rests in stage 2");
        }
    }

    @Test
    void refusesPointsANetworkDoesNotHave() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FitNets("group5", "group2", 1, false, 1)
                .validate(new ObjectiveContext(new CnnSmall(), new CnnLarge(), 0)));
        assertTrue(e.getMessage().startsWith("fitnets.student_point: the student cnn-small has no feature 'group5'; it has group1, group2, group3, embedding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FitNets("embedding", "group2", 1, false, 1)
                .validate(new ObjectiveContext(ModelZoo.get("mlp-tiny"), ModelZoo.get("mlp-large"), 0)));
        assertTrue(e.getMessage().contains("the teacher mlp-large has no feature 'group2'; it has embedding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FitNets("group2", "group2", -1, false, 1)
                .validate(new ObjectiveContext(new CnnSmall(), new CnnLarge(), 0)));
        assertEquals("fitnets.weight must be >= 0, got -1.0", e.getMessage());
    }
}
