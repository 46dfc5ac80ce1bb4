package org.transferlab.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.data.ImageSet;

/** Turns images of an {@link ImageSet} into ND4J batches. */
final class Batches {
    private Batches() {
    }

    /** Images at {@code idx[from..to)} as [n, 1, H, W] in [0, 1]. */
    static INDArray images(ImageSet set, int[] idx, int from, int to, DataType dtype) {
        int n = to - from;
        int px = set.pixelsPerImage();
        float[] buf = new float[n * px];
        for (int k = 0; k < n; k++) {
            set.copyScaled(idx[from + k], buf, k * px);
        }
        INDArray a = Nd4j.create(buf, new long[]{n, 1, set.rows(), set.cols()}, 'c');
        return dtype == DataType.FLOAT ? a : a.castTo(dtype);
    }

    /** One-hot labels [n, K]. */
    static INDArray oneHot(ImageSet set, int[] idx, int from, int to, DataType dtype) {
        int n = to - from;
        int k = set.numClasses();
        float[] buf = new float[n * k];
        for (int i = 0; i < n; i++) {
            buf[i * k + set.label(idx[from + i])] = 1f;
        }
        INDArray a = Nd4j.create(buf, new long[]{n, k}, 'c');
        return dtype == DataType.FLOAT ? a : a.castTo(dtype);
    }

    /** Rows {@code idx[from..to)} of a [N, D] array. */
    static INDArray rows(float[][] data, int[] idx, int from, int to, DataType dtype) {
        int n = to - from;
        int d = data[0].length;
        float[] buf = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data[idx[from + i]], 0, buf, i * d, d);
        }
        INDArray a = Nd4j.create(buf, new long[]{n, d}, 'c');
        return dtype == DataType.FLOAT ? a : a.castTo(dtype);
    }

    static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** Index of the largest value in each row of [n, K]. */
    static int[] argmax(INDArray logits) {
        float[][] m = logits.castTo(DataType.FLOAT).toFloatMatrix();
        int[] out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            int best = 0;
            for (int j = 1; j < m[i].length; j++) {
                if (m[i][j] > m[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
