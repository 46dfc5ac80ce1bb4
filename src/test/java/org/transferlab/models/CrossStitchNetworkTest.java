package org.transferlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/** The cross-stitch unit by hand and by finite differences; the network's tasks reach both columns through α. */
class CrossStitchNetworkTest {

    private static INDArray random(Random r, long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return Floats.create(v, shape);
    }

    private static double loss(CrossStitchNetwork.Unit u, INDArray a, INDArray b, float[] ra, float[] rb) {
        INDArray[] y = u.forward(a, b);
        float[] ya = Floats.read(y[0], null);
        float[] yb = Floats.read(y[1], null);
        double s = 0;
        for (int i = 0; i < ya.length; i++) {
            s += ra[i] * ya[i] + rb[i] * yb[i];
        }
        return s;
    }

    @Test
    void theUnitMixesChannelsAsItsMatrixSaysAndItsGradientsMatchFiniteDifferences() {
        Random r = new Random(4);
        CrossStitchNetwork.Unit u = new CrossStitchNetwork.Unit("cs", 3);
        INDArray a = random(r, 2, 3, 2, 2);
        INDArray b = random(r, 2, 3, 2, 2);
        INDArray[] y = u.forward(a, b);
        float[] xa = Floats.read(a, null);
        float[] xb = Floats.read(b, null);
        // at the start: 0.9·x_A + 0.1·x_B and 0.1·x_A + 0.9·x_B
        assertEquals(0.9 * xa[5] + 0.1 * xb[5], Floats.read(y[0], null)[5], 1e-6);
        assertEquals(0.1 * xa[5] + 0.9 * xb[5], Floats.read(y[1], null)[5], 1e-6);
        // change α and compare the analytic gradient of Σ r_A·ỹ_A + r_B·ỹ_B with central differences
        float[] al = Floats.read(u.alpha.value(), null);
        for (int i = 0; i < al.length; i++) {
            al[i] = (float) (r.nextGaussian() * 0.5);
        }
        Floats.write(u.alpha.value(), al);
        float[] ra = Floats.read(random(r, 2, 3, 2, 2), null);
        float[] rb = Floats.read(random(r, 2, 3, 2, 2), null);
        u.forward(a, b);
        INDArray[] d = u.backward(Floats.create(toDouble(ra), 2, 3, 2, 2), Floats.create(toDouble(rb), 2, 3, 2, 2));
        float[] galpha = Floats.read(u.alpha.grad(), null);
        double h = 1e-2;
        for (int i = 0; i < al.length; i++) {
            float keep = al[i];
            al[i] = (float) (keep + h);
            Floats.write(u.alpha.value(), al);
            double up = loss(u, a, b, ra, rb);
            al[i] = (float) (keep - h);
            Floats.write(u.alpha.value(), al);
            double down = loss(u, a, b, ra, rb);
            al[i] = keep;
            Floats.write(u.alpha.value(), al);
            assertEquals((up - down) / (2 * h), galpha[i], 2e-3, "dα[" + i + "]");
        }
        float[] dxa = Floats.read(d[0], null);
        for (int k : new int[]{0, 7, 13, 23}) {
            float[] pa = xa.clone();
            pa[k] += (float) h;
            double up = loss(u, Floats.create(toDouble(pa), 2, 3, 2, 2), b, ra, rb);
            pa[k] -= (float) (2 * h);
            double down = loss(u, Floats.create(toDouble(pa), 2, 3, 2, 2), b, ra, rb);
            assertEquals((up - down) / (2 * h), dxa[k], 2e-3, "dx_A[" + k + "]");
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void aTasksLossReachesTheOtherColumnThroughAlpha() {
        CrossStitchNetwork net = CrossStitchNetwork.create(new int[]{4, 4, 4}, new int[]{10, 10}, 1);
        INDArray x = random(new Random(2), 3, 1, 28, 28);
        INDArray logits = net.forward(0, x, Pass.train(new Random(0)));
        assertArrayEquals(new long[]{3, 10}, logits.shape());
        for (Parameter p : net.parameters()) {
            Floats.write(p.grad(), new float[(int) p.value().length()]);
        }
        net.backward(0, random(new Random(3), 3, 10));
        Parameter otherColumn = net.parameters().stream().filter(p -> p.name().equals("t2/b1_conv/W")).findFirst()
                .orElseThrow();
        Parameter otherBlock3 = net.parameters().stream().filter(p -> p.name().equals("t2/b3_conv/W")).findFirst()
                .orElseThrow();
        assertTrue(norm(otherColumn) > 0, "task 1's loss reaches column 2's block 1 through α_AB");
        assertEquals(0, norm(otherBlock3), 0, "but not column 2's block 3, after the last unit");
        assertTrue(net.sharedParameters().stream().anyMatch(p -> p.name().equals("cs2/alpha")));
        assertEquals(2, net.alphas().size());
    }

    private static double norm(Parameter p) {
        double s = 0;
        for (float v : Floats.read(p.grad(), null)) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
