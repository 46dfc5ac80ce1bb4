package org.transferlab.l2t;

/**
 * One pair's channel-weighted feature matching, L2T-ww's transfer loss for source layer m and target layer n:
 * <pre>
 *   r = W·T + b                      (a 1×1 convolution from the target's C_t channels to the source's C_s)
 *   L_i = Σ_c w_ic · (1/HW) Σ_hw (r_ichw − S_ichw)²      for sample i, channel weights w_i (Σ_c w_ic = 1)
 *   L = (1/N) Σ_i λ_i · L_i                               with the pair's weight λ_i ≥ 0
 * </pre>
 * The two maps are brought to one spatial size by average pooling the larger by a whole factor (the source map
 * when it is larger, else the regressed target map); sizes that no whole factor relates are refused in one
 * sentence ({@link #checkSizes}). Arrays are row-major: maps [N, C, H, W], W [C_s, C_t], w [N, C_s], λ [N].
 * FM (FitNets-style matching) is the special case w_ic = 1/C_s, λ_i = 1.
 */
public final class WeightedFeatureMatching {
    private WeightedFeatureMatching() {
    }

    /** The shapes of one pair. */
    public record Shapes(int n, int targetChannels, int targetSide, int sourceChannels, int sourceSide) {
        /** The side both maps are compared at: the smaller of the two. */
        public int side() {
            return Math.min(targetSide, sourceSide);
        }
    }

    /** What {@link #loss} returns besides the value: the gradients with respect to everything it read. */
    public static final class Gradients {
        public final double[] target;
        public final double[] weight;
        public final double[] bias;
        public final double[] channelWeights;
        public final double[] lambda;
        /** Per sample the unweighted pair loss L_i (for display: the per-pair curves). */
        public final double[] perSample;

        public Gradients(Shapes s) {
            target = new double[s.n() * s.targetChannels() * s.targetSide() * s.targetSide()];
            weight = new double[s.sourceChannels() * s.targetChannels()];
            bias = new double[s.sourceChannels()];
            channelWeights = new double[s.n() * s.sourceChannels()];
            lambda = new double[s.n()];
            perSample = new double[s.n()];
        }
    }

    /** Refuses a pair whose spatial sizes no whole pooling factor relates, naming the pair and the sizes. */
    public static void checkSizes(String pair, int targetSide, int sourceSide) {
        int big = Math.max(targetSide, sourceSide);
        int small = Math.min(targetSide, sourceSide);
        if (small < 1 || big % small != 0) {
            throw new IllegalArgumentException("the pair " + pair + " cannot be matched: the target's map is "
                    + targetSide + "×" + targetSide + " and the source's " + sourceSide + "×" + sourceSide
                    + ", and pooling by a whole factor cannot bring one to the other; choose layers whose sides divide");
        }
    }

    /**
     * The pair's loss; fills {@code g} (when not null) with the gradients with respect to the target map, the
     * regressor, the channel weights and λ.
     */
    public static double loss(Shapes s, double[] target, double[] source, double[] weight, double[] bias,
                              double[] channelWeights, double[] lambda, Gradients g) {
        checkSizes("(source, target)", s.targetSide(), s.sourceSide());
        int n = s.n();
        int ct = s.targetChannels();
        int cs = s.sourceChannels();
        int side = s.side();
        int hw = side * side;
        int tSide = s.targetSide();
        // r = W·T + b at the target's size, then pooled to the common side
        double[] r = new double[n * cs * tSide * tSide];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cs; c++) {
                int out = (i * cs + c) * tSide * tSide;
                for (int p = 0; p < tSide * tSide; p++) {
                    r[out + p] = bias[c];
                }
                for (int k = 0; k < ct; k++) {
                    double wck = weight[c * ct + k];
                    int in = (i * ct + k) * tSide * tSide;
                    for (int p = 0; p < tSide * tSide; p++) {
                        r[out + p] += wck * target[in + p];
                    }
                }
            }
        }
        double[] rp = pool(r, n * cs, tSide, side);
        double[] sp = pool(source, n * cs, s.sourceSide(), side);
        double total = 0;
        double[] dRp = g == null ? null : new double[rp.length];
        for (int i = 0; i < n; i++) {
            double li = 0;
            for (int c = 0; c < cs; c++) {
                int at = (i * cs + c) * hw;
                double sq = 0;
                for (int p = 0; p < hw; p++) {
                    double d = rp[at + p] - sp[at + p];
                    sq += d * d;
                }
                double mean = sq / hw;
                li += channelWeights[i * cs + c] * mean;
                if (g != null) {
                    g.channelWeights[i * cs + c] = lambda[i] * mean / n;
                    double k = lambda[i] * channelWeights[i * cs + c] * 2.0 / (hw * (double) n);
                    for (int p = 0; p < hw; p++) {
                        dRp[at + p] = k * (rp[at + p] - sp[at + p]);
                    }
                }
            }
            total += lambda[i] * li;
            if (g != null) {
                g.lambda[i] = li / n;
                g.perSample[i] = li;
            }
        }
        if (g != null) {
            double[] dR = unpool(dRp, n * cs, side, tSide);
            java.util.Arrays.fill(g.target, 0);
            java.util.Arrays.fill(g.weight, 0);
            java.util.Arrays.fill(g.bias, 0);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < cs; c++) {
                    int out = (i * cs + c) * tSide * tSide;
                    for (int p = 0; p < tSide * tSide; p++) {
                        g.bias[c] += dR[out + p];
                    }
                    for (int k = 0; k < ct; k++) {
                        int in = (i * ct + k) * tSide * tSide;
                        double wck = weight[c * ct + k];
                        double dw = 0;
                        for (int p = 0; p < tSide * tSide; p++) {
                            dw += dR[out + p] * target[in + p];
                            g.target[in + p] += wck * dR[out + p];
                        }
                        g.weight[c * ct + k] += dw;
                    }
                }
            }
        }
        return total / n;
    }

    /** Average pooling of {@code maps} square maps from {@code from}×{@code from} to {@code to}×{@code to}. */
    static double[] pool(double[] x, int maps, int from, int to) {
        if (from == to) {
            return x;
        }
        int f = from / to;
        double[] out = new double[maps * to * to];
        for (int m = 0; m < maps; m++) {
            for (int r = 0; r < from; r++) {
                for (int c = 0; c < from; c++) {
                    out[(m * to + r / f) * to + c / f] += x[(m * from + r) * from + c] / (f * f);
                }
            }
        }
        return out;
    }

    /** The adjoint of {@link #pool}: each pooled gradient spread evenly over its window. */
    static double[] unpool(double[] g, int maps, int to, int from) {
        if (from == to) {
            return g;
        }
        int f = from / to;
        double[] out = new double[maps * from * from];
        for (int m = 0; m < maps; m++) {
            for (int r = 0; r < from; r++) {
                for (int c = 0; c < from; c++) {
                    out[(m * from + r) * from + c] = g[(m * to + r / f) * to + c / f] / (f * f);
                }
            }
        }
        return out;
    }
}
