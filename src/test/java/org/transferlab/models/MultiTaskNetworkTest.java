package org.transferlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.nn.BatchNormRelu;
import org.transferlab.nn.Conv3x3;
import org.transferlab.nn.Layer;
import org.transferlab.nn.Pass;

class MultiTaskNetworkTest {
    private static final int[] WIDTHS = {8, 16, 32};

    private static List<Layer> of(MultiTaskNetwork n, int task, Class<?> type) {
        return n.path(task).stream().filter(type::isInstance).toList();
    }

    @Test
    void independentBatchNormSharesTheConvolutionsButNotTheNormalisation() {
        MultiTaskNetwork q2 = MultiTaskNetwork.create(3, true, WIDTHS, new int[]{10, 10}, 0);
        List<Layer> conv1 = of(q2, 0, Conv3x3.class);
        List<Layer> conv2 = of(q2, 1, Conv3x3.class);
        List<Layer> bn1 = of(q2, 0, BatchNormRelu.class);
        List<Layer> bn2 = of(q2, 1, BatchNormRelu.class);
        for (int b = 0; b < 3; b++) {
            // one convolution object, hence one weight array in memory, on both tasks' paths
            assertSame(conv1.get(b), conv2.get(b));
            assertSame(conv1.get(b).parameters().get(0).value(), conv2.get(b).parameters().get(0).value());
            // each task has its own BN: γ, β and running statistics
            assertNotSame(bn1.get(b), bn2.get(b));
            assertNotSame(bn1.get(b).parameters().get(0).value(), bn2.get(b).parameters().get(0).value());
            assertNotSame(((BatchNormRelu) bn1.get(b)).state().runningMean(), ((BatchNormRelu) bn2.get(b)).state().runningMean());
        }
        // an update of the shared weights is seen by both tasks
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray before1 = q2.forward(0, x, Pass.EVAL).dup();
        INDArray before2 = q2.forward(1, x, Pass.EVAL).dup();
        conv1.get(0).parameters().get(0).value().muli(1.5);
        assertTrue(!before1.equalsWithEps(q2.forward(0, x, Pass.EVAL), 1e-6));
        assertTrue(!before2.equalsWithEps(q2.forward(1, x, Pass.EVAL), 1e-6));
        // training task 1 moves only task 1's running statistics
        BatchNormRelu t1 = (BatchNormRelu) bn1.get(0);
        BatchNormRelu t2 = (BatchNormRelu) bn2.get(0);
        INDArray mean2 = t2.state().runningMean().dup();
        INDArray mean1 = t1.state().runningMean().dup();
        q2.forward(0, x, Pass.train(new Random(0)));
        assertTrue(!mean1.equalsWithEps(t1.state().runningMean(), 1e-9), "task 1's statistics moved");
        assertEquals(mean2, t2.state().runningMean(), "task 2's did not");
        // parameters: shared convs once, BN twice, heads twice
        long convs = (9 * 8 + 8) + (9 * 8 * 16 + 16) + (9 * 16 * 32 + 32);
        long bn = 2 * (8 + 16 + 32);
        long head = 32 * 10 + 10;
        assertEquals(convs + 2 * bn + 2 * head, q2.parameterCount());
        assertEquals(convs + bn + 2 * head, MultiTaskNetwork.create(3, false, WIDTHS, new int[]{10, 10}, 0).parameterCount());
    }

    @Test
    void structuresFromSeparateToFullyShared() {
        MultiTaskNetwork separate = MultiTaskNetwork.create(0, true, WIDTHS, new int[]{10, 10}, 0);
        assertTrue(separate.sharedParameters().isEmpty());
        assertNull(separate.lastSharedWeights());
        assertEquals("separate networks", separate.describe());
        MultiTaskNetwork one = MultiTaskNetwork.create(1, false, WIDTHS, new int[]{10, 10}, 0);
        assertSame(of(one, 0, Conv3x3.class).get(0), of(one, 1, Conv3x3.class).get(0));
        assertNotSame(of(one, 0, Conv3x3.class).get(1), of(one, 1, Conv3x3.class).get(1));
        assertSame(of(one, 0, BatchNormRelu.class).get(0), of(one, 1, BatchNormRelu.class).get(0), "BN shared");
        assertSame(one.lastSharedWeights(), of(one, 0, Conv3x3.class).get(0).parameters().get(0));
        assertEquals("1 shared block, BN shared", one.describe());
        assertEquals(4, one.sharedParameters().size(), "conv W, b and BN γ, β");
        assertThrows(IllegalArgumentException.class, () -> MultiTaskNetwork.create(4, false, WIDTHS, new int[]{10, 10}, 0));
    }

    /**
     * MGDA-UB's one trunk pass: the heads back-propagated alone to ∂L_t/∂Z, then Σ_t α_t ∂L_t/∂Z once through the
     * trunk, gives the trunk the same gradient as α-weighting the two tasks' full backward passes (the trunk's
     * backward is linear in its incoming gradient), and the heads their own gradients unchanged.
     */
    @Test
    void oneTrunkPassWithTheWeightedZGradientsEqualsTheWeightedFullPasses() {
        MultiTaskNetwork n = MultiTaskNetwork.create(3, false, WIDTHS, new int[]{10, 10}, 3);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 28, 28);
        INDArray[] g = {Nd4j.randn(DataType.FLOAT, 6, 10), Nd4j.randn(DataType.FLOAT, 6, 10)};
        double[] a = {0.3, 0.7};
        List<org.transferlab.nn.Parameter> trunk = n.sharedParameters();
        float[][] full = new float[trunk.size()][];
        float[][][] heads = new float[2][][];
        for (int t = 0; t < 2; t++) {
            n.forward(t, x, Pass.train(new Random(1)));
            n.backward(t, g[t]);
            for (int k = 0; k < trunk.size(); k++) {
                float[] gk = org.transferlab.nn.Floats.read(trunk.get(k).grad(), null);
                if (full[k] == null) {
                    full[k] = new float[gk.length];
                }
                for (int i = 0; i < gk.length; i++) {
                    full[k][i] += (float) a[t] * gk[i];
                }
            }
            heads[t] = head(n, t);
        }
        INDArray[] dz = new INDArray[2];
        for (int t = 0; t < 2; t++) {
            n.forward(t, x, Pass.train(new Random(1)));
            dz[t] = n.backwardHead(t, g[t]);
            float[][] h = head(n, t);
            for (int k = 0; k < h.length; k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(heads[t][k], h[k], 1e-6f, "head " + t);
            }
        }
        n.backwardShared(dz[0].mul(a[0]).addi(dz[1].mul(a[1])));
        // over the whole trunk ‖one pass − weighted full passes‖ / ‖weighted full passes‖ (float32; per parameter it
        // would be noise for the conv biases before BN, whose gradient is zero up to rounding)
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < trunk.size(); k++) {
            float[] one = org.transferlab.nn.Floats.read(trunk.get(k).grad(), null);
            for (int i = 0; i < one.length; i++) {
                diff += (one[i] - full[k][i]) * (double) (one[i] - full[k][i]);
                norm += full[k][i] * (double) full[k][i];
            }
        }
        assertTrue(norm > 0 && Math.sqrt(diff / norm) < 1e-4, "relative difference " + Math.sqrt(diff / norm));
    }

    private static float[][] head(MultiTaskNetwork n, int t) {
        List<org.transferlab.nn.Parameter> own = n.parameters(t).stream()
                .filter(p -> !n.sharedParameters().contains(p)).toList();
        float[][] out = new float[own.size()][];
        for (int k = 0; k < own.size(); k++) {
            out[k] = org.transferlab.nn.Floats.read(own.get(k).grad(), null);
        }
        return out;
    }
}
