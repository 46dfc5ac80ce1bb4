package org.transferlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each layer's backward pass against central finite differences of {@code L = Σ r ⊙ layer(x)} for a fixed
 * random r, along random directions of the input and of every parameter. Convolution, pooling, dense and
 * global pooling are linear (or piecewise linear) in what is perturbed, so the differences are exact up to
 * float32 rounding; batch norm is smooth away from the ReLU kink. Every check runs under both {@link Kernels}.
 */
class LayersTest {

    @AfterEach
    void automatic() {
        Kernels.use(null);
    }

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    private static double loss(Layer layer, INDArray x, INDArray r, Supplier<Pass> pass) {
        return layer.forward(x, pass.get()).castTo(DataType.DOUBLE).mul(r.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }

    /** Checks ∂L/∂x and ∂L/∂θ for every parameter along one random direction each. */
    private static void check(Layer layer, INDArray x, Supplier<Pass> pass, double eps, double tolerance) {
        INDArray out = layer.forward(x, pass.get());
        INDArray r = rand(99, out.shape());
        INDArray gradX = layer.backward(r).dup();
        java.util.Map<String, INDArray> grads = new java.util.LinkedHashMap<>();
        layer.parameters().forEach(p -> grads.put(p.name(), p.grad().dup()));
        directional(layer.name() + " input", x, gradX, () -> loss(layer, x, r, pass), eps, tolerance, 1);
        long seed = 2;
        for (Parameter p : layer.parameters()) {
            directional(p.name(), p.value(), grads.get(p.name()), () -> loss(layer, x, r, pass), eps, tolerance, seed++);
        }
    }

    private static void directional(String what, INDArray target, INDArray grad, java.util.function.DoubleSupplier f,
                                    double eps, double tolerance, long seed) {
        INDArray v = rand(seed, target.shape());
        v.divi(v.norm2Number());
        target.addi(v.mul(eps));
        double plus = f.getAsDouble();
        target.subi(v.mul(2 * eps));
        double minus = f.getAsDouble();
        target.addi(v.mul(eps));
        double numeric = (plus - minus) / (2 * eps);
        double analytic = grad.castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
        assertEquals(numeric, analytic, tolerance * Math.abs(numeric) + 1e-4, what);
    }

    private static Supplier<Pass> training() {
        return () -> Pass.train(new Random(7));
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void convolution(Kernels kernels) {
        Kernels.use(kernels);
        Conv3x3 conv = new Conv3x3("conv", rand(1, 3, 3, 3, 5).muli(0.3), rand(2, 5));
        check(conv, rand(3, 4, 3, 6, 6), training(), 1e-1, 2e-3);
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void batchNormWithRelu(Kernels kernels) {
        Kernels.use(kernels);
        BatchNormRelu bn = new BatchNormRelu("bn", 3);
        bn.parameters().get(0).value().assign(rand(4, 1, 3, 1, 1).addi(1));
        bn.parameters().get(1).value().assign(rand(5, 1, 3, 1, 1).muli(0.5));
        INDArray x = rand(6, 5, 3, 4, 4).muli(2).addi(1);
        check(bn, x, training(), 1e-3, 5e-3);
        // evaluation mode: an affine map per channel followed by ReLU
        check(bn, x, () -> Pass.EVAL, 1e-3, 5e-3);
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void maxPooling(Kernels kernels) {
        Kernels.use(kernels);
        check(new MaxPool2("pool"), rand(7, 3, 2, 6, 6), training(), 1e-3, 2e-3);
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void globalAveragePooling(Kernels kernels) {
        Kernels.use(kernels);
        check(new GlobalAvgPool("gap"), rand(8, 3, 4, 5, 5), training(), 1e-1, 2e-3);
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void denseReluAndDropout(Kernels kernels) {
        Kernels.use(kernels);
        check(new Dense("fc", rand(9, 6, 4), rand(10, 1, 4)), rand(11, 5, 6), training(), 1e-1, 2e-3);
        check(new Relu("relu"), rand(12, 5, 6), training(), 1e-3, 2e-3);
        check(new Dropout("drop", 0.5), rand(13, 5, 40), training(), 1e-1, 2e-3);
        check(new Flatten("flat"), rand(14, 2, 1, 3, 3), training(), 1e-1, 2e-3);
    }
}
