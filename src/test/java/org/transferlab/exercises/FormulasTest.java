package org.transferlab.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transferlab.exercises.checks.Formulas;
import org.transferlab.weightings.UncertaintyWeighting;

/** The checker's formulas against hand-computed values and against the engine's own implementations. */
class FormulasTest {

    @Test
    void distillationByHand() {
        // one image, two classes, T = 2: p_t = softmax([2, 0]/2) = [e/(e+1), 1/(e+1)], student logits [0, 0]
        double e = Math.E;
        double pt0 = e / (e + 1);
        double kd = -(pt0 * Math.log(0.5) + (1 - pt0) * Math.log(0.5));
        assertEquals(4 * kd, Formulas.kd(new double[]{0, 0}, new double[]{2, 0}, 2, 2), 1e-12);
        // the variants switch exactly one thing
        assertEquals(kd, Formulas.kdVariant(new double[]{0, 0}, new double[]{2, 0}, 2, 2, 2, true, 1, true, false), 1e-12);
        assertEquals(4 * -(pt0 * 0.5 + (1 - pt0) * 0.5),
                Formulas.kdVariant(new double[]{0, 0}, new double[]{2, 0}, 2, 2, 2, false, 4, true, false), 1e-12);
        // KL = CE − H(p_t)
        double h = -(pt0 * Math.log(pt0) + (1 - pt0) * Math.log(1 - pt0));
        assertEquals(4 * (kd - h), Formulas.kdVariant(new double[]{0, 0}, new double[]{2, 0}, 2, 2, 2, true, 4, true, true), 1e-12);
    }

    @Test
    void attentionMapByHand() {
        // one image, two channels, 1×2 map: A = [[1, −2], [3, 0]] → a = Σ_c |A| = [4, 2] → [4, 2]/√20
        double[] a = {1, -2, 3, 0};
        double r = Math.sqrt(20);
        assertArrayEquals(new double[]{4 / r, 2 / r}, Formulas.map(a, 1, 2, 1, 2, 1), 1e-12);
        // without |·|: [4, −2]/√20; p = 2: [1+9, 4+0] = [10, 4]/√116
        assertArrayEquals(new double[]{4 / r, -2 / r},
                Formulas.mapVariant(a, 1, 2, 1, 2, 1, false, true, Formulas.Norm.PER_SAMPLE), 1e-12);
        assertArrayEquals(new double[]{10 / Math.sqrt(116), 4 / Math.sqrt(116)}, Formulas.map(a, 1, 2, 1, 2, 2), 1e-12);
        assertArrayEquals(Formulas.map(a, 1, 2, 1, 2, 2),
                Formulas.mapVariant(a, 1, 2, 1, 2, 2, true, true, Formulas.Norm.PER_SAMPLE), 1e-12);
    }

    @Test
    void atDistanceAgreesWithItsVariantsDefinition() {
        Random rng = new Random(3);
        double[] fs = new double[2 * 3 * 4 * 4];
        double[] ft = new double[2 * 5 * 4 * 4];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = rng.nextGaussian();
        }
        for (int i = 0; i < ft.length; i++) {
            ft[i] = rng.nextGaussian();
        }
        double ref = Formulas.at(fs, 3, ft, 5, 2, 4, 4, 1);
        assertEquals(ref, Formulas.atVariant(fs, 3, ft, 5, 2, 4, 4, 1, Formulas.Distance.L2_MEAN), 1e-9);
        assertEquals(2 * ref, Formulas.atVariant(fs, 3, ft, 5, 2, 4, 4, 1, Formulas.Distance.L2_SUM), 1e-9);
    }

    @Test
    void uncertaintyByHandAndAsTheEngineHasIt() {
        // L = (2, 1), s = (0, ln 2): 1·2 + 0 + ½·1 + ln2/2
        double[] l = {2, 1};
        double[] s = {0, Math.log(2)};
        assertEquals(2.5 + Math.log(2) / 2, Formulas.uncertainty(l, s, -1, 1, 0.5, false), 1e-12);
        assertEquals(UncertaintyWeighting.term(2, 0) + UncertaintyWeighting.term(1, Math.log(2)),
                Formulas.uncertainty(l, s, -1, 1, 0.5, false), 1e-12);
    }

    @Test
    void modelParameterNames() {
        assertEquals("b2.conv.W", ModelNames.cardName("shared/b2_conv/W"));
        assertEquals("b1.bn.gamma", ModelNames.cardName("shared/b1_bn/gamma"));
        assertEquals("b1.bn2.beta", ModelNames.cardName("t2/b1_bn/beta"));
        assertEquals("head1.b", ModelNames.cardName("t1/logits/b"));
    }
}
