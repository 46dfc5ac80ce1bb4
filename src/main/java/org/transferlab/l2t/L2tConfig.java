package org.transferlab.l2t;

import java.util.List;
import java.util.Map;

/**
 * Everything that defines an L2T run; {@link #validate} says in one line what to change, before any training.
 *
 * @param method      the method of the paper's table
 * @param perClass    labelled target images per class
 * @param epochs      passes over the labelled images
 * @param batchSize   images per step
 * @param learningRate the target's (and the regressors') Adam learning rate
 * @param beta        the transfer loss's weight in L_task + β·L_wfm (the authors use 0.5)
 * @param metaLearningRate φ's Adam learning rate (the authors use 1e-4)
 * @param innerSteps  T, the transfer steps of the bilevel lookahead (the authors use 2)
 * @param innerLearningRate α, the lookahead's plain gradient step
 * @param evaluations test evaluations over the run (the last epoch always)
 * @param data        where the Fashion-MNIST images come from (auto: the full set where installed)
 * @param source      the source network: a shipped one by architecture ({@value #SMALL} or {@value #LARGE}, both
 *                    trained on Fashion-MNIST classes 0–4 only) or the path of a checkpoint of one
 * @param target      the target's architecture ({@value #SMALL} or {@value #LARGE})
 */
public record L2tConfig(L2tMethod method, int perClass, int epochs, int batchSize, double learningRate, double beta,
                        double metaLearningRate, int innerSteps, double innerLearningRate, long seed, int evaluations,
                        org.transferlab.data.DataKind data, String source, String target) {
    public static final String SMALL = "cnn-small";
    public static final String LARGE = "cnn-large";
    /** The networks a target may be, and the sources that ship. */
    public static final List<String> NETWORKS = List.of(SMALL, LARGE);

    /** The settings with the shipped cnn-small source and a cnn-small target (the chapter's first setting). */
    public L2tConfig(L2tMethod method, int perClass, int epochs, int batchSize, double learningRate, double beta,
                     double metaLearningRate, int innerSteps, double innerLearningRate, long seed, int evaluations,
                     org.transferlab.data.DataKind data) {
        this(method, perClass, epochs, batchSize, learningRate, beta, metaLearningRate, innerSteps, innerLearningRate,
                seed, evaluations, data, SMALL, SMALL);
    }

    /** The settings without evaluations and data: 10 evaluations, data found automatically. */
    public L2tConfig(L2tMethod method, int perClass, int epochs, int batchSize, double learningRate, double beta,
                     double metaLearningRate, int innerSteps, double innerLearningRate, long seed) {
        this(method, perClass, epochs, batchSize, learningRate, beta, metaLearningRate, innerSteps, innerLearningRate,
                seed, 10, org.transferlab.data.DataKind.AUTO);
    }

    /** 10 labels per class, 75 epochs (150 steps of 32 of the 50 images), Adam 1e-3; β, meta lr and T as the authors. */
    public static L2tConfig defaults(L2tMethod method) {
        return new L2tConfig(method, 10, 75, 32, 1e-3, 0.5, 1e-4, 2, 0.1, 0);
    }

    /** {@code l2t-fm-one-n10}, and the networks when they are not the first setting's: {@code …-cnn-large-to-cnn-small}. */
    public String label() {
        String base = "l2t-" + method.id() + "-n" + perClass;
        return SMALL.equals(source) && SMALL.equals(target) ? base : base + "-" + sourceName() + "-to-" + target;
    }

    /** The source as a short name: the shipped architecture, or the checkpoint's file name without extension. */
    public String sourceName() {
        if (NETWORKS.contains(source)) {
            return source;
        }
        String f = java.nio.file.Path.of(source).getFileName().toString();
        return f.endsWith(".tlck") ? f.substring(0, f.length() - 5) : f;
    }

    /** What a checkpoint must have been written under to continue this run: every setting but the epochs. */
    public String settings() {
        return String.format(java.util.Locale.ROOT, "%s seed %d, batch %d, lr %s, beta %s, meta lr %s, T %d, "
                        + "inner lr %s, data %s, source %s, target %s", label(), seed, batchSize, learningRate, beta,
                metaLearningRate, innerSteps, innerLearningRate, data.name().toLowerCase(java.util.Locale.ROOT), source,
                target);
    }

    /** The same run with other networks. */
    public L2tConfig withNetworks(String s, String t) {
        return new L2tConfig(method, perClass, epochs, batchSize, learningRate, beta, metaLearningRate, innerSteps,
                innerLearningRate, seed, evaluations, data, s, t);
    }

    /** The same run with another method. */
    public L2tConfig withMethod(L2tMethod m) {
        return new L2tConfig(m, perClass, epochs, batchSize, learningRate, beta, metaLearningRate, innerSteps,
                innerLearningRate, seed, evaluations, data, source, target);
    }

    public L2tConfig validate() {
        check(perClass >= 1 && perClass <= 1000, "--per-class must be between 1 and 1000, got " + perClass);
        check(epochs >= 1 && epochs <= 100_000, "--epochs must be between 1 and 100000, got " + epochs);
        check(batchSize >= 1 && batchSize <= 4096, "--batch must be between 1 and 4096, got " + batchSize);
        check(learningRate > 0 && learningRate <= 10, "--lr must be in (0, 10], got " + learningRate);
        check(beta >= 0 && beta <= 1000, "--beta must be between 0 and 1000, got " + beta);
        check(metaLearningRate > 0 && metaLearningRate <= 1, "--meta-lr must be in (0, 1], got " + metaLearningRate);
        check(innerSteps >= 1 && innerSteps <= 10, "--inner-steps (T) must be between 1 and 10, got " + innerSteps
                + "; each step costs the meta-update three more passes of the target network");
        check(innerLearningRate > 0 && innerLearningRate <= 10, "--inner-lr must be in (0, 10], got "
                + innerLearningRate);
        check(evaluations >= 1 && evaluations <= 10_000, "--evaluations must be between 1 and 10000, got " + evaluations);
        check(NETWORKS.contains(target), "--target must be one of " + NETWORKS + " (a CNN, so there are feature maps "
                + "to match), got " + target);
        check(source != null && !source.isBlank(), "--source must be " + String.join(" or ", NETWORKS)
                + " or the path of a source checkpoint");
        check(NETWORKS.contains(source) || java.nio.file.Files.isRegularFile(java.nio.file.Path.of(source)),
                "--source: " + source + " is neither a shipped source (" + String.join(", ", NETWORKS) + ") nor a "
                        + "checkpoint file; make one with 'make-source --setting fashion-split --architecture "
                        + "cnn-large --out DIR' and pass DIR/checkpoint.tlck");
        return this;
    }

    /**
     * The pairs of this run between networks with these attention points (name → channels, side), each checked to
     * be matchable; one sentence naming the pair when one is not.
     */
    public List<L2tMethod.Pair> pairs(Map<String, int[]> sourcePoints, Map<String, int[]> targetPoints) {
        if (sourcePoints.isEmpty() && method != L2tMethod.SCRATCH) {
            throw new IllegalArgumentException("the source network has no attention points, so there is nothing to "
                    + "transfer from: L2T needs a CNN source (cnn-small or cnn-large)");
        }
        if (targetPoints.isEmpty() && method != L2tMethod.SCRATCH) {
            throw new IllegalArgumentException("the target network has no attention points, so there is nothing to "
                    + "transfer to: L2T needs a CNN target (cnn-small or cnn-large)");
        }
        List<L2tMethod.Pair> pairs = method.pairs(List.copyOf(sourcePoints.keySet()), List.copyOf(targetPoints.keySet()));
        for (L2tMethod.Pair p : pairs) {
            WeightedFeatureMatching.checkSizes(p.toString(), targetPoints.get(p.target())[1],
                    sourcePoints.get(p.source())[1]);
        }
        return pairs;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
