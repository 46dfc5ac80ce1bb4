package org.transferlab.transfer;

import java.util.Random;

/**
 * The FitNets hint (Romero, Ballas, Kahou, Chassang, Gatta and Bengio, ICLR 2015): the student's
 * <em>guided</em> layer v_g learns to predict the teacher's <em>hint</em> layer u_h through a trainable
 * regressor r:
 * <pre>
 *   L_hint = ½ ‖u_h(x) − r(v_g(x))‖²          (paper; here the mean over the N·C_t·h·w elements)
 *   r(S)[n,o,p] = Σ_c W[o,c]·S[n,c,p] + b[o]    (a 1×1 convolution, W [C_t·C_s], b [C_t])
 *   L_hint = ½ · (1/(N·C_t·h·w)) Σ_{n,o,p} (r(P)[n,o,p] − T[n,o,p])²
 * </pre>
 * where T is the teacher's hint [N, C_t, h, w] and P the student's guided feature S [N, C_s, H, W],
 * average-pooled to h×w when H×W is an integer multiple of it (P = S when the sizes are equal). With
 * E = (r(P) − T)/(N·C_t·h·w) the gradients are {@code ∂L/∂W[o,c] = Σ_{n,p} E[n,o,p]·P[n,c,p]},
 * {@code ∂L/∂b[o] = Σ_{n,p} E[n,o,p]}, {@code ∂L/∂P[n,c,p] = Σ_o W[o,c]·E[n,o,p]}, and the pooling spreads
 * ∂L/∂P evenly over each cell. The paper trains in two stages: the student up to the guided layer, with r,
 * on L_hint alone, then the whole student with KD.
 */
public final class HintRegression {
    private HintRegression() {
    }

    /**
     * The unweighted L_hint of the student's feature {@code student} [N, C_s, H, W] against the teacher's hint
     * {@code teacher} [N·ct·h·w] through the regressor ({@code weights} [ct·C_s], {@code bias} [ct]); adds
     * {@code weight·}∂L/∂(student, W, b) into {@code gradStudent}, {@code gradWeights} and {@code gradBias},
     * each unless it is null.
     *
     * @throws IllegalArgumentException if the shapes disagree or H×W is not an integer multiple of h×w
     */
    public static double hint(LossInputs.Feature student, double[] teacher, int ct, int h, int w,
                              double[] weights, double[] bias, double weight, double[] gradStudent,
                              double[] gradWeights, double[] gradBias) {
        int cs = student.channels();
        int bigH = student.height();
        int bigW = student.width();
        if (cs < 1 || bigH < 1 || bigW < 1 || ct < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("hint: sizes must be positive, got student " + cs + "x" + bigH
                    + "x" + bigW + " and teacher " + ct + "x" + h + "x" + w);
        }
        checkPoolable(bigH, bigW, h, w);
        int plane = bigH * bigW;
        int n = student.values().length / (cs * plane);
        if (student.values().length != n * cs * plane) {
            throw new IllegalArgumentException("hint: the student feature has " + student.values().length
                    + " values, not a multiple of " + cs + "x" + bigH + "x" + bigW);
        }
        if (teacher.length != n * ct * h * w) {
            throw new IllegalArgumentException("hint: the teacher's hint has " + teacher.length + " values, expected "
                    + n + "x" + ct + "x" + h + "x" + w + " = " + n * ct * h * w);
        }
        if (weights.length != ct * cs || bias.length != ct) {
            throw new IllegalArgumentException("hint: the regressor needs " + ct + "x" + cs + " weights and " + ct
                    + " biases, got " + weights.length + " and " + bias.length);
        }
        checkLength("gradStudent", gradStudent, student.values().length);
        checkLength("gradWeights", gradWeights, weights.length);
        checkLength("gradBias", gradBias, bias.length);

        if (n == 0) {
            return 0;
        }
        int hw = h * w;
        double[] p = pool(student.values(), n, cs, bigH, bigW, h, w);
        double count = (double) n * ct * hw;
        double[] r = regress(p, n, cs, ct, hw, weights, bias);
        double[] e = new double[n * ct * hw]; // (r(P) − T)/count
        double sum = 0;
        for (int i = 0; i < e.length; i++) {
            double diff = r[i] - teacher[i];
            sum += diff * diff;
            e[i] = diff / count;
        }
        backward(e, p, n, cs, ct, h, w, bigH, bigW, weights, weight, gradStudent, gradWeights, gradBias);
        return 0.5 * sum / count;
    }

    /** The 1×1 convolution r(P) = W·P + b of pooled features {@code p} [n, cs, hw]: [n, ct, hw]. */
    static double[] regress(double[] p, int n, int cs, int ct, int hw, double[] weights, double[] bias) {
        double[] r = new double[n * ct * hw];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < ct; o++) {
                int to = (s * ct + o) * hw;
                java.util.Arrays.fill(r, to, to + hw, bias[o]);
                for (int c = 0; c < cs; c++) {
                    double wc = weights[o * cs + c];
                    int base = (s * cs + c) * hw;
                    for (int k = 0; k < hw; k++) {
                        r[to + k] += wc * p[base + k];
                    }
                }
            }
        }
        return r;
    }

    /**
     * The backward pass of {@link #regress} after {@link #pool}: given e = ∂L/∂r [n, ct, h·w], adds
     * {@code weight·}∂L/∂b, ∂L/∂W and ∂L/∂(student feature [n, cs, bigH, bigW]) into the arrays that are not null.
     */
    static void backward(double[] e, double[] p, int n, int cs, int ct, int h, int w, int bigH, int bigW,
                         double[] weights, double weight, double[] gradStudent, double[] gradWeights, double[] gradBias) {
        if (gradBias == null && gradWeights == null && gradStudent == null) {
            return;
        }
        int hw = h * w;
        double[] gradP = gradStudent == null ? null : new double[p.length];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < ct; o++) {
                int to = (s * ct + o) * hw;
                if (gradBias != null) {
                    double g = 0;
                    for (int k = 0; k < hw; k++) {
                        g += e[to + k];
                    }
                    gradBias[o] += weight * g;
                }
                for (int c = 0; c < cs; c++) {
                    int base = (s * cs + c) * hw;
                    if (gradWeights != null) {
                        double g = 0;
                        for (int k = 0; k < hw; k++) {
                            g += e[to + k] * p[base + k];
                        }
                        gradWeights[o * cs + c] += weight * g;
                    }
                    if (gradP != null) {
                        double wc = weights[o * cs + c];
                        for (int k = 0; k < hw; k++) {
                            gradP[base + k] += wc * e[to + k];
                        }
                    }
                }
            }
        }
        if (gradStudent != null) {
            int plane = bigH * bigW;
            int kh = bigH / h;
            int kw = bigW / w;
            double f = weight / (kh * kw);
            for (int sc = 0; sc < n * cs; sc++) {
                for (int y = 0; y < bigH; y++) {
                    for (int x = 0; x < bigW; x++) {
                        gradStudent[sc * plane + y * bigW + x] += f * gradP[sc * hw + (y / kh) * w + x / kw];
                    }
                }
            }
        }
    }

    /**
     * A fresh regressor {W [ct·cs], b [ct]}, as PyTorch initialises a 1×1 convolution: every value uniform in
     * ±1/√cs (kaiming_uniform with a = √5 gives that bound for W), W drawn first (row by row), then b.
     */
    public static double[][] initialRegressor(int cs, int ct, Random rng) {
        if (cs < 1 || ct < 1) {
            throw new IllegalArgumentException("hint: channel counts must be positive, got cs=" + cs + ", ct=" + ct);
        }
        double bound = 1 / Math.sqrt(cs);
        double[] weights = new double[ct * cs];
        double[] bias = new double[ct];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (2 * rng.nextDouble() - 1) * bound;
        }
        for (int k = 0; k < bias.length; k++) {
            bias[k] = (2 * rng.nextDouble() - 1) * bound;
        }
        return new double[][]{weights, bias};
    }

    /**
     * Average pooling of {@code values} [n, c, H, W] to [n, c, h, w] over non-overlapping (H/h)×(W/w) cells;
     * returns {@code values} itself when the sizes are equal.
     *
     * @throws IllegalArgumentException if H×W is not an integer multiple of h×w
     */
    public static double[] pool(double[] values, int n, int c, int bigH, int bigW, int h, int w) {
        checkPoolable(bigH, bigW, h, w);
        if (values.length != n * c * bigH * bigW) {
            throw new IllegalArgumentException("pool: " + values.length + " values are not " + n + "x" + c + "x"
                    + bigH + "x" + bigW);
        }
        if (bigH == h && bigW == w) {
            return values;
        }
        int kh = bigH / h;
        int kw = bigW / w;
        int plane = bigH * bigW;
        double[] out = new double[n * c * h * w];
        double f = 1.0 / (kh * kw);
        for (int sc = 0; sc < n * c; sc++) {
            for (int y = 0; y < bigH; y++) {
                for (int x = 0; x < bigW; x++) {
                    out[sc * h * w + (y / kh) * w + x / kw] += f * values[sc * plane + y * bigW + x];
                }
            }
        }
        return out;
    }

    private static void checkPoolable(int bigH, int bigW, int h, int w) {
        if (h < 1 || w < 1 || bigH < h || bigW < w || bigH % h != 0 || bigW % w != 0) {
            throw new IllegalArgumentException("hint: a " + bigH + "x" + bigW + " student feature cannot be"
                    + " average-pooled to the teacher's " + h + "x" + w + " (it must be an integer multiple;"
                    + " pool the teacher first if it is the larger)");
        }
    }

    private static void checkLength(String what, double[] a, int expected) {
        if (a != null && a.length != expected) {
            throw new IllegalArgumentException("hint: " + what + " has " + a.length + " values, expected " + expected);
        }
    }
}
