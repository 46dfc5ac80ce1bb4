package org.transferlab.engine;

/** Plain-Java softened distributions, for views that re-render at another temperature without ND4J. */
public final class Softmax {
    private Softmax() {
    }

    /** {@code q_i(T) = exp(z_i/T) / Σ_j exp(z_j/T)}, computed stably. */
    public static double[] softmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z / temperature);
        }
        double[] q = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.exp(logits[i] / temperature - max);
            sum += q[i];
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= sum;
        }
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
