package org.transferlab.l2t;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The meta-gradient with finite-difference Hessian-vector products, against a central-difference estimate of
 * dM/dφ (re-running the T transfer steps and the adaptation step for φ ± h) on a tiny target network: a 1×1
 * convolution with tanh (the pair's target layer, 2 channels), global average pooling and a linear head on two
 * classes; the source layer a fixed 3-channel map twice the target's size (so the pair pools); the pair's
 * regressor is part of θ, its meta-networks are φ.
 */
class MetaGradientTest {
    private static final int N = 4;
    private static final int CT = 2;
    private static final int CS = 3;
    private static final int SIDE = 2;

    /** θ = conv weight a[2], conv bias b[2], head U[2×2], head bias d[2], regressor W[3×2], regressor bias r[3]. */
    private static final class Tiny implements MetaGradient.Problem {
        final double[] x;
        final int[] labels;
        final double[] source;
        final double[] pooled;
        final MetaNetworks meta;
        final WeightedFeatureMatching.Shapes shapes = new WeightedFeatureMatching.Shapes(N, CT, SIDE, CS, 2 * SIDE);

        Tiny(Random rng) {
            x = WeightedFeatureMatchingTest.normal(rng, N * SIDE * SIDE);
            labels = new int[]{0, 1, 1, 0};
            source = WeightedFeatureMatchingTest.normal(rng, N * CS * 4 * SIDE * SIDE);
            pooled = MetaNetworks.pooledFeatures(source, N, CS, 2 * SIDE);
            meta = new MetaNetworks(CS, rng);
            for (int k = 0; k < meta.whatWeight.length; k++) {
                meta.whatWeight[k] = rng.nextGaussian() * 0.5;
            }
            for (int k = 0; k < meta.whereWeight.length; k++) {
                meta.whereWeight[k] = rng.nextGaussian() * 0.2;
            }
        }

        /** The target layer's map T [N, 2, 2, 2] = tanh(a_k x + b_k). */
        double[] features(double[] th) {
            double[] t = new double[N * CT * SIDE * SIDE];
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < CT; k++) {
                    for (int p = 0; p < SIDE * SIDE; p++) {
                        t[(i * CT + k) * SIDE * SIDE + p] = Math.tanh(th[k] * x[i * SIDE * SIDE + p] + th[2 + k]);
                    }
                }
            }
            return t;
        }

        /** Back through tanh to a and b. */
        void featureBackward(double[] th, double[] t, double[] dT, double[] grad) {
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < CT; k++) {
                    for (int p = 0; p < SIDE * SIDE; p++) {
                        int at = (i * CT + k) * SIDE * SIDE + p;
                        double d = dT[at] * (1 - t[at] * t[at]);
                        grad[k] += d * x[i * SIDE * SIDE + p];
                        grad[2 + k] += d;
                    }
                }
            }
        }

        WeightedFeatureMatching.Gradients transfer(double[] th, double[] t) {
            MetaNetworks.Output o = meta.forward(pooled, N);
            var g = new WeightedFeatureMatching.Gradients(shapes);
            WeightedFeatureMatching.loss(shapes, t, source, java.util.Arrays.copyOfRange(th, 10, 16),
                    java.util.Arrays.copyOfRange(th, 16, 19), o.channelWeights(), o.lambda(), g);
            return g;
        }

        @Override
        public double[] transferGradientTheta(double[] th) {
            double[] t = features(th);
            var g = transfer(th, t);
            double[] grad = new double[th.length];
            featureBackward(th, t, g.target, grad);
            System.arraycopy(g.weight, 0, grad, 10, 6);
            System.arraycopy(g.bias, 0, grad, 16, 3);
            return grad;
        }

        @Override
        public double[] transferGradientPhi(double[] th) {
            var g = transfer(th, features(th));
            MetaNetworks.Gradients m = meta.backward(meta.forward(pooled, N), g.channelWeights, g.lambda, N);
            return concat(m.whatWeight(), m.whatBias(), m.whereWeight(), m.whereBias());
        }

        double task(double[] th, double[] grad) {
            double[] t = features(th);
            double loss = 0;
            double[] dT = new double[t.length];
            for (int i = 0; i < N; i++) {
                double[] gap = new double[CT];
                for (int k = 0; k < CT; k++) {
                    for (int p = 0; p < SIDE * SIDE; p++) {
                        gap[k] += t[(i * CT + k) * SIDE * SIDE + p] / (SIDE * SIDE);
                    }
                }
                double[] z = new double[2];
                for (int c = 0; c < 2; c++) {
                    z[c] = th[8 + c];
                    for (int k = 0; k < CT; k++) {
                        z[c] += th[4 + c * CT + k] * gap[k];
                    }
                }
                double m = Math.max(z[0], z[1]);
                double lse = m + Math.log(Math.exp(z[0] - m) + Math.exp(z[1] - m));
                loss += (lse - z[labels[i]]) / N;
                if (grad != null) {
                    for (int c = 0; c < 2; c++) {
                        double dz = (Math.exp(z[c] - lse) - (c == labels[i] ? 1 : 0)) / N;
                        grad[8 + c] += dz;
                        for (int k = 0; k < CT; k++) {
                            grad[4 + c * CT + k] += dz * gap[k];
                            for (int p = 0; p < SIDE * SIDE; p++) {
                                dT[(i * CT + k) * SIDE * SIDE + p] += dz * th[4 + c * CT + k] / (SIDE * SIDE);
                            }
                        }
                    }
                }
            }
            if (grad != null) {
                featureBackward(th, t, dT, grad);
            }
            return loss;
        }

        @Override
        public double[] taskGradient(double[] th) {
            double[] g = new double[th.length];
            task(th, g);
            return g;
        }

        @Override
        public double taskLoss(double[] th) {
            return task(th, null);
        }

        double[][] phi() {
            return new double[][]{meta.whatWeight, meta.whatBias, meta.whereWeight, meta.whereBias};
        }
    }

    static double[] concat(double[]... parts) {
        return L2tRun.concat(parts);
    }

    @Test
    void theTinyProblemsGradientsAreRight() {
        Tiny p = new Tiny(new Random(11));
        double[] theta = WeightedFeatureMatchingTest.normal(new Random(12), 19);
        double[] gt = p.taskGradient(theta);
        double[] gw = p.transferGradientTheta(theta);
        for (int k = 0; k < theta.length; k++) {
            double keep = theta[k];
            theta[k] = keep + 1e-6;
            double up = p.taskLoss(theta);
            double upW = wfm(p, theta);
            theta[k] = keep - 1e-6;
            double down = p.taskLoss(theta);
            double downW = wfm(p, theta);
            theta[k] = keep;
            assertEquals((up - down) / 2e-6, gt[k], 1e-7, "task, θ[" + k + "]");
            assertEquals((upW - downW) / 2e-6, gw[k], 1e-6, "transfer, θ[" + k + "]");
        }
    }

    private static double wfm(Tiny p, double[] th) {
        MetaNetworks.Output o = p.meta.forward(p.pooled, N);
        return WeightedFeatureMatching.loss(p.shapes, p.features(th), p.source, java.util.Arrays.copyOfRange(th, 10, 16),
                java.util.Arrays.copyOfRange(th, 16, 19), o.channelWeights(), o.lambda(), null);
    }

    @Test
    void theMetaGradientMatchesCentralDifferencesOfTheMetaLoss() {
        for (int steps : new int[]{1, 2}) {
            Tiny p = new Tiny(new Random(21));
            double[] theta = WeightedFeatureMatchingTest.normal(new Random(22), 19);
            double alpha = 0.3;
            double[] analytic = MetaGradient.metaGradient(p, theta, steps, alpha);
            double[] numeric = new double[analytic.length];
            int at = 0;
            for (double[] part : p.phi()) {
                for (int k = 0; k < part.length; k++) {
                    double keep = part[k];
                    double h = 1e-5;
                    part[k] = keep + h;
                    double up = MetaGradient.metaLoss(p, theta, steps, alpha);
                    part[k] = keep - h;
                    double down = MetaGradient.metaLoss(p, theta, steps, alpha);
                    part[k] = keep;
                    numeric[at++] = (up - down) / (2 * h);
                }
            }
            double diff = 0;
            double norm = 0;
            for (int k = 0; k < numeric.length; k++) {
                diff += (analytic[k] - numeric[k]) * (analytic[k] - numeric[k]);
                norm += numeric[k] * numeric[k];
            }
            System.out.printf("T = %d: ‖dM/dφ‖ = %.3e, relative difference to central differences %.2e%n", steps,
                    Math.sqrt(norm), Math.sqrt(diff / norm));
            assertTrue(norm > 1e-12, "the meta-loss depends on φ");
            assertTrue(Math.sqrt(diff / norm) < 1e-3, "T = " + steps + ": relative difference " + Math.sqrt(diff / norm));
        }
    }

    @Test
    void aMetaGradientThatTurnsNanNamesTheTerm() {
        Tiny p = new Tiny(new Random(31));
        double[] theta = WeightedFeatureMatchingTest.normal(new Random(32), 19);
        theta[8] = Double.NaN; // the head's bias: the task loss's gradient is NaN from the first term on
        var e = assertThrows(ArithmeticException.class, () -> MetaGradient.metaGradient(p, theta, 2, 0.1));
        assertTrue(e.getMessage().startsWith("the meta-gradient turned NaN or infinite in the meta-loss gradient"),
                e.getMessage());
    }
}
