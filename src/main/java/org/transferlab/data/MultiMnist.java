package org.transferlab.data;

import java.util.List;
import java.util.Random;

/**
 * MultiMNIST as Sener and Koltun built it for their multi-task benchmark (NeurIPS 2018, after Sabour, Frosst and
 * Hinton 2017), synthesised from MNIST digits: two digits of different classes on one 36×36 canvas, the left
 * one in the top-left corner (rows and columns 0–27), the right one 6 pixels down and 6 right (6–33),
 * overlapping, combined by the brighter pixel, and the canvas resized back to 28×28 (area-weighted here, so no
 * pixel is dropped; their loader resized by nearest neighbour). {@code jitter} > 0 moves the right digit by up to
 * that many more pixels down and right (0–{@value #CANVAS} − {@value #SIZE} − {@value #OFFSET} = 2, so it stays on
 * the canvas), each direction drawn uniformly. Tasks: the left digit and the right digit; how far the right
 * digit sits beyond the standard shift, (dx, dy) in canvas pixels (each 0 … jitter), is kept as a regression
 * target.
 *
 * <p>Seeded and reproducible. Built from one split of MNIST at a time, so training canvases made from the
 * training digits and test canvases from the test digits share no digit image.
 */
public final class MultiMnist {
    public static final int CANVAS = 36;
    public static final int SIZE = 28;
    /** Where the right digit starts, down and right of the left one (Sener and Koltun's layout). */
    public static final int OFFSET = 6;

    /** The canvases twice, once labelled by the left digit and once by the right, and the offsets. */
    public record Set(ImageSet left, ImageSet right, float[][] offset) {
        public int size() {
            return left.size();
        }
    }

    private MultiMnist() {
    }

    /** {@code n} canvases from {@code digits} (28×28, ten classes), drawn with {@code seed}, in the fixed layout. */
    public static Set make(ImageSet digits, int n, long seed, String name) {
        return make(digits, n, seed, name, 0);
    }

    /** As {@link #make(ImageSet, int, long, String)}, each digit moved by up to {@code jitter} pixels (0–2). */
    public static Set make(ImageSet digits, int n, long seed, String name, int jitter) {
        if (jitter < 0 || jitter > CANVAS - SIZE - OFFSET) {
            throw new IllegalArgumentException("MultiMNIST jitter must be 0–" + (CANVAS - SIZE - OFFSET) + ", got "
                    + jitter);
        }
        if (digits.rows() != SIZE || digits.cols() != SIZE) {
            throw new IllegalArgumentException("MultiMNIST is made from 28×28 digits; " + digits.name() + " has "
                    + digits.rows() + "×" + digits.cols());
        }
        if (n < 1) {
            throw new IllegalArgumentException("MultiMNIST needs at least one image, got " + n);
        }
        Random rng = new Random(seed);
        byte[] pixels = new byte[n * SIZE * SIZE];
        byte[] left = new byte[n];
        byte[] right = new byte[n];
        float[][] offset = new float[n][2];
        float[] canvas = new float[CANVAS * CANVAS];
        for (int k = 0; k < n; k++) {
            int a = rng.nextInt(digits.size());
            int b;
            do {
                b = rng.nextInt(digits.size());
            } while (digits.label(b) == digits.label(a));
            int ax = 0;
            int ay = 0;
            int bx = OFFSET + rng.nextInt(jitter + 1);
            int by = OFFSET + rng.nextInt(jitter + 1);
            java.util.Arrays.fill(canvas, 0);
            paste(digits, a, ax, ay, canvas);
            paste(digits, b, bx, by, canvas);
            resize(canvas, pixels, k * SIZE * SIZE);
            left[k] = (byte) digits.label(a);
            right[k] = (byte) digits.label(b);
            offset[k][0] = bx - ax - OFFSET;
            offset[k][1] = by - ay - OFFSET;
        }
        List<String> classes = digits.classNames();
        return new Set(new ImageSet(name + " (left digit)", SIZE, SIZE, pixels, left, classes),
                new ImageSet(name + " (right digit)", SIZE, SIZE, pixels, right, classes), offset);
    }

    /** Pastes digit {@code i} at (x, y) of the canvas, keeping the brighter pixel where digits overlap. */
    private static void paste(ImageSet digits, int i, int x, int y, float[] canvas) {
        float[] d = new float[SIZE * SIZE];
        digits.copyScaled(i, d, 0);
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                int at = (y + r) * CANVAS + x + c;
                canvas[at] = Math.max(canvas[at], d[r * SIZE + c]);
            }
        }
    }

    /** Area-weighted resize of the 36×36 canvas to 28×28 bytes at {@code out[offset]}. */
    static void resize(float[] canvas, byte[] out, int offset) {
        double scale = CANVAS / (double) SIZE;
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                double y0 = r * scale;
                double y1 = y0 + scale;
                double x0 = c * scale;
                double x1 = x0 + scale;
                double sum = 0;
                for (int yy = (int) Math.floor(y0); yy < Math.ceil(y1); yy++) {
                    double wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
                    for (int xx = (int) Math.floor(x0); xx < Math.ceil(x1); xx++) {
                        double wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
                        sum += wy * wx * canvas[yy * CANVAS + xx];
                    }
                }
                double v = sum / (scale * scale);
                out[offset + r * SIZE + c] = (byte) Math.round(Math.min(1, Math.max(0, v)) * 255);
            }
        }
    }
}
