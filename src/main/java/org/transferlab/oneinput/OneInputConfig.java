package org.transferlab.oneinput;

import java.util.List;
import java.util.Locale;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.multitask.Weightings;

/**
 * Everything that defines a MultiMNIST run; {@link #validate()} says in one line what to change.
 *
 * @param architecture   {@code separate}, {@code hard} or {@code cross-stitch}
 * @param weighting      a part-2 weighting, or {@code mgda-ub} (min-norm on ∂L/∂Z), or {@code pcgrad}
 * @param trainImages    MultiMNIST training canvases (made from the MNIST training digits)
 * @param testImages     test canvases (made from the MNIST test digits)
 * @param stitchLr       the cross-stitch α's learning-rate multiplier
 */
public record OneInputConfig(String architecture, String weighting, double[] fixedWeights, double[] initialS,
                             double gradNormAlpha, int trainImages, int testImages, int epochs, int batchSize,
                             double learningRate, long seed, int[] widths, double stitchLr) {
    public static final List<String> ARCHITECTURES = List.of("separate", "hard", "cross-stitch");
    /** Weightings that need a shared representation Z. */
    public static final String MGDA_UB = "mgda-ub";
    public static final String PCGRAD = "pcgrad";

    public static OneInputConfig defaults() {
        return new OneInputConfig("hard", "fixed", new double[]{1, 1}, new double[]{0, 0}, 1.5, 10_000, 2_000, 10,
                128, 1e-3, 0, new int[]{8, 16, 32}, 10);
    }

    public OneInputConfig validate() {
        if (!ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("--architecture: unknown architecture '" + architecture
                    + "'; choose one of " + ARCHITECTURES);
        }
        if (!weighting.equals(MGDA_UB) && !weighting.equals(PCGRAD)) {
            try {
                Weightings.get(weighting);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--weighting: unknown weighting '" + weighting + "'; choose one of "
                        + weightings());
            }
        }
        if (weighting.equals(MGDA_UB) && !architecture.equals("hard")) {
            throw new IllegalArgumentException("--weighting mgda-ub needs a representation Z that both tasks share; "
                    + architecture + " has none: use --architecture hard, or --weighting mgda (on the shared parameters)");
        }
        if ((weighting.equals(PCGRAD) || weighting.equals("mgda") || weighting.equals("gradnorm"))
                && architecture.equals("separate")) {
            throw new IllegalArgumentException("--weighting " + weighting + " acts on what the tasks share; separate "
                    + "networks share nothing: use fixed weights, or another architecture");
        }
        Weightings.check(2, fixedWeights, initialS, gradNormAlpha);
        if (testImages < 1 || testImages > 100_000) {
            throw new IllegalArgumentException("--test-images must be between 1 and 100000, got " + testImages);
        }
        if (trainImages < 1 || trainImages > 1_000_000) {
            throw new IllegalArgumentException("--train-size must be between 1 and 1000000, got " + trainImages);
        }
        if (!(stitchLr > 0) || stitchLr > 1000) {
            throw new IllegalArgumentException("--stitch-lr must be in (0, 1000], got " + stitchLr);
        }
        TrainingConfig.checkTraining(trainImages, epochs, batchSize, learningRate, 1);
        return this;
    }

    public static List<String> weightings() {
        List<String> all = new java.util.ArrayList<>(Weightings.NAMES);
        all.add(MGDA_UB);
        all.add(PCGRAD);
        return all;
    }

    public String label() {
        return String.format(Locale.ROOT, "multimnist-%s-%s", architecture, weighting);
    }

    public OneInputConfig with(String arch, String w, double[] fixed, long s) {
        return new OneInputConfig(arch, w, fixed, initialS, gradNormAlpha, trainImages, testImages, epochs, batchSize,
                learningRate, s, widths, stitchLr);
    }
}
