package org.transferlab.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled set of grey-scale images held as raw bytes (0 to 255), one image after another.
 * Pixels are scaled to [0, 1] only when a batch is made.
 */
public record ImageSet(String name, int rows, int cols, byte[] pixels, byte[] labels, List<String> classNames) {

    public ImageSet {
        Objects.requireNonNull(pixels);
        Objects.requireNonNull(labels);
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + (pixels.length / Math.max(1, rows * cols)) + " images");
        }
        for (byte l : labels) {
            if ((l & 0xff) >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + (l & 0xff) + " is outside the "
                        + classNames.size() + " classes");
            }
        }
    }

    /** Builds a set from an image file and a label file, checking that they belong together. */
    public static ImageSet of(String name, IdxReader.IdxArray images, IdxReader.IdxArray labels,
                              List<String> classNames) throws IdxFormatException {
        if (images.dims().length != 3) {
            throw new IdxFormatException(name + ": the image file has " + images.dims().length
                    + " dimensions; expected 3 (count, rows, columns)");
        }
        if (labels.dims().length != 1) {
            throw new IdxFormatException(name + ": the label file has " + labels.dims().length
                    + " dimensions; expected 1");
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException(name + ": image/label count mismatch: " + images.count()
                    + " images but " + labels.count() + " labels");
        }
        if (images.count() == 0) {
            throw new IdxFormatException(name + ": the files hold no images");
        }
        for (byte l : labels.data()) {
            if ((l & 0xff) >= classNames.size()) {
                throw new IdxFormatException(name + ": label " + (l & 0xff) + " is outside the "
                        + classNames.size() + " classes of this data set");
            }
        }
        return new ImageSet(name, images.dims()[1], images.dims()[2], images.data(), labels.data(), classNames);
    }

    public int size() {
        return labels.length;
    }

    public int numClasses() {
        return classNames.size();
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Copies image {@code i} into {@code dst} at {@code offset}, scaled to [0, 1]. */
    public void copyScaled(int i, float[] dst, int offset) {
        int n = rows * cols;
        int base = i * n;
        for (int k = 0; k < n; k++) {
            dst[offset + k] = (pixels[base + k] & 0xff) / 255f;
        }
    }

    /** The images at the given indices, in that order. */
    public ImageSet select(int[] indices, String newName) {
        int n = rows * cols;
        byte[] p = new byte[indices.length * n];
        byte[] l = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * n, p, k * n, n);
            l[k] = labels[indices[k]];
        }
        return new ImageSet(newName, rows, cols, p, l, classNames);
    }

    /** How many images each class has. */
    public int[] classCounts() {
        int[] c = new int[numClasses()];
        for (byte l : labels) {
            c[l & 0xff]++;
        }
        return c;
    }

    /**
     * Refuses images of another size than the models take (28×28, as MNIST and Fashion-MNIST), naming where
     * they came from: they would otherwise fail deep inside a layer.
     */
    public void requireSize(int height, int width, String source) {
        if (rows() != height || cols() != width) {
            throw new IllegalArgumentException(source + " holds " + rows() + "×" + cols() + " images; TransferLab's "
                    + "models take " + height + "×" + width + " images (MNIST and Fashion-MNIST format)");
        }
    }
}
