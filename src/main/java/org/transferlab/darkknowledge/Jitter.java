package org.transferlab.darkknowledge;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.data.ImageSet;

/**
 * Hinton's teacher saw its digits jittered: each image shifted by up to a few pixels in each direction, the
 * pixels shifted in from outside black. The label stays the image's own.
 */
public final class Jitter {
    private Jitter() {
    }

    /**
     * Writes {@code src} (rows × cols, row-major, from {@code from}) shifted by {@code dx} columns to the right and
     * {@code dy} rows down into {@code dst} at {@code offset}; what comes in from outside is 0.
     */
    public static void shift(float[] src, int from, int rows, int cols, int dx, int dy, float[] dst, int offset) {
        for (int r = 0; r < rows; r++) {
            int sr = r - dy;
            for (int c = 0; c < cols; c++) {
                int sc = c - dx;
                dst[offset + r * cols + c] = sr >= 0 && sr < rows && sc >= 0 && sc < cols
                        ? src[from + sr * cols + sc] : 0f;
            }
        }
    }

    /**
     * Images at {@code idx[from..to)} as [n, 1, H, W] in [0, 1], each shifted by its own (dx, dy) drawn uniformly
     * from [−max, max]²; the shifts drawn are written to {@code shifts} (2 per image) when it is not null.
     */
    public static INDArray batch(ImageSet set, int[] idx, int from, int to, int max, Random rng, int[] shifts) {
        int n = to - from;
        int px = set.pixelsPerImage();
        float[] one = new float[px];
        float[] buf = new float[n * px];
        for (int k = 0; k < n; k++) {
            set.copyScaled(idx[from + k], one, 0);
            int dx = max == 0 ? 0 : rng.nextInt(2 * max + 1) - max;
            int dy = max == 0 ? 0 : rng.nextInt(2 * max + 1) - max;
            if (shifts != null) {
                shifts[2 * k] = dx;
                shifts[2 * k + 1] = dy;
            }
            shift(one, 0, set.rows(), set.cols(), dx, dy, buf, k * px);
        }
        return Nd4j.create(buf, new long[]{n, 1, set.rows(), set.cols()}, 'c');
    }
}
