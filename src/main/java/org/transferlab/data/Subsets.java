package org.transferlab.data;

import java.util.Random;

/** Fixed, seeded subsets for the limited-data regime: the first N images of a seeded shuffle. */
public final class Subsets {
    private Subsets() {
    }

    /** A permutation of {@code 0..n-1} by a Fisher-Yates shuffle driven by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The first {@code n} images of the set shuffled with {@code seed}. The same seed always gives the
     * same images, and a larger {@code n} extends a smaller one.
     */
    public static ImageSet firstN(ImageSet set, int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("train size must be positive, got " + n);
        }
        if (n > set.size()) {
            throw new IllegalArgumentException("train size " + n + " is larger than the " + set.size()
                    + " training images of " + set.name());
        }
        if (n == set.size()) {
            return set;
        }
        int[] p = permutation(set.size(), seed);
        int[] first = new int[n];
        System.arraycopy(p, 0, first, 0, n);
        return set.select(first, set.name() + " (first " + n + " of shuffle " + seed + ")");
    }
}
