package org.transferlab.nn.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;
import org.transferlab.nn.Conv3x3;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/**
 * oneDNN's primitives called directly ({@link DirectConv}, {@link DnnlConv3x3}) against libnd4j's conv2d /
 * conv2d_bp (the {@link Conv3x3} path with {@code -Dtransferlab.dnnl=false}): forward outputs and gradients on
 * random inputs, the first layer without its input gradient, and 20 training steps of cnn-small. Skipped
 * where the preset's natives do not load (every platform but Linux x86_64 in the default build).
 */
class DnnlParityTest {
    private static final double TOL = 1e-4;

    @BeforeAll
    static void natives() {
        assumeTrue(Dnnl.available(), "oneDNN direct path unavailable: " + Dnnl.unavailableReason());
    }

    /** Two layers with the same weights: libnd4j's path and the direct one. */
    private static Conv3x3[] pair(INDArray w, INDArray b) {
        System.setProperty(Dnnl.PROPERTY, "false");
        try {
            Conv3x3 ref = new Conv3x3("ref", w.dup(), b.dup());
            System.clearProperty(Dnnl.PROPERTY);
            return new Conv3x3[]{ref, new Conv3x3("direct", w.dup(), b.dup())};
        } finally {
            System.clearProperty(Dnnl.PROPERTY);
        }
    }

    /** Largest |a − b| relative to the largest |b| (at least 1). */
    private static double err(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / Math.max(1, b.amaxNumber().doubleValue());
    }

    @ParameterizedTest(name = "batch {0}, {1}→{2}, {3}×{3}")
    @CsvSource({"128, 1, 8, 28", "128, 8, 16, 14", "128, 16, 32, 7", "16, 32, 64, 14", "5, 3, 5, 9", "2, 64, 128, 7"})
    void forwardAndBackwardMatchLibnd4j(int n, int cin, int cout, int hw) {
        Nd4j.getRandom().setSeed(n * 31L + cin);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, cin, cout).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, cout).subi(0.5);
        Conv3x3[] c = pair(w, b);
        for (int step = 0; step < 2; step++) { // twice: the reused primitives and buffers give the same again
            INDArray x = Nd4j.rand(DataType.FLOAT, n, cin, hw, hw).subi(0.5);
            INDArray gy = Nd4j.rand(DataType.FLOAT, n, cout, hw, hw).subi(0.5);
            INDArray yRef = c[0].forward(x, Pass.train(new Random(1))).dup();
            long before = DirectConv.forwards;
            INDArray y = c[1].forward(x, Pass.train(new Random(1)));
            assertEquals(before + 1, DirectConv.forwards, "ran on oneDNN directly");
            assertTrue(err(y, yRef) < TOL, "forward " + err(y, yRef));
            INDArray gxRef = c[0].backward(gy).dup();
            INDArray gx = c[1].backward(gy);
            assertTrue(err(gx, gxRef) < TOL, "input gradient " + err(gx, gxRef));
            for (int p = 0; p < 2; p++) {
                Parameter ref = c[0].parameters().get(p);
                Parameter got = c[1].parameters().get(p);
                assertTrue(err(got.grad(), ref.grad()) < TOL, ref.name() + " gradient " + err(got.grad(), ref.grad()));
            }
        }
    }

    @Test
    void firstLayerSkipsTheInputGradientAndKeepsTheWeightGradients() {
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, 1, 8).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 8).subi(0.5);
        Conv3x3[] c = pair(w, b);
        c[1].inputGradient(false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 1, 28, 28);
        INDArray gy = Nd4j.rand(DataType.FLOAT, 64, 8, 28, 28).subi(0.5);
        c[0].forward(x, Pass.train(new Random(1)));
        c[1].forward(x, Pass.train(new Random(1)));
        c[0].backward(gy);
        assertNull(c[1].backward(gy));
        for (int p = 0; p < 2; p++) {
            assertTrue(err(c[1].parameters().get(p).grad(), c[0].parameters().get(p).grad()) < TOL);
        }
    }

    /** Batch sizes change (evaluation, a last partial batch), shapes are evicted and released: each still matches. */
    @Test
    void changingBatchSizesEvictionAndReleaseStayCorrect() {
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, 8, 16).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 16);
        Conv3x3[] c = pair(w, b);
        for (int n : new int[]{128, 250, 37, 128, 5, 250, -1, 128, 37}) {
            if (n < 0) {
                c[0].release();
                c[1].release();
                continue;
            }
            INDArray x = Nd4j.rand(DataType.FLOAT, n, 8, 14, 14);
            INDArray gy = Nd4j.rand(DataType.FLOAT, n, 16, 14, 14);
            INDArray yRef = c[0].forward(x, Pass.train(new Random(1))).dup();
            assertTrue(err(c[1].forward(x, Pass.train(new Random(1))), yRef) < TOL, "forward, batch " + n);
            INDArray gxRef = c[0].backward(gy).dup();
            assertTrue(err(c[1].backward(gy), gxRef) < TOL, "input gradient, batch " + n);
            assertTrue(err(c[1].parameters().get(0).grad(), c[0].parameters().get(0).grad()) < TOL, "W, batch " + n);
        }
    }

    @Test
    void viewsWithAnOffsetRunDirectAndStridedViewsFallBack() {
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, 4, 6).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 6);
        Conv3x3[] c = pair(w, b);
        INDArray big = Nd4j.rand(DataType.FLOAT, 10, 4, 8, 8);
        INDArray rows = big.get(NDArrayIndex.interval(3, 7)); // contiguous, offset 3 images
        INDArray perm = Nd4j.rand(DataType.FLOAT, 4, 4, 8, 8).permute(1, 0, 2, 3); // not row-major: libnd4j's path
        for (INDArray x : List.of(rows, perm)) {
            long before = DirectConv.forwards;
            INDArray yRef = c[0].forward(x, Pass.EVAL).dup();
            assertEquals(before, DirectConv.forwards, "libnd4j's path");
            assertTrue(err(c[1].forward(x, Pass.EVAL), yRef) < TOL);
            assertEquals(x == rows ? before + 1 : before, DirectConv.forwards, x == rows ? "direct" : "fallback");
        }
    }

    @Test
    void twentyTrainingStepsOfCnnSmallGiveTheSameLosses() {
        long before0 = DirectConv.forwards;
        List<Double> ref = train(false);
        assertEquals(before0, DirectConv.forwards, "the reference ran on libnd4j");
        long before = DirectConv.forwards;
        List<Double> direct = train(true);
        assertEquals(before + 3 * 20, DirectConv.forwards, "cnn-small's three convolutions ran on oneDNN");
        for (int i = 0; i < ref.size(); i++) {
            assertEquals(ref.get(i), direct.get(i), 1e-3 * Math.max(1, Math.abs(ref.get(i))), "step " + i + ": " + ref
                    + " vs " + direct);
        }
        assertTrue(ref.get(ref.size() - 1) < ref.get(0), "the loss falls: " + ref);
    }

    /** cnn-small, batch 128 of fixed random images and labels, SGD (lr 0.1) on softmax cross-entropy: the losses. */
    private static List<Double> train(boolean direct) {
        if (!direct) {
            System.setProperty(Dnnl.PROPERTY, "false");
        }
        Network net;
        try {
            net = Network.create(ModelZoo.get("cnn-small"), 10, 42);
        } finally {
            System.clearProperty(Dnnl.PROPERTY);
        }
        Random data = new Random(3);
        int n = 128;
        float[] px = new float[n * 28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = data.nextFloat();
        }
        INDArray images = Nd4j.create(px, new long[]{n, 1, 28, 28}, 'c');
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.nextInt(10);
        }
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            INDArray logits = net.forward(images, Pass.train(new Random(step))).logits();
            float[] z = Floats.read(logits, null);
            float[] g = new float[z.length];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 10; k++) {
                    max = Math.max(max, z[i * 10 + k]);
                }
                double sum = 0;
                for (int k = 0; k < 10; k++) {
                    sum += Math.exp(z[i * 10 + k] - max);
                }
                loss -= z[i * 10 + labels[i]] - max - Math.log(sum);
                for (int k = 0; k < 10; k++) {
                    g[i * 10 + k] = (float) ((Math.exp(z[i * 10 + k] - max) / sum - (k == labels[i] ? 1 : 0)) / n);
                }
            }
            losses.add(loss / n);
            INDArray grad = Nd4j.createUninitialized(DataType.FLOAT, n, 10);
            Floats.write(grad, g);
            net.backward(grad, Map.of());
            for (Parameter p : net.parameters()) {
                p.value().subi(p.grad().mul(0.1));
            }
        }
        return losses;
    }
}
