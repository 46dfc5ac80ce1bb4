package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Kernels;

class AdamOptimizerTest {

    @AfterEach
    void automatic() {
        Kernels.use(null);
    }

    @ParameterizedTest(name = "{0} kernels")
    @EnumSource(Kernels.class)
    void firstTwoStepsMatchTheHandComputedPyTorchUpdate(Kernels kernels) {
        Kernels.use(kernels);
        INDArray theta = Nd4j.create(new float[]{1f, -2f, 0.5f}, new long[]{3}, 'c');
        AdamOptimizer adam = new AdamOptimizer(0.1);
        // step 1, g = (2, −0.5, 0): m̂ = g, v̂ = g², so θ moves by −lr·g/(|g| + ε): −0.1, +0.1, 0
        adam.nextStep();
        adam.update("p", theta, Nd4j.create(new float[]{2f, -0.5f, 0f}, new long[]{3}, 'c'));
        assertEquals(0.9, theta.getDouble(0), 1e-6);
        assertEquals(-1.9, theta.getDouble(1), 1e-6);
        assertEquals(0.5, theta.getDouble(2), 1e-7);
        // step 2, g = (1, ·, ·) for the first entry:
        // m = 0.9·0.2 + 0.1·1 = 0.28, v = 0.999·0.004 + 0.001·1 = 0.004996
        // θ −= 0.1/(1 − 0.81) · 0.28 / (√0.004996/√(1 − 0.998001) + 1e-8)
        adam.nextStep();
        adam.update("p", theta, Nd4j.create(new float[]{1f, -0.5f, 0f}, new long[]{3}, 'c'));
        double expected = 0.9 - 0.1 / 0.19 * 0.28 / (Math.sqrt(0.004996) / Math.sqrt(1 - 0.998001) + 1e-8);
        assertEquals(expected, theta.getDouble(0), 1e-5);
        assertEquals(-1.8, theta.getDouble(1), 1e-5);
    }

    /** 30 steps on random gradients, with a checkpoint round trip at step 10: ND4J ops against the Java loop. */
    @Test
    void nd4jKernelsMatchTheJavaLoopIncludingARestoredCheckpoint() {
        float[][] java = run(Kernels.JAVA);
        float[][] nd4j = run(Kernels.ND4J);
        for (int i = 0; i < java.length; i++) {
            double scale = 0;
            double diff = 0;
            for (int k = 0; k < java[i].length; k++) {
                scale = Math.max(scale, Math.abs(java[i][k]));
                diff = Math.max(diff, Math.abs(java[i][k] - nd4j[i][k]));
            }
            String what = new String[]{"θ", "m", "v"}[i];
            System.out.printf(Locale.ROOT, "parity adam %s after 30 steps: max relative difference %.2e%n", what, diff / scale);
            assertTrue(diff / scale <= 1e-6, what + ": " + diff / scale);
        }
    }

    private static float[][] run(Kernels kernels) {
        Kernels.use(kernels);
        Nd4j.getRandom().setSeed(3);
        INDArray theta = Nd4j.randn(DataType.FLOAT, 4, 5);
        AdamOptimizer adam = new AdamOptimizer(0.01);
        for (int s = 1; s <= 30; s++) {
            if (s == 11) {
                AdamOptimizer resumed = new AdamOptimizer(0.01);
                resumed.restore(adam.stepCount(), adam.moments());
                adam = resumed;
            }
            adam.nextStep();
            Nd4j.getRandom().setSeed(100 + s);
            adam.update("p", theta, Nd4j.randn(DataType.FLOAT, 4, 5).muli(s % 3 == 0 ? 1e-3 : 1));
        }
        Map<String, float[]> moments = adam.moments();
        assertArrayEquals(new Object[]{"m/p", "v/p"}, moments.keySet().toArray());
        return new float[][]{Floats.read(theta, null), moments.get("m/p"), moments.get("v/p")};
    }
}
