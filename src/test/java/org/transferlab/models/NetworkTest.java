package org.transferlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.nn.BatchNormState;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Kernels;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;
import org.transferlab.transfer.AttentionTransfer;
import org.transferlab.transfer.KnowledgeDistillation;
import org.transferlab.transfer.LossInputs;
import org.transferlab.transfer.Objective;
import org.transferlab.transfer.TransferTerm;

/** The finite-difference and batch-norm/dropout checks run under both {@link Kernels}. */
class NetworkTest {

    @AfterEach
    void automatic() {
        Kernels.use(null);
    }

    @Test
    void parameterCountsMatchTheLayerArithmetic() {
        // conv: 9·in·out + out; BN: 2·C; dense: in·out + out
        long large = (9 * 32 + 32) + 64 + (9 * 32 * 32 + 32) + 64 + (9 * 32 * 64 + 64) + 128 + (9 * 64 * 64 + 64) + 128
                + (9 * 64 * 128 + 128) + 256 + (128 * 10 + 10);
        long small = (9 * 8 + 8) + 16 + (9 * 8 * 16 + 16) + 32 + (9 * 16 * 32 + 32) + 64 + (32 * 10 + 10);
        assertEquals(large, Network.create(ModelZoo.get("cnn-large"), 10, 0).parameterCount());
        assertEquals(small, Network.create(ModelZoo.get("cnn-small"), 10, 0).parameterCount());
        assertEquals(784L * 1200 + 1200 + 1200 * 1200 + 1200 + 1200 * 10 + 10,
                Network.create(ModelZoo.get("mlp-large"), 10, 0).parameterCount());
        assertEquals(784L * 30 + 30 + 30 * 10 + 10, Network.create(ModelZoo.get("mlp-tiny"), 10, 0).parameterCount());
    }

    @Test
    void attentionPointsHaveTheDeclaredShapes() {
        for (String name : List.of("cnn-large", "cnn-small")) {
            Network g = Network.create(ModelZoo.get(name), 10, 0);
            Network.Forward out = g.forward(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), Pass.EVAL);
            g.architecture().attentionPoints().forEach((tap, shape) -> assertArrayEquals(
                    new long[]{2, shape[0], shape[1], shape[2]}, out.taps().get(tap).shape(), name + " " + tap));
            assertArrayEquals(new long[]{2, 10}, out.logits().shape());
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        var a = Network.create(ModelZoo.get("cnn-small"), 10, 7);
        var b = Network.create(ModelZoo.get("cnn-small"), 10, 7);
        var c = Network.create(ModelZoo.get("cnn-small"), 10, 8);
        assertEquals(a.parameter("g2_conv1/W").value(), b.parameter("g2_conv1/W").value());
        assertNotEquals(a.parameter("g2_conv1/W").value(), c.parameter("g2_conv1/W").value());
        // PyTorch's default bound 1/√fan_in
        double bound = 1 / Math.sqrt(8 * 9);
        assertTrue(a.parameter("g2_conv1/W").value().amaxNumber().doubleValue() <= bound);
        assertTrue(a.parameter("g2_conv1/W").value().amaxNumber().doubleValue() > 0.9 * bound);
    }

    /** A student and a random teacher's targets for a small batch: the loss of the whole KD+AT objective. */
    private static final class Problem {
        final Network student;
        final Objective objective;
        final INDArray images;
        final int[] labels;
        final double[] teacherLogits;
        final Map<String, double[]> teacherMaps = new LinkedHashMap<>();
        final long dropoutSeed = 5;

        Problem(String studentName, List<TransferTerm> terms, int n) {
            Nd4j.getRandom().setSeed(11);
            student = Network.create(ModelZoo.get(studentName), 10, 3);
            Network teacher = Network.create(ModelZoo.get("cnn-large"), 10, 4);
            objective = Objective.build(student.architecture(), teacher.architecture(), terms);
            images = Nd4j.rand(DataType.FLOAT, n, 1, 28, 28);
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (i * 3) % 10;
            }
            Network.Forward t = teacher.forward(images, Pass.EVAL);
            teacherLogits = Floats.readDouble(t.logits().mul(3));
            objective.context().teacherMapsUsed().forEach((pair, hw) -> teacherMaps.put(pair,
                    AttentionTransfer.map(feature(t.taps().get(pair)), AttentionTransfer.Form.TUTORIAL, 1, hw[0], hw[1])));
        }

        static LossInputs.Feature feature(INDArray a) {
            return new LossInputs.Feature(Floats.readDouble(a), (int) a.size(1), (int) a.size(2), (int) a.size(3));
        }

        Objective.Result evaluate() {
            Network.Forward f = student.forward(images, Pass.train(new Random(dropoutSeed)));
            Map<String, LossInputs.Feature> taps = new HashMap<>();
            objective.context().studentTapsUsed().forEach(tap -> taps.put(tap, feature(f.taps().get(tap))));
            Objective.Result r = objective.evaluate(new LossInputs(labels.length, 10, Floats.readDouble(f.logits()),
                    labels, taps, teacherLogits, teacherMaps));
            Map<String, INDArray> tapGrads = new HashMap<>();
            r.gradients().taps().forEach((tap, g) -> tapGrads.put(tap, Floats.create(g, f.taps().get(tap).shape())));
            student.backward(Floats.create(r.gradients().logits(), f.logits().shape()), tapGrads);
            return r;
        }

        /**
         * Central difference of the loss along a random unit direction v of one parameter, against ⟨∇, v⟩.
         * The network computes in float32 and ReLU, max pooling and |A| have kinks, so single finite
         * differences wobble with the step (measured: up to ±25 % on a deep teacher layer, where the
         * derivative is small); the median over four steps is compared with a 20 % tolerance. This catches
         * wiring errors (a gradient routed to the wrong layer or tap); each layer's backward pass is checked
         * to 0.5 % on its own in LayersTest.
         */
        void checkDirectional(String parameter, long seed) {
            evaluate();
            Parameter p = student.parameter(parameter);
            INDArray grad = p.grad().dup();
            Nd4j.getRandom().setSeed(seed);
            INDArray v = Nd4j.randn(DataType.FLOAT, p.value().shape());
            v.divi(v.norm2Number());
            double[] estimates = new double[4];
            double[] steps = {1e-2, 3e-3, 1e-3, 3e-4};
            for (int k = 0; k < steps.length; k++) {
                p.value().addi(v.mul(steps[k]));
                double plus = evaluate().total();
                p.value().subi(v.mul(2 * steps[k]));
                double minus = evaluate().total();
                p.value().addi(v.mul(steps[k]));
                estimates[k] = (plus - minus) / (2 * steps[k]);
            }
            java.util.Arrays.sort(estimates);
            double numeric = (estimates[1] + estimates[2]) / 2;
            double analytic = grad.mul(v).sumNumber().doubleValue();
            assertEquals(numeric, analytic, 0.2 * Math.abs(numeric) + 2e-5,
                    parameter + ": finite differences " + java.util.Arrays.toString(estimates) + " vs backward " + analytic);
        }
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void wholeCnnGradientWithKdAndAtMatchesFiniteDifferences(Kernels kernels) {
        Kernels.use(kernels);
        Problem pr = new Problem("cnn-small", List.of(new KnowledgeDistillation(4, 0.5),
                new AttentionTransfer(AttentionTransfer.Form.TUTORIAL, 1, 1, List.of("group1", "group2", "group3"))), 6);
        for (String p : List.of("g1_conv1/W", "g1_conv1/b", "g1_conv1_bn/gamma", "g1_conv1_bn/beta", "g2_conv1/W",
                "g2_conv1_bn/gamma", "g3_conv1/W", "g3_conv1_bn/beta", "logits/W", "logits/b")) {
            pr.checkDirectional(p, p.hashCode());
        }
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void teacherCnnAndMlpGradientsMatchFiniteDifferences(Kernels kernels) {
        Kernels.use(kernels);
        Problem large = new Problem("cnn-large", List.of(), 4);
        for (String p : List.of("g1_conv2/W", "g1_conv2_bn/gamma", "g2_conv2/W", "logits/W")) {
            large.checkDirectional(p, p.hashCode());
        }
        Problem mlp = new Problem("mlp-large", List.of(new KnowledgeDistillation(2, 0.7)), 5);
        for (String p : List.of("fc1/W", "fc2/b", "logits/W")) {
            mlp.checkDirectional(p, p.hashCode());
        }
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void evaluationUsesRunningStatisticsAndReproducesTrainingWhenTheyMatch(Kernels kernels) {
        Kernels.use(kernels);
        Network g = Network.create(ModelZoo.get("cnn-small"), 10, 0);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);
        INDArray before = g.forward(x, Pass.EVAL).logits().dup();
        INDArray train = g.forward(x, Pass.train(new Random(0))).logits().dup();
        // one training pass moved the running statistics 10 % towards the batch's: evaluation output changed
        INDArray after = g.forward(x, Pass.EVAL).logits().dup();
        assertNotEquals(before, after);
        // with running statistics equal to the batch's (biased variance), evaluation reproduces training
        for (int i = 0; i < 300; i++) {
            g.forward(x, Pass.train(new Random(0)));
        }
        INDArray converged = g.forward(x, Pass.EVAL).logits().dup();
        // the running variance is the unbiased one: it differs from the biased by a factor n/(n−1) ≈ 1 + 1e-4
        assertTrue(train.equalsWithEps(converged, 2e-3), "train " + train + " vs eval " + converged);
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void batchNormForwardMatchesAnIndependentComputation(Kernels kernels) {
        Kernels.use(kernels);
        Network g = Network.create(ModelZoo.get("cnn-small"), 10, 0);
        float[] gammas = new float[8];
        float[] betas = new float[8];
        for (int c = 0; c < 8; c++) {
            gammas[c] = 0.5f + 1.5f * c / 7f;
            betas[c] = -1f + 2f * c / 7f;
        }
        g.parameter("g1_conv1_bn/gamma").value().assign(Nd4j.create(gammas, new long[]{1, 8, 1, 1}, 'c'));
        g.parameter("g1_conv1_bn/beta").value().assign(Nd4j.create(betas, new long[]{1, 8, 1, 1}, 'c'));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        // the first conv on its own, then the fused BN-ReLU, through the layers of a one-block network
        var conv = new org.transferlab.nn.Conv3x3("c", g.parameter("g1_conv1/W").value(), g.parameter("g1_conv1/b").value());
        INDArray c1 = conv.forward(x, Pass.EVAL).dup();
        var bn = new org.transferlab.nn.BatchNormRelu("bn", 8);
        bn.parameters().get(0).value().assign(g.parameter("g1_conv1_bn/gamma").value());
        bn.parameters().get(1).value().assign(g.parameter("g1_conv1_bn/beta").value());
        INDArray y = bn.forward(c1, Pass.train(new Random(0)));
        for (int c : new int[]{0, 5}) {
            double[] v = c1.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup().castTo(DataType.DOUBLE).data().asDouble();
            double mean = 0;
            for (double q : v) {
                mean += q;
            }
            mean /= v.length;
            double var = 0;
            for (double q : v) {
                var += (q - mean) * (q - mean);
            }
            var /= v.length;
            for (int[] at : new int[][]{{0, 0, 0}, {2, 13, 27}, {1, 27, 3}, {1, 5, 5}}) {
                double expected = Math.max(0, (c1.getDouble(at[0], c, at[1], at[2]) - mean) / Math.sqrt(var + 1e-5)
                        * gammas[c] + betas[c]);
                assertEquals(expected, y.getDouble(at[0], c, at[1], at[2]), 1e-5 * (1 + Math.abs(expected)), "channel " + c);
            }
        }
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void runningStatisticsFollowPyTorchsUpdate(Kernels kernels) {
        Kernels.use(kernels);
        var bn = new org.transferlab.nn.BatchNormRelu("bn", 2);
        // two samples, one channel constant 2 and one alternating 0/6 over 2×2 positions
        INDArray x = Nd4j.create(new float[]{2, 2, 2, 2, 0, 6, 0, 6, 2, 2, 2, 2, 6, 0, 6, 0}, new long[]{2, 2, 2, 2}, 'c');
        bn.forward(x, Pass.train(new Random(0)));
        BatchNormState s = bn.state();
        // r = 0.9·r + 0.1·b; the variance is unbiased by n/(n−1) with n = 2·2·2 = 8
        assertEquals(0.2, s.runningMean().getDouble(0), 1e-6);
        assertEquals(0.3, s.runningMean().getDouble(1), 1e-6);
        assertEquals(0.9, s.runningVar().getDouble(0), 1e-6);
        assertEquals(0.9 + 0.1 * 9 * 8 / 7.0, s.runningVar().getDouble(1), 1e-5);
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void dropoutIsOnInTrainingAndOffInEvaluation(Kernels kernels) {
        Kernels.use(kernels);
        Network g = Network.create(ModelZoo.get("mlp-large"), 10, 0);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray a = g.forward(x, Pass.train(new Random(1))).logits().dup();
        INDArray b = g.forward(x, Pass.train(new Random(2))).logits().dup();
        INDArray a2 = g.forward(x, Pass.train(new Random(1))).logits().dup();
        assertNotEquals(a, b);
        assertEquals(a, a2);
        var d = new org.transferlab.nn.Dropout("d", 0.2);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 100, 100);
        INDArray masked = d.forward(ones, Pass.train(new Random(3)));
        assertEquals(0.8, masked.gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue(), 0.02);
        assertEquals(1 / 0.8, masked.maxNumber().doubleValue(), 1e-6);
        assertEquals(ones, d.forward(ones, Pass.EVAL));
        assertEquals(g.forward(x, Pass.EVAL).logits().dup(), g.forward(x, Pass.EVAL).logits().dup());
    }

    @Test
    void unknownNamesAreRefusedWithTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.get("resnet"));
        assertTrue(e.getMessage().contains("cnn-large"));
        Network g = Network.create(ModelZoo.get("cnn-small"), 10, 0);
        assertThrows(IllegalArgumentException.class, () -> g.parameter("group9/W"));
    }
}
