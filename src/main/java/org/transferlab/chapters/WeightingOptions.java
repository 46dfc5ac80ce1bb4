package org.transferlab.chapters;

import picocli.CommandLine.Option;

/**
 * The loss weightings' settings as options (a picocli mixin), for every chapter that trains two tasks together:
 * {@code --task-weights}, {@code --initial-s}, {@code --gradnorm-alpha}, named as the registry's settings
 * ({@code weightings/Weightings}). The chapter's own {@code --weighting} says which weightings it offers.
 */
public final class WeightingOptions {
    @Option(names = "--task-weights", split = ",", description = "fixed: one weight per task (default: 1,1)")
    public double[] taskWeights;

    @Option(names = "--initial-s", split = ",", description = "uncertainty: initial s_i = log σ_i² (default: 0,0)")
    public double[] initialS;

    @Option(names = "--gradnorm-alpha", defaultValue = "1.5", description = "GradNorm's α (default: ${DEFAULT-VALUE})")
    public double gradNormAlpha;

    public double[] taskWeightsOr(double[] def) {
        return taskWeights != null ? taskWeights : def;
    }

    public double[] initialSOr(double[] def) {
        return initialS != null ? initialS : def;
    }
}
