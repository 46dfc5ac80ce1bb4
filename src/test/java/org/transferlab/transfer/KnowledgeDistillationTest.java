package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transferlab.models.CnnLarge;
import org.transferlab.models.CnnSmall;
import org.transferlab.testing.GradientCheck;
import org.transferlab.testing.Reference;

class KnowledgeDistillationTest {

    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double kd(double[][] student, double[][] teacher, double t) {
        return KnowledgeDistillation.term(flat(student), flat(teacher), student[0].length, t, 1, null);
    }

    @Test
    void handComputedValues() {
        double ln3 = Math.log(3);
        // uniform student, any teacher: -Σ p_t log(1/2) = ln 2
        assertEquals(Math.log(2), kd(new double[][]{{0, 0}}, new double[][]{{ln3, 0}}, 1), 1e-12);
        // student equal to teacher p = (3/4, 1/4): the teacher's entropy
        assertEquals(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)),
                kd(new double[][]{{ln3, 0}}, new double[][]{{ln3, 0}}, 1), 1e-12);
        // T = 2 divides the logits: 2·ln3 at T = 2 is ln3 at T = 1
        assertEquals(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)),
                kd(new double[][]{{2 * ln3, 0}}, new double[][]{{2 * ln3, 0}}, 2), 1e-12);
        // batch mean, not sum: two identical rows give the one-row value
        assertEquals(Math.log(2), kd(new double[][]{{0, 0}, {0, 0}}, new double[][]{{ln3, 0}, {ln3, 0}}, 1), 1e-12);
    }

    @Test
    void matchesIndependentComputationOnRandomLogits() {
        Random r = new Random(1);
        double[][] s = new double[5][7];
        double[][] t = new double[5][7];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                s[i][j] = r.nextGaussian() * 3;
                t[i][j] = r.nextGaussian() * 3;
            }
        }
        for (double temp : new double[]{1, 4, 20}) {
            assertEquals(Reference.kd(s, t, temp), kd(s, t, temp), 1e-10, "T=" + temp);
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesAndClosedForm() {
        Random r = new Random(2);
        double[][] s = new double[3][4];
        double[][] t = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                s[i][j] = r.nextGaussian();
                t[i][j] = r.nextGaussian();
            }
        }
        double temp = 4;
        double[] x = flat(s);
        double[] teacher = flat(t);
        double[] g = new double[x.length];
        KnowledgeDistillation.term(x, teacher, 4, temp, 1, g);
        GradientCheck.check("kd", x, v -> KnowledgeDistillation.term(v, teacher, 4, temp, 1, null), g, 1, 1e-6);
        // closed form: ∂kd/∂l_s = (softmax(l_s/T) − softmax(l_t/T)) / (T·N), and the weight scales it
        double[] g3 = new double[x.length];
        KnowledgeDistillation.term(x, teacher, 4, temp, 3, g3);
        for (int n = 0; n < 3; n++) {
            double[] qs = Reference.softmax(s[n], temp);
            double[] pt = Reference.softmax(t[n], temp);
            for (int i = 0; i < 4; i++) {
                assertEquals((qs[i] - pt[i]) / (temp * 3), g[n * 4 + i], 1e-12);
                assertEquals(3 * g[n * 4 + i], g3[n * 4 + i], 1e-12);
            }
        }
    }

    @Test
    void crossEntropyMatchesHandValueAndGradient() {
        double[] z = {0, 0, Math.log(3), 0};
        int[] y = {0, 1};
        double[] g = new double[4];
        double ce = CrossEntropy.evaluate(z, y, 2, 1, g);
        // −(log ½ + log ¼)/2
        assertEquals((Math.log(2) + Math.log(4)) / 2, ce, 1e-12);
        assertEquals(Reference.crossEntropy(new double[][]{{0, 0}, {Math.log(3), 0}}, y), ce, 1e-12);
        GradientCheck.check("ce", z, v -> CrossEntropy.evaluate(v, y, 2, 1, new double[4]), g, 1, 1e-6);
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        double[] q = new double[3];
        double lse = Softmax.into(new double[]{1000, 0, -1000}, 0, 3, 1, q);
        assertEquals(1000, lse, 1e-9);
        assertEquals(1, q[0], 1e-12);
        assertEquals(0, CrossEntropy.evaluate(new double[]{1000, 0, -1000}, new int[]{0}, 3, 1, new double[3]), 1e-9);
        assertEquals(Math.log(2), Softmax.entropy(new double[]{0.5, 0.5}), 1e-12);
    }

    @Test
    void objectiveWeightsAreOneMinusAlphaAndAlphaTSquaredAndTheTotalUsesThem() {
        Objective o = Objective.build(new CnnSmall(), new CnnLarge(), List.of(new KnowledgeDistillation(4, 0.9)));
        assertEquals(0.1, o.componentWeights().get(Objective.CE), 1e-12);
        assertEquals(0.9 * 16, o.componentWeights().get("loss/kd"), 1e-12);
        double[] s = {1, 2, 0.5, -1};
        double[] t = {0, 3, 1, 1};
        var r = o.evaluate(new LossInputs(2, 2, s, new int[]{1, 0}, java.util.Map.of(), t, java.util.Map.of()));
        double ce = CrossEntropy.evaluate(s, new int[]{1, 0}, 2, 1, new double[4]);
        double kd = KnowledgeDistillation.term(s, t, 2, 4, 1, null);
        assertEquals(ce, r.components().get(Objective.CE), 1e-12);
        assertEquals(kd, r.components().get("loss/kd"), 1e-12);
        assertEquals(0.1 * ce + 0.9 * 16 * kd, r.total(), 1e-12);
    }

    @Test
    void kdSplitsIntoTheKlDivergenceAndTheTeachersEntropyByHand() {
        double ln3 = Math.log(3);
        // teacher p = (3/4, 1/4) at T = 1, uniform student q = (1/2, 1/2):
        // H(p) = −(¾ ln ¾ + ¼ ln ¼) = 0.562335…, kd = H(p, q) = ln 2 = 0.693147…,
        // KL(p ‖ q) = ¾ ln(¾ / ½) + ¼ ln(¼ / ½) = ¾ ln 1.5 − ¼ ln 2 = 0.130812036…
        double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        double kl = 0.75 * Math.log(1.5) - 0.25 * Math.log(2);
        assertEquals(0.5623351446, h, 1e-10);
        assertEquals(0.1308120359, kl, 1e-10);
        assertEquals(h, KnowledgeDistillation.teacherEntropy(new double[]{ln3, 0}, 2, 1), 1e-12);
        // T = 2 halves the logits: 2·ln3 at T = 2 is ln3 at T = 1; a batch is its rows' mean
        assertEquals(h, KnowledgeDistillation.teacherEntropy(new double[]{2 * ln3, 0}, 2, 2), 1e-12);
        assertEquals((h + Math.log(2)) / 2, KnowledgeDistillation.teacherEntropy(new double[]{ln3, 0, 5, 5}, 2, 1),
                1e-12);

        KnowledgeDistillation term = new KnowledgeDistillation(1, 0.5);
        double[] s = {0, 0};
        double[] t = {ln3, 0};
        LossGradients g = new LossGradients(2);
        var parts = term.evaluate(new LossInputs(1, 2, s, new int[]{0}, java.util.Map.of(), t, java.util.Map.of()), g);
        assertEquals(List.of("loss/kd", "loss/kd/kl", "loss/kd/entropy"),
                parts.stream().map(TransferTerm.Component::name).toList(), "kd first, then its two parts");
        assertEquals(Math.log(2), parts.get(0).value(), 1e-12);
        assertEquals(kl, parts.get(1).value(), 1e-12);
        assertEquals(h, parts.get(2).value(), 1e-12);
        assertEquals(parts.get(0).value(), parts.get(1).value() + parts.get(2).value(), 1e-12, "the parts add up");
        for (var p : parts) {
            assertEquals(0.5, p.weight(), 1e-12, "each weighted α·T² like kd");
        }
        // the gradient is kd's alone: (q − p)·weight / (N·T) = (½ − ¾)·½, (½ − ¼)·½
        assertEquals(-0.125, g.logits()[0], 1e-12);
        assertEquals(0.125, g.logits()[1], 1e-12);
    }

    @Test
    void thePartsChangeNeitherTheLossNorItsGradientAndTheEntropyIsStatedApart() {
        Objective o = Objective.build(new CnnSmall(), new CnnLarge(), List.of(new KnowledgeDistillation(4, 0.5)));
        assertEquals(List.of(Objective.CE, "loss/kd", "loss/kd/kl", "loss/kd/entropy"),
                List.copyOf(o.componentWeights().keySet()));
        assertEquals(8, o.componentWeights().get("loss/kd/entropy"), 1e-12);
        // the anatomy stacks (1 − α)·CE and α·T²·KL; the teacher's entropy is stated apart
        assertEquals(List.of(Objective.CE, "loss/kd/kl"), TransferMethods.stackKeys(o.componentWeights().keySet()));
        assertEquals(List.of("loss/kd/entropy"), TransferMethods.constantKeys(o.componentWeights().keySet()));
        assertEquals("KD: KL(pₜ‖pₛ)", TransferMethods.label("loss/kd/kl"));
        Random r = new Random(3);
        double[] s = new double[3 * 10];
        double[] t = new double[3 * 10];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextGaussian() * 2;
            t[i] = r.nextGaussian() * 4;
        }
        int[] y = {1, 7, 3};
        var res = o.evaluate(new LossInputs(3, 10, s, y, java.util.Map.of(), t, java.util.Map.of()));
        double ce = CrossEntropy.evaluate(s, y, 10, 1, new double[30]);
        double kd = KnowledgeDistillation.term(s, t, 10, 4, 1, null);
        assertEquals(0.5 * ce + 8 * kd, res.total(), 1e-12, "the total is (1 − α)·CE + α·T²·kd, as before");
        double[] g = new double[30];
        CrossEntropy.evaluate(s, y, 10, 0.5, g);
        KnowledgeDistillation.term(s, t, 10, 4, 8, g);
        for (int i = 0; i < 30; i++) {
            assertEquals(g[i], res.gradients().logits()[i], 1e-12, "gradient " + i);
        }
        double kl = res.components().get("loss/kd/kl");
        assertEquals(kd, kl + res.components().get("loss/kd/entropy"), 1e-12);
        assertTrue(kl >= -1e-12, "a KL divergence is never negative: " + kl);
    }

    @Test
    void refusesImpossibleSettings() {
        var student = new CnnSmall();
        var teacher = new CnnLarge();
        var e = assertThrows(IllegalArgumentException.class, () -> Objective.build(student, teacher,
                List.of(new KnowledgeDistillation(0, 0.5))));
        assertEquals("kd.temperature must be > 0 (typically 1 to 20), got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Objective.build(student, teacher,
                List.of(new KnowledgeDistillation(4, 1.5))));
    }
}
