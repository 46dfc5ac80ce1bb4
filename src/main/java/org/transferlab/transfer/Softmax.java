package org.transferlab.transfer;

/** Softened distributions in plain Java, computed stably (shift by the largest logit). */
public final class Softmax {
    private Softmax() {
    }

    /**
     * Writes {@code softmax(z/T)} of {@code z = values[from .. from+k)} into {@code out} and returns
     * {@code log Σ_i exp(z_i/T)}, so that {@code log_softmax(z/T)_i = z_i/T − result}.
     */
    public static double into(double[] values, int from, int k, double temperature, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, values[from + i] / temperature);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            out[i] = Math.exp(values[from + i] / temperature - max);
            sum += out[i];
        }
        for (int i = 0; i < k; i++) {
            out[i] /= sum;
        }
        return max + Math.log(sum);
    }

    /** {@code q_i(T) = exp(z_i/T) / Σ_j exp(z_j/T)}. */
    public static double[] softmax(float[] logits, double temperature) {
        double[] z = new double[logits.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logits[i];
        }
        double[] q = new double[z.length];
        into(z, 0, z.length, temperature, q);
        return q;
    }

    /** Entropy in nats. */
    public static double entropy(double[] q) {
        double h = 0;
        for (double v : q) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }

    /** One sample's KD term {@code −Σ_i p_t[i]·log q_s[i]} at temperature T. */
    public static double kdTerm(float[] studentLogits, float[] teacherLogits, double temperature) {
        double[] pt = softmax(teacherLogits, temperature);
        double[] qs = softmax(studentLogits, temperature);
        double kd = 0;
        for (int i = 0; i < pt.length; i++) {
            kd -= pt[i] * Math.log(Math.max(qs[i], 1e-300));
        }
        return kd;
    }
}
