package org.transferlab.l2t;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The meta-networks: channel weights on the simplex, λ ≥ 0, uniform at the start, gradients by differences. */
class MetaNetworksTest {

    @Test
    void channelWeightsSumToOneAndLambdaIsNonNegative() {
        Random rng = new Random(1);
        MetaNetworks m = new MetaNetworks(5, rng);
        double[] p = WeightedFeatureMatchingTest.normal(rng, 4 * 5);
        MetaNetworks.Output o = m.forward(p, 4);
        for (int i = 0; i < 4; i++) {
            double sum = 0;
            for (int c = 0; c < 5; c++) {
                assertEquals(0.2, o.channelWeights()[i * 5 + c], 1e-12, "zero-initialised: uniform, FM's 1/C");
                sum += o.channelWeights()[i * 5 + c];
            }
            assertEquals(1, sum, 1e-12);
        }
        // pushed hard either way, λ stays in [0, 6] and the weights on the simplex
        for (int k = 0; k < m.whatWeight.length; k++) {
            m.whatWeight[k] = rng.nextGaussian() * 5;
        }
        for (double bias : new double[]{-50, 50}) {
            m.whereBias[0] = bias;
            MetaNetworks.Output big = m.forward(p, 4);
            for (int i = 0; i < 4; i++) {
                assertTrue(big.lambda()[i] >= 0 && big.lambda()[i] <= 6, "λ " + big.lambda()[i]);
                double sum = 0;
                for (int c = 0; c < 5; c++) {
                    assertTrue(big.channelWeights()[i * 5 + c] >= 0);
                    sum += big.channelWeights()[i * 5 + c];
                }
                assertEquals(1, sum, 1e-12);
            }
        }
    }

    @Test
    void gradientsOfPhiMatchCentralDifferences() {
        Random rng = new Random(2);
        MetaNetworks m = new MetaNetworks(3, rng);
        for (int k = 0; k < m.whatWeight.length; k++) {
            m.whatWeight[k] = rng.nextGaussian();
        }
        double[] p = WeightedFeatureMatchingTest.normal(rng, 2 * 3);
        double[] gw = WeightedFeatureMatchingTest.normal(rng, 2 * 3); // a linear probe of the outputs
        double[] gl = {0.7, -1.3};
        MetaNetworks.Output o = m.forward(p, 2);
        MetaNetworks.Gradients g = m.backward(o, gw, gl, 2);
        double[][] params = {m.whatWeight, m.whatBias, m.whereWeight, m.whereBias};
        double[][] grads = {g.whatWeight(), g.whatBias(), g.whereWeight(), g.whereBias()};
        for (int a = 0; a < params.length; a++) {
            for (int k = 0; k < params[a].length; k++) {
                double keep = params[a][k];
                double h = 1e-6;
                params[a][k] = keep + h;
                double up = probe(m.forward(p, 2), gw, gl);
                params[a][k] = keep - h;
                double down = probe(m.forward(p, 2), gw, gl);
                params[a][k] = keep;
                assertEquals((up - down) / (2 * h), grads[a][k], 1e-7, "part " + a + "[" + k + "]");
            }
        }
    }

    private static double probe(MetaNetworks.Output o, double[] gw, double[] gl) {
        double s = 0;
        for (int k = 0; k < gw.length; k++) {
            s += gw[k] * o.channelWeights()[k];
        }
        for (int i = 0; i < gl.length; i++) {
            s += gl[i] * o.lambda()[i];
        }
        return s;
    }

    @Test
    void pooledFeaturesAreChannelMeans() {
        double[] maps = {1, 2, 3, 4, 10, 10, 10, 10}; // N = 1, C = 2, 2×2
        double[] p = MetaNetworks.pooledFeatures(maps, 1, 2, 2);
        assertEquals(2.5, p[0], 1e-12);
        assertEquals(10, p[1], 1e-12);
    }
}
