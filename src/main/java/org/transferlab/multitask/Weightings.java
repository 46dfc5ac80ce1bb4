package org.transferlab.multitask;

import java.util.List;

/** Every loss-balancing method by name, with its settings. The CLI and the app create methods here. */
public final class Weightings {
    public static final List<String> NAMES = List.of("fixed", "uncertainty", "gradnorm", "mgda", "dwa");

    private Weightings() {
    }

    /**
     * @param fixed        weights for {@code fixed} (one per task)
     * @param initialS     initial s_i for {@code uncertainty}
     * @param gradNormAlpha GradNorm's α (1.5 in the paper)
     * @param learningRate for the scalars uncertainty and GradNorm learn
     */
    public static LossWeighting create(String id, int tasks, double[] fixed, double[] initialS, double gradNormAlpha,
                                       double learningRate) {
        return switch (id) {
            case "fixed" -> new FixedWeights(fixed);
            case "uncertainty" -> new UncertaintyWeighting(initialS, learningRate);
            case "gradnorm" -> new GradNorm(tasks, gradNormAlpha, GradNorm.LEARNING_RATE);
            case "mgda" -> new Mgda();
            case "dwa" -> new Dwa(tasks, 2.0);
            default -> throw new IllegalArgumentException("unknown weighting '" + id + "'; choose one of " + NAMES);
        };
    }
}
