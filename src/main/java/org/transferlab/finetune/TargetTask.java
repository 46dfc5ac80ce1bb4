package org.transferlab.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferlab.data.DataKind;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;

/**
 * The chapter's two settings: where the source network learnt, and the target it is reused for. The source
 * never saw the target's classes.
 * <ul>
 *   <li>{@code fashion-split}: Fashion-MNIST classes 0–4 (T-shirt/top, Trouser, Pullover, Dress, Coat) are the
 *   source task A; classes 5–9 (Sandal, Shirt, Sneaker, Bag, Ankle boot), relabelled 0–4, are the target B.
 *   Source {@code cnn-small}. Target images from Fashion-MNIST's training split, tested on its test images of
 *   classes 5–9.</li>
 *   <li>{@code fashion-to-mnist}: the shipped {@code cnn-large} trained on all of Fashion-MNIST is the source;
 *   MNIST digits the target, tested on the MNIST test split.</li>
 * </ul>
 */
public enum TargetTask {
    FASHION_SPLIT("fashion-split", "Fashion-MNIST 0–4 → 5–9", "cnn-small", DatasetId.FASHION_MNIST,
            new int[]{0, 1, 2, 3, 4}, DatasetId.FASHION_MNIST, new int[]{5, 6, 7, 8, 9}),
    FASHION_TO_MNIST("fashion-to-mnist", "Fashion-MNIST → MNIST digits", "cnn-large", DatasetId.FASHION_MNIST,
            new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, DatasetId.MNIST, new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

    private final String id;
    private final String title;
    private final String architecture;
    private final DatasetId sourceData;
    private final int[] sourceClasses;
    private final DatasetId targetData;
    private final int[] targetClasses;

    TargetTask(String id, String title, String architecture, DatasetId sourceData, int[] sourceClasses,
               DatasetId targetData, int[] targetClasses) {
        this.id = id;
        this.title = title;
        this.architecture = architecture;
        this.sourceData = sourceData;
        this.sourceClasses = sourceClasses;
        this.targetData = targetData;
        this.targetClasses = targetClasses;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The source network's architecture (and so the target network's). */
    public String architecture() {
        return architecture;
    }

    public DatasetId sourceData() {
        return sourceData;
    }

    public int[] sourceClasses() {
        return sourceClasses.clone();
    }

    public DatasetId targetData() {
        return targetData;
    }

    public int targetClassCount() {
        return targetClasses.length;
    }

    /** The target's class names, in the target's label order. */
    public List<String> targetClassNames() {
        List<String> names = new ArrayList<>();
        for (int c : targetClasses) {
            names.add(targetData.classNames().get(c));
        }
        return names;
    }

    public static TargetTask parse(String s) {
        for (TargetTask t : values()) {
            if (t.id.equalsIgnoreCase(s == null ? "" : s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("--setting: unknown setting '" + s + "'; choose fashion-split or "
                + "fashion-to-mnist");
    }

    /** The target's images (training pool and test), its classes relabelled 0..K−1. */
    public record Data(ImageSet pool, ImageSet test, String source) {
    }

    public Data load(DataKind kind, Path dataDir) throws IOException {
        DataSplit split = new DatasetLocator(dataDir).load(targetData, kind);
        split.train().requireSize(28, 28, split.source());
        split.test().requireSize(28, 28, split.source());
        return new Data(classes(split.train(), targetClasses, targetClassNames(), targetData.id() + " train"),
                classes(split.test(), targetClasses, targetClassNames(), targetData.id() + " test"), split.source());
    }

    /** The source task's images: {@code set}'s images of the source classes, relabelled 0..K−1. */
    public ImageSet sourceImages(ImageSet set) {
        List<String> names = new ArrayList<>();
        for (int c : sourceClasses) {
            names.add(sourceData.classNames().get(c));
        }
        return classes(set, sourceClasses, names, sourceData.id() + " source classes");
    }

    /** The images of {@code keep}'s classes, relabelled to their position in {@code keep}. */
    public static ImageSet classes(ImageSet set, int[] keep, List<String> names, String name) {
        int[] position = new int[256];
        java.util.Arrays.fill(position, -1);
        for (int k = 0; k < keep.length; k++) {
            position[keep[k]] = k;
        }
        int n = 0;
        for (int i = 0; i < set.size(); i++) {
            n += position[set.label(i)] >= 0 ? 1 : 0;
        }
        int[] idx = new int[n];
        int j = 0;
        for (int i = 0; i < set.size(); i++) {
            if (position[set.label(i)] >= 0) {
                idx[j++] = i;
            }
        }
        ImageSet selected = set.select(idx, name);
        byte[] labels = selected.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) position[labels[i] & 0xff];
        }
        return new ImageSet(name, selected.rows(), selected.cols(), selected.pixels(), labels, names);
    }
}
