package org.transferlab.finetune;

import java.util.ArrayList;
import java.util.List;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;

/**
 * The few labels the target has: N images per class, drawn by a seeded, stratified choice (per class, the first
 * N of a seeded shuffle of that class's images). The same seed always gives the same images, and a larger N
 * keeps the images of a smaller one.
 */
public final class LabelledSubset {
    private LabelledSubset() {
    }

    public static ImageSet draw(ImageSet pool, int perClass, long seed) {
        int[] counts = pool.classCounts();
        int fewest = java.util.Arrays.stream(counts).min().orElse(0);
        if (perClass < 1) {
            throw new IllegalArgumentException("--per-class must be at least 1, got " + perClass);
        }
        if (perClass > fewest) {
            throw new IllegalArgumentException("--per-class " + perClass + " is more labels per class than the target "
                    + "has: its smallest class has " + fewest + " images in " + pool.name()
                    + " (use the full data set with --data full for more)");
        }
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            int[] ofClass = new int[counts[c]];
            int k = 0;
            for (int i = 0; i < pool.size(); i++) {
                if (pool.label(i) == c) {
                    ofClass[k++] = i;
                }
            }
            int[] order = Subsets.permutation(ofClass.length, seed * 1_000_003L + c);
            for (int i = 0; i < perClass; i++) {
                chosen.add(ofClass[order[i]]);
            }
        }
        return pool.select(chosen.stream().mapToInt(Integer::intValue).toArray(),
                pool.name() + " (" + perClass + " per class, seed " + seed + ")");
    }
}
