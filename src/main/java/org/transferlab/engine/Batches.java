package org.transferlab.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.nn.Floats;
import org.transferlab.transfer.LossInputs;
import org.transferlab.data.ImageSet;

/** Turns images of an {@link ImageSet} into ND4J batches. */
public final class Batches {
    private Batches() {
    }

    /** Images at {@code idx[from..to)} as [n, 1, H, W] in [0, 1]. */
    public static INDArray images(ImageSet set, int[] idx, int from, int to) {
        int n = to - from;
        int px = set.pixelsPerImage();
        float[] buf = new float[n * px];
        for (int k = 0; k < n; k++) {
            set.copyScaled(idx[from + k], buf, k * px);
        }
        return Nd4j.create(buf, new long[]{n, 1, set.rows(), set.cols()}, 'c');
    }

    /** Labels at {@code idx[from..to)}. */
    public static int[] labels(ImageSet set, int[] idx, int from, int to) {
        int[] y = new int[to - from];
        for (int i = 0; i < y.length; i++) {
            y[i] = set.label(idx[from + i]);
        }
        return y;
    }

    /** Rows {@code idx[from..to)} of a [N, D] table, row-major in double precision. */
    public static double[] rows(float[][] data, int[] idx, int from, int to) {
        int d = data[0].length;
        double[] out = new double[(to - from) * d];
        for (int i = 0; i < to - from; i++) {
            float[] row = data[idx[from + i]];
            for (int k = 0; k < d; k++) {
                out[i * d + k] = row[k];
            }
        }
        return out;
    }

    /** A feature tensor [N, C, H, W] for the loss terms; an embedding [N, D] becomes [N, D, 1, 1]. */
    public static LossInputs.Feature feature(INDArray a) {
        return feature(a, null);
    }

    /** {@link #feature(INDArray)}, its values into {@code reuse} when that has the right length. */
    public static LossInputs.Feature feature(INDArray a, double[] reuse) {
        if (a.rank() == 2) {
            return new LossInputs.Feature(Floats.readDouble(a, reuse), (int) a.size(1), 1, 1);
        }
        return new LossInputs.Feature(Floats.readDouble(a, reuse), (int) a.size(1), (int) a.size(2),
                (int) a.size(3));
    }

    /** Copies the rows of a [n, D] array into {@code dst[offset..offset+n)}. */
    public static void copyRows(INDArray a, float[][] dst, int offset) {
        float[] v = Floats.read(a, null);
        int d = (int) a.size(1);
        for (int i = 0; i < a.size(0); i++) {
            dst[offset + i] = java.util.Arrays.copyOfRange(v, i * d, (i + 1) * d);
        }
    }

    public static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** Index of the largest value in each row of [n, K]. */
    public static int[] argmax(INDArray logits) {
        float[] v = Floats.read(logits, null);
        int k = (int) logits.size(1);
        int[] out = new int[(int) logits.size(0)];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (v[i * k + j] > v[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The gradients of {@code params}, read from a task's gradient map, as one vector in the parameters' order
     * (a parameter the map lacks counts as zeros): what the multi-task weightings compare across tasks.
     */
    public static double[] flatten(java.util.Map<org.transferlab.nn.Parameter, float[]> grads,
                                   java.util.List<org.transferlab.nn.Parameter> params) {
        int size = 0;
        for (org.transferlab.nn.Parameter p : params) {
            size += (int) p.value().length();
        }
        double[] out = new double[size];
        int k = 0;
        for (org.transferlab.nn.Parameter p : params) {
            float[] g = grads.get(p);
            for (int i = 0; i < (int) p.value().length(); i++) {
                out[k++] = g == null ? 0 : g[i];
            }
        }
        return out;
    }
}
