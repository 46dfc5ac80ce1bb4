package org.transferlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.testing.GradientCheck;
import org.transferlab.transfer.Objective;

class ModelGraphTest {

    @Test
    void parameterCountsMatchTheLayerArithmetic() {
        // conv: 9·in·out + out; BN: 2·C; dense: in·out + out
        long large = (9 * 32 + 32) + 64 + (9 * 32 * 32 + 32) + 64 + (9 * 32 * 64 + 64) + 128 + (9 * 64 * 64 + 64) + 128
                + (9 * 64 * 128 + 128) + 256 + (128 * 10 + 10);
        long small = (9 * 8 + 8) + 16 + (9 * 8 * 16 + 16) + 32 + (9 * 16 * 32 + 32) + 64 + (32 * 10 + 10);
        assertEquals(large, ModelGraph.create(ModelZoo.get("cnn-large"), 10, DataType.FLOAT, 0).parameterCount());
        assertEquals(small, ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.FLOAT, 0).parameterCount());
        assertEquals(784L * 1200 + 1200 + 1200 * 1200 + 1200 + 1200 * 10 + 10,
                ModelGraph.create(ModelZoo.get("mlp-large"), 10, DataType.FLOAT, 0).parameterCount());
        assertEquals(784L * 30 + 30 + 30 * 10 + 10,
                ModelGraph.create(ModelZoo.get("mlp-tiny"), 10, DataType.FLOAT, 0).parameterCount());
    }

    @Test
    void attentionPointsHaveTheDeclaredShapes() {
        for (String name : List.of("cnn-large", "cnn-small")) {
            ModelGraph g = ModelGraph.create(ModelZoo.get(name), 10, DataType.FLOAT, 0).inference();
            Map<String, INDArray> ph = new HashMap<>();
            g.feed(ph, Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), null);
            var out = g.sameDiff().output(ph, g.tap("group1").name(), g.tap("group2").name(), g.tap("group3").name(),
                    "logits");
            g.architecture().attentionPoints().forEach((tap, shape) -> assertArrayEquals(
                    new long[]{2, shape[0], shape[1], shape[2]}, out.get(g.tap(tap).name()).shape(), name + " " + tap));
            assertArrayEquals(new long[]{2, 10}, out.get("logits").shape());
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        var a = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.FLOAT, 7);
        var b = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.FLOAT, 7);
        var c = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.FLOAT, 8);
        assertEquals(a.parameter("g2_conv1/W"), b.parameter("g2_conv1/W"));
        assertNotEquals(a.parameter("g2_conv1/W"), c.parameter("g2_conv1/W"));
        // PyTorch's default bound 1/√fan_in
        double bound = 1 / Math.sqrt(8 * 9);
        assertTrue(a.parameter("g2_conv1/W").amaxNumber().doubleValue() <= bound);
        assertTrue(a.parameter("g2_conv1/W").amaxNumber().doubleValue() > 0.9 * bound);
    }

    @Test
    void wholeCnnGradientMatchesFiniteDifferences() {
        ModelGraph g = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.DOUBLE, 3);
        Objective.build(g, null, List.of());
        Map<String, INDArray> ph = new HashMap<>();
        g.feed(ph, Nd4j.rand(DataType.DOUBLE, 4, 1, 28, 28), new Random(0));
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 10);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, (i * 3) % 10, 1);
        }
        ph.put(Objective.LABELS, y);
        GradientCheck.check(g.sameDiff(), ph, Objective.TOTAL, "g1_conv1/W", 7, 1e-3);
        GradientCheck.check(g.sameDiff(), ph, Objective.TOTAL, "g2_conv1_bn/gamma", 3, 1e-3);
        GradientCheck.check(g.sameDiff(), ph, Objective.TOTAL, "g1_conv1_bn/beta", 1, 1e-3);
        GradientCheck.check(g.sameDiff(), ph, Objective.TOTAL, "g3_conv1/W", 97, 1e-3);
        GradientCheck.check(g.sameDiff(), ph, Objective.TOTAL, "logits/W", 13, 1e-3);
    }

    @Test
    void inferenceTwinSharesParametersAndUsesRunningStatistics() {
        ModelGraph train = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.DOUBLE, 0);
        ModelGraph eval = train.inference();
        assertTrue(train.isTraining());
        assertTrue(!eval.isTraining());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 1, 28, 28);
        Map<String, INDArray> ph = new HashMap<>();
        train.feed(ph, x, new Random(0));
        List<String> outs = new java.util.ArrayList<>(train.batchStatisticOutputs());
        outs.add("logits");
        Map<String, INDArray> t = train.sameDiff().output(ph, outs);
        // with running statistics equal to this batch's, inference reproduces training-mode logits
        for (BatchNormState bn : train.batchNorms()) {
            bn.runningMean().assign(t.get(bn.batchMean()));
            bn.runningVar().assign(t.get(bn.batchVar()));
        }
        Map<String, INDArray> ph2 = new HashMap<>();
        eval.feed(ph2, x, null);
        // (outputs may live in buffers SameDiff reuses on the next call: copy what is kept)
        INDArray e = eval.sameDiff().outputSingle(ph2, "logits").dup();
        assertTrue(t.get("logits").equalsWithEps(e, 1e-9));
        // an in-place update of the training graph reaches the inference graph at the next inference()
        train.parameter("logits/b").addi(1.0);
        INDArray e2 = train.inference().sameDiff().outputSingle(ph2, "logits");
        assertTrue(e.add(1.0).equalsWithEps(e2, 1e-9));
    }

    @Test
    void batchNormForwardMatchesAnIndependentComputation() {
        ModelGraph g = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.DOUBLE, 0);
        double[] gammas = new double[8];
        double[] betas = new double[8];
        for (int c = 0; c < 8; c++) {
            gammas[c] = 0.5 + 1.5 * c / 7.0;
            betas[c] = -1 + 2.0 * c / 7.0;
        }
        g.parameter("g1_conv1_bn/gamma").assign(Nd4j.create(gammas, new long[]{1, 8, 1, 1}, DataType.DOUBLE));
        g.parameter("g1_conv1_bn/beta").assign(Nd4j.create(betas, new long[]{1, 8, 1, 1}, DataType.DOUBLE));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, 28, 28);
        Map<String, INDArray> ph = new HashMap<>();
        g.feed(ph, x, new Random(0));
        var out = g.sameDiff().output(ph, "g1_conv1", "g1_conv1_bn");
        INDArray conv = out.get("g1_conv1");
        INDArray bn = out.get("g1_conv1_bn");
        for (int c : new int[]{0, 5}) {
            double[] v = conv.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup().data().asDouble();
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
            double gamma = gammas[c];
            double beta = betas[c];
            for (int[] at : new int[][]{{0, 0, 0}, {2, 13, 27}, {1, 27, 3}}) {
                double expected = (conv.getDouble(at[0], c, at[1], at[2]) - mean) / Math.sqrt(var + 1e-5) * gamma + beta;
                assertEquals(expected, bn.getDouble(at[0], c, at[1], at[2]), 1e-9, "channel " + c);
            }
        }
    }

    @Test
    void runningStatisticsFollowPyTorchsUpdate() {
        ModelGraph g = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.DOUBLE, 0);
        BatchNormState bn = g.batchNorms().get(0);
        INDArray mean = Nd4j.valueArrayOf(new long[]{1, 8, 1, 1}, 2.0, DataType.DOUBLE);
        INDArray var = Nd4j.valueArrayOf(new long[]{1, 8, 1, 1}, 3.0, DataType.DOUBLE);
        bn.update(mean, var, 2);
        // r = 0.9·r + 0.1·b, variance unbiased by n/(n−1) with n = 2·28·28
        assertEquals(0.2, bn.runningMean().getDouble(0), 1e-12);
        assertEquals(0.9 + 0.1 * 3 * 1568.0 / 1567.0, bn.runningVar().getDouble(0), 1e-12);
    }

    @Test
    void dropoutIsOnInTrainingAndOffInInference() {
        ModelGraph g = ModelGraph.create(ModelZoo.get("mlp-large"), 10, DataType.FLOAT, 0);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        Map<String, INDArray> a = new HashMap<>();
        g.feed(a, x, new Random(1));
        Map<String, INDArray> b = new HashMap<>();
        g.feed(b, x, new Random(2));
        assertNotEquals(g.sameDiff().outputSingle(a, "logits"), g.sameDiff().outputSingle(b, "logits"));
        INDArray mask = a.get("input_dropout/mask");
        double kept = mask.gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.8, kept, 0.02);
        assertEquals(1 / 0.8, mask.maxNumber().doubleValue(), 1e-6);
        ModelGraph e = g.inference();
        Map<String, INDArray> c = new HashMap<>();
        e.feed(c, x, null);
        Map<String, INDArray> d = new HashMap<>();
        e.feed(d, x, null);
        assertEquals(e.sameDiff().outputSingle(c, "logits"), e.sameDiff().outputSingle(d, "logits"));
    }

    @Test
    void unknownNamesAreRefusedWithTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.get("resnet"));
        assertTrue(e.getMessage().contains("cnn-large"));
        ModelGraph g = ModelGraph.create(ModelZoo.get("cnn-small"), 10, DataType.FLOAT, 0);
        assertThrows(IllegalArgumentException.class, () -> g.tap("group9"));
    }
}
