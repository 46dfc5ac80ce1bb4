package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamOptimizerTest {

    @Test
    void firstTwoStepsMatchTheHandComputedPyTorchUpdate() {
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
}
