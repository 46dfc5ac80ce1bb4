package org.transferlab.l2t;

/**
 * L2T-ww's meta-networks for one (source layer, target layer) pair, fed by the source's globally average-pooled
 * features p_i (length C_s) of each image:
 * <ul>
 *   <li><b>what</b>: w_i = softmax(A·p_i + a), the pair's channel weights (C_s of them, summing to 1); A and a
 *   start at zero, so the first weights are uniform, FM's 1/C_s;</li>
 *   <li><b>where</b>: λ_i = ReLU6(v·p_i + c), the pair's weight (non-negative, at most 6); v starts small, c at
 *   1, so every pair starts near weight 1.</li>
 * </ul>
 * Both are per image, as in the authors' implementation. {@link #backward} turns the loss's gradients with
 * respect to w and λ into gradients for A, a, v, c (the meta-parameters φ of this pair).
 */
public final class MetaNetworks {
    private final int channels;
    /** A [C_s, C_s], a [C_s], v [C_s], c [1]: φ of this pair, in one array per part. */
    public final double[] whatWeight;
    public final double[] whatBias;
    public final double[] whereWeight;
    public final double[] whereBias;

    public MetaNetworks(int sourceChannels, java.util.Random rng) {
        this.channels = sourceChannels;
        whatWeight = new double[channels * channels];
        whatBias = new double[channels];
        whereWeight = new double[channels];
        whereBias = new double[]{1};
        double scale = 1 / Math.sqrt(channels);
        for (int k = 0; k < channels; k++) {
            whereWeight[k] = (rng.nextDouble() * 2 - 1) * scale * 0.1;
        }
    }

    public int channels() {
        return channels;
    }

    /** What a forward pass gives for a batch: channel weights [N, C_s], λ [N], and what backward needs. */
    public record Output(double[] channelWeights, double[] lambda, double[] pooled, double[] whereInput) {
    }

    /** The pair's channel weights and λ for a batch of pooled source features [N, C_s]. */
    public Output forward(double[] pooled, int n) {
        double[] w = new double[n * channels];
        double[] lambda = new double[n];
        double[] pre = new double[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < channels; c++) {
                double z = whatBias[c];
                for (int k = 0; k < channels; k++) {
                    z += whatWeight[c * channels + k] * pooled[i * channels + k];
                }
                w[i * channels + c] = z;
                max = Math.max(max, z);
            }
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                w[i * channels + c] = Math.exp(w[i * channels + c] - max);
                sum += w[i * channels + c];
            }
            for (int c = 0; c < channels; c++) {
                w[i * channels + c] /= sum;
            }
            double z = whereBias[0];
            for (int k = 0; k < channels; k++) {
                z += whereWeight[k] * pooled[i * channels + k];
            }
            pre[i] = z;
            lambda[i] = Math.min(6, Math.max(0, z));
        }
        return new Output(w, lambda, pooled, pre);
    }

    /** Gradients of φ (same layout as the fields) from dL/dw [N, C_s] and dL/dλ [N]. */
    public record Gradients(double[] whatWeight, double[] whatBias, double[] whereWeight, double[] whereBias) {
    }

    public Gradients backward(Output o, double[] dChannelWeights, double[] dLambda, int n) {
        double[] gA = new double[channels * channels];
        double[] ga = new double[channels];
        double[] gv = new double[channels];
        double[] gc = new double[1];
        for (int i = 0; i < n; i++) {
            double dot = 0; // softmax: dz_c = w_c (g_c − Σ_k g_k w_k)
            for (int c = 0; c < channels; c++) {
                dot += dChannelWeights[i * channels + c] * o.channelWeights()[i * channels + c];
            }
            for (int c = 0; c < channels; c++) {
                double dz = o.channelWeights()[i * channels + c] * (dChannelWeights[i * channels + c] - dot);
                ga[c] += dz;
                for (int k = 0; k < channels; k++) {
                    gA[c * channels + k] += dz * o.pooled()[i * channels + k];
                }
            }
            double pre = o.whereInput()[i];
            double dPre = pre > 0 && pre < 6 ? dLambda[i] : 0; // ReLU6
            gc[0] += dPre;
            for (int k = 0; k < channels; k++) {
                gv[k] += dPre * o.pooled()[i * channels + k];
            }
        }
        return new Gradients(gA, ga, gv, gc);
    }

    /** Global average pooling of maps [N, C, side, side] to [N, C]: the meta-networks' input. */
    public static double[] pooledFeatures(double[] maps, int n, int c, int side) {
        double[] out = new double[n * c];
        int hw = side * side;
        for (int m = 0; m < n * c; m++) {
            double s = 0;
            for (int p = 0; p < hw; p++) {
                s += maps[m * hw + p];
            }
            out[m] = s / hw;
        }
        return out;
    }
}
