package org.transferlab.multimnist;

import java.util.List;
import java.util.Locale;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.weightings.WeightingMethod;
import org.transferlab.weightings.Weightings;

/**
 * Everything that defines a MultiMNIST run; {@link #validate()} says in one line what to change.
 *
 * @param architecture   {@code separate}, {@code hard} or {@code cross-stitch}
 * @param weighting      any registered weighting ({@link Weightings}), incl. {@code mgda-ub} and {@code pcgrad}
 * @param trainImages    MultiMNIST training canvases (made from the MNIST training digits)
 * @param testImages     test canvases (made from the MNIST test digits)
 * @param stitchLr       the cross-stitch α's learning-rate multiplier
 * @param tasks          the two tasks (default the left and the right digit)
 * @param jitter         how many pixels further the right digit may move (0–2), for harder canvases
 */
public record MultiMnistConfig(String architecture, String weighting, double[] fixedWeights, double[] initialS,
                             double gradNormAlpha, int trainImages, int testImages, int epochs, int batchSize,
                             double learningRate, long seed, int[] widths, double stitchLr, List<MultiMnistTask> tasks,
                             int jitter) {
    public static final List<String> ARCHITECTURES = List.of("separate", "hard", "cross-stitch");
    public static final List<MultiMnistTask> DIGITS = List.of(MultiMnistTask.LEFT, MultiMnistTask.RIGHT);

    /** The two digits on canvases without jitter. */
    public MultiMnistConfig(String architecture, String weighting, double[] fixedWeights, double[] initialS,
                          double gradNormAlpha, int trainImages, int testImages, int epochs, int batchSize,
                          double learningRate, long seed, int[] widths, double stitchLr) {
        this(architecture, weighting, fixedWeights, initialS, gradNormAlpha, trainImages, testImages, epochs, batchSize,
                learningRate, seed, widths, stitchLr, DIGITS, 0);
    }

    public MultiMnistConfig {
        tasks = tasks == null ? null : List.copyOf(tasks);
    }

    public static MultiMnistConfig defaults() {
        return new MultiMnistConfig("hard", "fixed", new double[]{1, 1}, new double[]{0, 0}, 1.5, 10_000, 2_000, 10,
                128, 1e-3, 0, new int[]{8, 16, 32}, 10);
    }

    /** What an architecture lets the tasks share: separate nothing, cross-stitch parameters, hard also Z. */
    public static WeightingMethod.Needs shares(String architecture) {
        return switch (architecture) {
            case "separate" -> WeightingMethod.Needs.NOTHING;
            case "cross-stitch" -> WeightingMethod.Needs.SHARED_PARAMETERS;
            default -> WeightingMethod.Needs.ONE_SHARED_REPRESENTATION;
        };
    }

    /** Per task whether it is a regression. */
    public boolean[] regressionTasks() {
        boolean[] r = new boolean[tasks.size()];
        for (int t = 0; t < r.length; t++) {
            r[t] = tasks.get(t).regression();
        }
        return r;
    }

    public MultiMnistConfig validate() {
        if (!ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("--architecture: unknown architecture '" + architecture
                    + "'; choose one of " + ARCHITECTURES);
        }
        WeightingMethod method;
        try {
            method = Weightings.get(weighting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--weighting: " + e.getMessage());
        }
        if (method.needs().compareTo(shares(architecture)) > 0) {
            throw new IllegalArgumentException("--weighting " + weighting + " needs " + method.needs().words() + "; "
                    + (architecture.equals("separate") ? "separate networks share nothing" : architecture
                    + " networks have no such Z (each column keeps its own)") + ": use "
                    + (method.needs() == WeightingMethod.Needs.ONE_SHARED_REPRESENTATION
                    ? "--architecture hard, or --weighting mgda (on the shared parameters)"
                    : "fixed, uncertainty or dwa weights, or another architecture"));
        }
        if (tasks == null || tasks.size() != 2 || tasks.get(0) == tasks.get(1)) {
            throw new IllegalArgumentException("--tasks: give two different tasks of left, right, sum; got "
                    + (tasks == null ? "none" : tasks.stream().map(MultiMnistTask::id).toList()));
        }
        if (jitter < 0 || jitter > 2) {
            throw new IllegalArgumentException("--jitter must be 0, 1 or 2 pixels (the canvas has room for 2), got "
                    + jitter);
        }
        Weightings.check(2, fixedWeights, initialS, gradNormAlpha);
        if (testImages < 1 || testImages > 100_000) {
            throw new IllegalArgumentException("--test-images must be between 1 and 100000, got " + testImages);
        }
        if (trainImages < 1 || trainImages > 1_000_000) {
            throw new IllegalArgumentException("--train-size must be between 1 and 1000000, got " + trainImages);
        }
        if (widths == null || widths.length != 3 || java.util.Arrays.stream(widths).anyMatch(c -> c < 1 || c > 256)) {
            throw new IllegalArgumentException("--widths: give three channel counts between 1 and 256, e.g. 8,16,32; got "
                    + (widths == null ? "none" : java.util.Arrays.toString(widths)));
        }
        if (!(stitchLr > 0) || stitchLr > 1000) {
            throw new IllegalArgumentException("--stitch-lr must be in (0, 1000], got " + stitchLr);
        }
        TrainingConfig.checkTraining(trainImages, epochs, batchSize, learningRate, 1);
        return this;
    }

    /** Every registered weighting: on one input all of them apply (given an architecture that shares enough). */
    public static List<String> weightings() {
        return Weightings.NAMES;
    }

    public String label() {
        return String.format(Locale.ROOT, "multimnist-%s-%s%s", architecture, weighting,
                tasks.equals(DIGITS) ? "" : "-" + tasks.get(0).id() + "-" + tasks.get(1).id());
    }

    public MultiMnistConfig with(String arch, String w, double[] fixed, long s) {
        return new MultiMnistConfig(arch, w, fixed, initialS, gradNormAlpha, trainImages, testImages, epochs, batchSize,
                learningRate, s, widths, stitchLr, tasks, jitter);
    }

    /** The same run on other tasks and jitter. */
    public MultiMnistConfig withTasks(List<MultiMnistTask> t, int j) {
        return new MultiMnistConfig(architecture, weighting, fixedWeights, initialS, gradNormAlpha, trainImages,
                testImages, epochs, batchSize, learningRate, seed, widths, stitchLr, t, j);
    }
}
