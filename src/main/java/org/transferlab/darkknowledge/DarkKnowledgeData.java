package org.transferlab.darkknowledge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;
import org.transferlab.models.Checkpoint;

/**
 * The digits of one run, split as its experiment needs, with every check that needs the digits themselves: one
 * sentence when the run could not be what was asked, before anything trains.
 *
 * @param teacherSet   what the teacher (or generation 0) trains on
 * @param validation   held-out training digits that choose the output bias (omitted), else null
 * @param transfer     the students' transfer set (omitted: without the hidden digits)
 * @param small        the small share of the transfer set (small-transfer), else null
 * @param test         the test digits, read only to report
 * @param hidden       the digits missing from the transfer set (omitted), else empty
 * @param source       where the digits came from
 */
public record DarkKnowledgeData(ImageSet teacherSet, ImageSet validation, ImageSet transfer, ImageSet small,
                                ImageSet test, Set<Integer> hidden, String source) {

    /** Loads the run's images (the MNIST digits, or Fashion-MNIST for ban) as {@code config.data()} says and splits them. */
    public static DarkKnowledgeData load(DarkKnowledgeConfig config, Path dataDir) throws IOException {
        config.validate();
        DataSplit split = new DatasetLocator(dataDir).load(config.dataset(), config.data());
        return prepare(config, split.train(), split.test(), split.source());
    }

    /** Splits {@code train} and {@code test} for the run; one sentence naming the option when it cannot. */
    public static DarkKnowledgeData prepare(DarkKnowledgeConfig config, ImageSet train, ImageSet test, String source)
            throws IOException {
        config.validate();
        int classes = train.numClasses();
        for (int d : config.omit()) {
            if (d >= classes) {
                throw new IllegalArgumentException("--omit " + d + ": the " + train.name().split(" ")[0]
                        + " data set has no digit " + d + " (its classes are 0 to " + (classes - 1) + ")");
            }
        }
        if (config.experiment() == Experiment.OMITTED && config.omit().size() >= classes) {
            throw new IllegalArgumentException("--omit " + join(config.omit()) + " leaves out every digit, so the "
                    + "transfer set would be empty; keep at least one digit");
        }
        if (config.trainSize() > 0) {
            train = Subsets.firstN(train, Math.min(config.trainSize(), train.size()), config.seed());
        }
        if (config.testSize() > 0 && config.testSize() < test.size()) {
            test = test.select(java.util.Arrays.copyOf(Subsets.permutation(test.size(), config.seed() + 1),
                    config.testSize()), test.name() + " (first " + config.testSize() + ")");
        }
        if (config.teacher() != null) {
            checkTeacher(Path.of(config.teacher()), train);
        }
        ImageSet teacherSet = train;
        ImageSet validation = null;
        ImageSet transfer = train;
        ImageSet small = null;
        Set<Integer> hidden = new TreeSet<>();
        switch (config.experiment()) {
            case OMITTED -> {
                int[][] parts = stratified(train, config.validationShare(), config.seed() * 7 + 3, "--validation-share");
                validation = train.select(parts[0], train.name() + " validation");
                teacherSet = train.select(parts[1], train.name() + " without validation");
                hidden.addAll(config.omit());
                transfer = without(teacherSet, hidden);
                int[] counts = validation.classCounts();
                for (int d : hidden) {
                    if (counts[d] == 0) {
                        throw new IllegalArgumentException("--validation-share " + config.validationShare()
                                + " holds no image of digit " + d + " to choose its bias on; raise it");
                    }
                }
            }
            case SMALL_TRANSFER -> {
                int[][] parts = stratified(train, config.transferShare(), config.seed() * 11 + 5, "--transfer-share");
                small = train.select(parts[0], train.name() + String.format(Locale.ROOT, " (%.4g share)",
                        config.transferShare()));
            }
            default -> {
            }
        }
        return new DarkKnowledgeData(teacherSet, validation, transfer, small, test, hidden, source);
    }

    /** The images of {@code set} whose digit is not in {@code digits}. */
    public static ImageSet without(ImageSet set, Set<Integer> digits) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (!digits.contains(set.label(i))) {
                keep.add(i);
            }
        }
        return set.select(keep.stream().mapToInt(Integer::intValue).toArray(), set.name() + " without digits "
                + join(digits));
    }

    /**
     * A share of every class (rounded, seeded) and the rest: {index of the share, index of the rest}. A class whose
     * share rounds to no image is refused, naming {@code option}.
     */
    static int[][] stratified(ImageSet set, double share, long seed, String option) {
        int[] counts = set.classCounts();
        List<Integer> chosen = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        int[] order = Subsets.permutation(set.size(), seed);
        int[] want = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            want[c] = (int) Math.round(share * counts[c]);
            if (counts[c] > 0 && want[c] == 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %s leaves digit %d with no image "
                        + "(%d of them × %s rounds to 0); use at least %.4g", option, share, c, counts[c], share,
                        0.5 / counts[c]));
            }
        }
        int[] taken = new int[counts.length];
        for (int i : order) {
            int c = set.label(i);
            if (taken[c] < want[c]) {
                taken[c]++;
                chosen.add(i);
            } else {
                rest.add(i);
            }
        }
        java.util.Collections.sort(chosen);
        java.util.Collections.sort(rest);
        return new int[][]{chosen.stream().mapToInt(Integer::intValue).toArray(),
                rest.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** A teacher checkpoint must be an mlp-large that takes images of this data set's size. */
    static void checkTeacher(Path file, ImageSet train) throws IOException {
        Checkpoint.Contents c = Checkpoint.read(file);
        if (!DarkKnowledgeConfig.TEACHER.equals(c.architecture())) {
            throw new IllegalArgumentException("--teacher " + file + " holds a " + c.architecture() + ", not an "
                    + DarkKnowledgeConfig.TEACHER + " teacher");
        }
        long[] first = c.shapes().get("fc1/W");
        int pixels = train.pixelsPerImage();
        if (first == null || first.length != 2 || first[0] != pixels) {
            throw new IllegalArgumentException("--teacher " + file + " takes inputs of "
                    + (first == null ? "unknown" : String.valueOf(first[0])) + " values, but the digits have " + pixels
                    + " pixels (" + train.rows() + "×" + train.cols() + "); use a teacher trained on these images");
        }
    }

    private static String join(java.util.Collection<Integer> digits) {
        return digits.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }
}
