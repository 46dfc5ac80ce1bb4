package org.transferlab.testing;

/**
 * Independent plain-Java (double) versions of the formulas in the curriculum, written from the formulas and
 * not from the SameDiff code, for comparing against.
 */
public final class Reference {
    private Reference() {
    }

    public static double[] softmax(double[] z, double t) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v / t);
        }
        double s = 0;
        double[] q = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            q[i] = Math.exp(z[i] / t - m);
            s += q[i];
        }
        for (int i = 0; i < z.length; i++) {
            q[i] /= s;
        }
        return q;
    }

    /** CE = mean_n −log softmax(z_n)[y_n]. */
    public static double crossEntropy(double[][] logits, int[] labels) {
        double sum = 0;
        for (int n = 0; n < logits.length; n++) {
            sum -= Math.log(softmax(logits[n], 1)[labels[n]]);
        }
        return sum / logits.length;
    }

    /** kd = mean_n −Σ_i softmax(l_t/T)_i · log softmax(l_s/T)_i. */
    public static double kd(double[][] student, double[][] teacher, double t) {
        double sum = 0;
        for (int n = 0; n < student.length; n++) {
            double[] pt = softmax(teacher[n], t);
            double[] ps = softmax(student[n], t);
            for (int i = 0; i < pt.length; i++) {
                sum -= pt[i] * Math.log(ps[i]);
            }
        }
        return sum / student.length;
    }

    /** Attention map of one sample A[c][h][w]: Σ_c |A|^p (or its mean over c), flattened, L2-normalised. */
    public static double[] attention(double[][][] a, double p, boolean meanOverChannels) {
        int c = a.length;
        int h = a[0].length;
        int w = a[0][0].length;
        double[] m = new double[h * w];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    m[y * w + x] += Math.pow(Math.abs(a[k][y][x]), p);
                }
            }
        }
        double norm = 0;
        for (int i = 0; i < m.length; i++) {
            if (meanOverChannels) {
                m[i] /= c;
            }
            norm += m[i] * m[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < m.length; i++) {
            m[i] /= norm;
        }
        return m;
    }

    /** Tutorial AT for one pair: mean_n ‖Q_t[n] − Q_s[n]‖₂. */
    public static double atTutorial(double[][] qs, double[][] qt) {
        double sum = 0;
        for (int n = 0; n < qs.length; n++) {
            double d = 0;
            for (int i = 0; i < qs[n].length; i++) {
                d += (qt[n][i] - qs[n][i]) * (qt[n][i] - qs[n][i]);
            }
            sum += Math.sqrt(d);
        }
        return sum / qs.length;
    }

    /** Paper AT (authors' code) for one pair, before β/2: mean over n and k of (Q_t − Q_s)². */
    public static double atPaper(double[][] qs, double[][] qt) {
        double sum = 0;
        int count = 0;
        for (int n = 0; n < qs.length; n++) {
            for (int i = 0; i < qs[n].length; i++) {
                sum += (qt[n][i] - qs[n][i]) * (qt[n][i] - qs[n][i]);
                count++;
            }
        }
        return sum / count;
    }
}
