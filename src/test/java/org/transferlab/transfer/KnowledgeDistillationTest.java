package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.testing.GradientCheck;
import org.transferlab.testing.Reference;

class KnowledgeDistillationTest {

    private static double kd(double[][] student, double[][] teacher, double t) {
        SameDiff sd = SameDiff.create();
        SDVariable s = sd.var("s", Nd4j.create(student));
        SDVariable te = sd.constant("t", Nd4j.create(teacher));
        KnowledgeDistillation.term("kd", s, te, t);
        return sd.outputSingle(new HashMap<>(), "kd").getDouble(0);
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
        SameDiff sd = SameDiff.create();
        sd.var("s", Nd4j.create(s));
        KnowledgeDistillation.term("kd", sd.getVariable("s"), sd.constant("t", Nd4j.create(t)), temp);
        sd.setLossVariables("kd");
        GradientCheck.check(sd, new HashMap<>(), "kd", "s", 1, 1e-5);
        // closed form: ∂kd/∂l_s = (softmax(l_s/T) − softmax(l_t/T)) / (T·N)
        INDArray g = sd.calculateGradients(new HashMap<>(), "s").get("s");
        for (int n = 0; n < 3; n++) {
            double[] qs = Reference.softmax(s[n], temp);
            double[] pt = Reference.softmax(t[n], temp);
            for (int i = 0; i < 4; i++) {
                assertEquals((qs[i] - pt[i]) / (temp * 3), g.getDouble(n, i), 1e-10);
            }
        }
    }

    @Test
    void crossEntropyMatchesHandValueAndGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.create(new double[][]{{0, 0}, {Math.log(3), 0}}));
        SDVariable y = sd.constant("y", Nd4j.create(new double[][]{{1, 0}, {0, 1}}));
        CrossEntropy.build("ce", z, y);
        sd.setLossVariables("ce");
        // −(log ½ + log ¼)/2
        assertEquals((Math.log(2) + Math.log(4)) / 2, sd.outputSingle(Map.of(), "ce").getDouble(0), 1e-12);
        assertEquals(Reference.crossEntropy(new double[][]{{0, 0}, {Math.log(3), 0}}, new int[]{0, 1}),
                sd.outputSingle(Map.of(), "ce").getDouble(0), 1e-12);
        GradientCheck.check(sd, new HashMap<>(), "ce", "z", 1, 1e-5);
    }

    @Test
    void logSoftmaxIsStableForLargeLogits() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.create(new double[][]{{1000, 0, -1000}}));
        SoftmaxOps.logSoftmax(z).rename("ls");
        INDArray ls = sd.outputSingle(Map.of(), "ls");
        assertEquals(0, ls.getDouble(0, 0), 1e-12);
        assertEquals(-1000, ls.getDouble(0, 1), 1e-9);
    }

    @Test
    void objectiveWeightsAreOneMinusAlphaAndAlphaTSquared() {
        var student = org.transferlab.models.ModelGraph.create(new org.transferlab.models.CnnSmall(), 10,
                DataType.FLOAT, 0);
        Objective o = Objective.build(student, new org.transferlab.models.CnnLarge(),
                java.util.List.of(new KnowledgeDistillation(4, 0.9)));
        assertEquals(0.1, o.componentWeights().get(Objective.CE), 1e-12);
        assertEquals(0.9 * 16, o.componentWeights().get("loss/kd"), 1e-12);
    }

    @Test
    void refusesImpossibleSettings() {
        var student = org.transferlab.models.ModelGraph.create(new org.transferlab.models.CnnSmall(), 10,
                DataType.FLOAT, 0);
        var teacher = new org.transferlab.models.CnnLarge();
        var e = assertThrows(IllegalArgumentException.class, () -> Objective.build(student, teacher,
                java.util.List.of(new KnowledgeDistillation(0, 0.5))));
        assertEquals("temperature T must be > 0 (typically 1 to 20), got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Objective.build(student, teacher,
                java.util.List.of(new KnowledgeDistillation(4, 1.5))));
    }
}
