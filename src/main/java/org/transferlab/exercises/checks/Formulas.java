package org.transferlab.exercises.checks;

import java.util.Map;
import org.transferlab.transfer.AttentionTransfer;
import org.transferlab.transfer.CrossEntropy;
import org.transferlab.transfer.KnowledgeDistillation;
import org.transferlab.transfer.LossInputs;
import org.transferlab.transfer.Softmax;

/**
 * The cards' formulas in double precision: each reference (delegating to the engine's own implementation where
 * there is one) and the known mistakes, written as plainly as the mistake itself so a hint can name it.
 * Logits are [N, K] row-major, features [N, C, H, W], attention maps [N, H·W].
 */
public final class Formulas {
    private Formulas() {
    }

    // ---- knowledge distillation: T²·mean_n(−Σ_i softmax(zt/T)_i · log_softmax(zs/T)_i) ----

    /** The tutorial's distillation term times T² (what the Q2 card returns). */
    public static double kd(double[] zs, double[] zt, int k, double t) {
        return t * t * KnowledgeDistillation.term(zs, zt, k, t, 0, null);
    }

    /**
     * A KD-shaped loss with the mistakes switched on: the teacher softened at {@code tTeacher}, the student at
     * {@code tStudent}, {@code logOfStudent} false for softmax instead of log-softmax, {@code scale} in front,
     * {@code mean} false for the batch sum, {@code kl} for KL(p_t‖p_s) instead of the cross-entropy.
     */
    public static double kdVariant(double[] zs, double[] zt, int k, double tStudent, double tTeacher,
                                   boolean logOfStudent, double scale, boolean mean, boolean kl) {
        int n = zs.length / k;
        double[] pt = new double[k];
        double[] qs = new double[k];
        double sum = 0;
        for (int s = 0; s < n; s++) {
            Softmax.into(zt, s * k, k, tTeacher, pt);
            double lse = Softmax.into(zs, s * k, k, tStudent, qs);
            for (int i = 0; i < k; i++) {
                double logQ = zs[s * k + i] / tStudent - lse;
                sum -= pt[i] * (logOfStudent ? logQ : qs[i]);
                if (kl && pt[i] > 0) {
                    sum += pt[i] * Math.log(pt[i]);
                }
            }
        }
        return scale * (mean ? sum / n : sum);
    }

    // ---- attention maps: Q = a/‖a‖₂ per sample, a = Σ_c |A_c|^p ----

    public static double[] map(double[] a, int n, int c, int h, int w, double p) {
        return AttentionTransfer.map(new LossInputs.Feature(a, c, h, w), AttentionTransfer.Form.TUTORIAL, p, h, w);
    }

    /** How a wrong map is normalised. */
    public enum Norm { PER_SAMPLE, OVER_BATCH, WHOLE_TENSOR, NONE }

    /**
     * An attention map with the mistakes switched on: {@code abs} false drops |·|, {@code power} false drops ^p,
     * {@code norm} normalises per sample (right), per position over the batch, over the whole tensor, or not at all.
     */
    public static double[] mapVariant(double[] a, int n, int c, int h, int w, double p, boolean abs, boolean power,
                                      Norm norm) {
        int hw = h * w;
        double[] m = new double[n * hw];
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < hw; k++) {
                    double v = a[(s * c + ch) * hw + k];
                    v = abs ? Math.abs(v) : v;
                    m[s * hw + k] += power ? Math.pow(v, p) : v;
                }
            }
        }
        double[] q = m.clone();
        switch (norm) {
            case PER_SAMPLE -> {
                for (int s = 0; s < n; s++) {
                    double ss = 0;
                    for (int k = 0; k < hw; k++) {
                        ss += m[s * hw + k] * m[s * hw + k];
                    }
                    for (int k = 0; k < hw; k++) {
                        q[s * hw + k] = m[s * hw + k] / Math.sqrt(ss);
                    }
                }
            }
            case OVER_BATCH -> {
                for (int k = 0; k < hw; k++) {
                    double ss = 0;
                    for (int s = 0; s < n; s++) {
                        ss += m[s * hw + k] * m[s * hw + k];
                    }
                    for (int s = 0; s < n; s++) {
                        q[s * hw + k] = m[s * hw + k] / Math.sqrt(ss);
                    }
                }
            }
            case WHOLE_TENSOR -> {
                double ss = 0;
                for (double v : m) {
                    ss += v * v;
                }
                for (int i = 0; i < q.length; i++) {
                    q[i] = m[i] / Math.sqrt(ss);
                }
            }
            case NONE -> {
            }
        }
        return q;
    }

    /** The tutorial's AT distance between two feature tensors of equal H×W: mean_n ‖Q_s[n] − Q_t[n]‖₂. */
    public static double at(double[] fs, int cs, double[] ft, int ct, int n, int h, int w, double p) {
        double[] qs = map(fs, n, cs, h, w, p);
        double[] qt = map(ft, n, ct, h, w, p);
        return AttentionTransfer.pairLoss(qs, qt, n, AttentionTransfer.Form.TUTORIAL, null);
    }

    /** How a wrong AT distance is reduced. */
    public enum Distance { L2_MEAN, SQUARED_MEAN, L2_SUM, ELEMENT_MEAN_SQUARED }

    public static double atVariant(double[] fs, int cs, double[] ft, int ct, int n, int h, int w, double p,
                                   Distance d) {
        double[] qs = map(fs, n, cs, h, w, p);
        double[] qt = map(ft, n, ct, h, w, p);
        int hw = h * w;
        double total = 0;
        for (int s = 0; s < n; s++) {
            double ss = 0;
            for (int k = s * hw; k < (s + 1) * hw; k++) {
                ss += (qs[k] - qt[k]) * (qs[k] - qt[k]);
            }
            total += switch (d) {
                case L2_MEAN, L2_SUM -> Math.sqrt(ss);
                case SQUARED_MEAN -> ss;
                case ELEMENT_MEAN_SQUARED -> ss / hw;
            };
        }
        return d == Distance.L2_SUM ? total : total / n;
    }

    // ---- KD + AT: (1 − α)·CE + α·T²·kd + β·Σ_j at_j ----

    /** Mean cross-entropy of logits [N, K] against one-hot labels [N, K]. */
    public static double crossEntropy(double[] z, double[] oneHot, int k) {
        int n = z.length / k;
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < k; i++) {
                if (oneHot[s * k + i] > 0.5) {
                    labels[s] = i;
                }
            }
        }
        return CrossEntropy.evaluate(z, labels, k, 0, new double[z.length]);
    }

    // ---- uncertainty weighting: Σ_i exp(−s_i)·L_i + s_i/2 ----

    /**
     * Kendall's weighted loss with the mistakes switched on: {@code sign} −1 right (+1 uses exp(+s)),
     * {@code lossFactor} 1 right (½ is the regression form), {@code regulariser} ½ right (0 drops it, 1 uses s),
     * {@code mean} averages over tasks instead of summing.
     */
    public static double uncertainty(double[] losses, double[] s, double sign, double lossFactor, double regulariser,
                                     boolean mean) {
        double total = 0;
        for (int i = 0; i < losses.length; i++) {
            total += lossFactor * Math.exp(sign * s[i]) * losses[i] + regulariser * s[i];
        }
        return mean ? total / losses.length : total;
    }

    static double[] get(Map<String, double[]> in, String key) {
        double[] v = in.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no input " + key);
        }
        return v;
    }
}
