package org.transferlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J-op kernels against the Java kernels, layer by layer: the same layer built twice, the same random
 * input and output gradient, forward and backward under each; outputs, input gradients, parameter gradients
 * and running statistics must agree to 1e-5 of each tensor's largest value (float32 summed in another order).
 * Each comparison prints its difference (target/surefire-reports/...-output.txt).
 */
class KernelParityTest {
    static final double TOLERANCE = 1e-5;

    @AfterEach
    void automatic() {
        Kernels.use(null);
    }

    @Test
    void theChoiceIsJavaOnTheCpuUnlessToldOtherwise() {
        assertEquals(Kernels.JAVA, Kernels.automatic());
        assertEquals(Kernels.JAVA, Kernels.current());
        assertEquals(Kernels.ND4J, Kernels.parse("ND4J"));
        assertEquals(Kernels.JAVA, Kernels.parse(" java "));
        assertEquals(Kernels.JAVA, Kernels.parse("auto"));
        var e = assertThrows(IllegalArgumentException.class, () -> Kernels.parse("cuda"));
        assertTrue(e.getMessage().contains("--kernels (or transferlab.kernels) must be java, nd4j or auto, not 'cuda'"), e.getMessage());
        try {
            System.setProperty(Kernels.PROPERTY, "nd4j");
            Kernels.use(null);
            assertEquals(Kernels.ND4J, Kernels.current());
            Kernels.use(Kernels.JAVA);
            assertEquals(Kernels.JAVA, Kernels.current());
            // --kernels: this process and, through the property, the sandbox processes it starts
            Kernels.choose("nd4j");
            assertEquals(Kernels.ND4J, Kernels.current());
            assertEquals("nd4j", System.getProperty(Kernels.PROPERTY));
            Kernels.choose("auto");
            assertEquals(Kernels.JAVA, Kernels.current());
            assertThrows(IllegalArgumentException.class, () -> Kernels.choose("gpu"));
        } finally {
            System.clearProperty(Kernels.PROPERTY);
        }
    }

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    /** max |a − b| / max |a|: the difference relative to the tensor's scale. */
    static double relative(INDArray a, INDArray b) {
        assertArrayEquals(a.shape(), b.shape());
        double scale = Math.max(Math.abs(a.maxNumber().doubleValue()), Math.abs(a.minNumber().doubleValue()));
        double diff = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        return scale == 0 ? diff : diff / scale;
    }

    private static void compare(String what, INDArray java, INDArray nd4j) {
        double r = relative(java, nd4j);
        System.out.printf(Locale.ROOT, "parity %-34s max relative difference %.2e%n", what, r);
        assertTrue(r <= TOLERANCE, what + ": ND4J kernels differ from Java kernels by " + r);
    }

    /** Forward and backward of a fresh layer under {@code kernels}: output, input gradient, parameter gradients. */
    private static Map<String, INDArray> pass(Kernels kernels, Layer layer, INDArray x, Supplier<Pass> pass, INDArray r) {
        Kernels.use(kernels);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("output", layer.forward(x, pass.get()).dup());
        out.put("input gradient", layer.backward(r).dup());
        for (Parameter p : layer.parameters()) {
            out.put(p.name() + " gradient", p.grad().dup());
        }
        return out;
    }

    private static void both(String name, Supplier<Layer> make, INDArray x, Supplier<Pass> pass) {
        INDArray r = rand(99, make.get().forward(x, pass.get()).shape());
        Map<String, INDArray> java = pass(Kernels.JAVA, make.get(), x, pass, r);
        Map<String, INDArray> nd4j = pass(Kernels.ND4J, make.get(), x, pass, r);
        assertEquals(java.keySet(), nd4j.keySet());
        java.forEach((k, v) -> compare(name + " " + k, v, nd4j.get(k)));
    }

    private static BatchNormRelu batchNorm() {
        BatchNormRelu bn = new BatchNormRelu("bn", 6);
        bn.parameters().get(0).value().assign(rand(4, 1, 6, 1, 1).addi(1));
        bn.parameters().get(1).value().assign(rand(5, 1, 6, 1, 1).muli(0.5));
        return bn;
    }

    @Test
    void batchNormWithReluInTrainingAndEvaluation() {
        INDArray x = rand(6, 8, 6, 7, 7).muli(2).addi(1);
        both("bn+relu train", KernelParityTest::batchNorm, x, () -> Pass.train(new Random(1)));
        // running statistics after three training passes, then an evaluation pass with them
        BatchNormRelu java = batchNorm();
        BatchNormRelu nd4j = batchNorm();
        for (int i = 0; i < 3; i++) {
            INDArray xi = rand(10 + i, 8, 6, 7, 7).muli(1 + i).addi(i - 1);
            Kernels.use(Kernels.JAVA);
            java.forward(xi, Pass.train(new Random(1)));
            Kernels.use(Kernels.ND4J);
            nd4j.forward(xi, Pass.train(new Random(1)));
        }
        compare("bn running mean", java.state().runningMean(), nd4j.state().runningMean());
        compare("bn running var", java.state().runningVar(), nd4j.state().runningVar());
        INDArray r = rand(98, x.shape());
        Map<String, INDArray> j = pass(Kernels.JAVA, java, x, () -> Pass.EVAL, r);
        Map<String, INDArray> n = pass(Kernels.ND4J, nd4j, x, () -> Pass.EVAL, r);
        j.forEach((k, v) -> compare("bn+relu eval " + k, v, n.get(k)));
    }

    @Test
    void reluGlobalPoolingAndDropout() {
        both("relu", () -> new Relu("relu"), rand(12, 5, 3, 4, 4), () -> Pass.train(new Random(1)));
        both("global avg pool", () -> new GlobalAvgPool("gap"), rand(8, 5, 7, 6, 6), () -> Pass.train(new Random(1)));
        both("dropout 0.5", () -> new Dropout("drop", 0.5), rand(13, 16, 300), () -> Pass.train(new Random(3)));
        both("dropout eval", () -> new Dropout("drop", 0.5), rand(13, 16, 300), () -> Pass.EVAL);
    }

    /** The layers that are ND4J's native kernels under both choices agree exactly. */
    @Test
    void convolutionPoolingAndDenseAreTheSameUnderBoth() {
        both("conv3x3", () -> new Conv3x3("conv", rand(1, 3, 3, 3, 5).muli(0.3), rand(2, 5)), rand(3, 4, 3, 6, 6),
                () -> Pass.train(new Random(1)));
        both("maxpool2", () -> new MaxPool2("pool"), rand(7, 3, 2, 6, 6), () -> Pass.train(new Random(1)));
        both("dense", () -> new Dense("fc", rand(9, 6, 4), rand(10, 1, 4)), rand(11, 5, 6), () -> Pass.train(new Random(1)));
    }
}
