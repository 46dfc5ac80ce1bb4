package org.transferlab.weightings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Uncertainty weighting (Kendall, Gal and Cipolla, CVPR 2018). Each task learns s_i = log σ_i²; a
 * classification task contributes {@code exp(−s_i)·L_i + s_i/2}, so the effective weight is
 * {@code w_i = exp(−s_i)} and {@code ∂/∂s_i = −exp(−s_i)·L_i + 1/2}: s_i settles where exp(−s_i)·L_i = ½,
 * i.e. noisier (higher-loss) tasks get smaller weights. A regression task with a squared-error loss (a Gaussian
 * likelihood) contributes {@code exp(−s_i)/2·L_i + s_i/2} instead, i.e. {@code L/(2σ²) + log σ}: weight
 * {@code exp(−s_i)/2}, {@code ∂/∂s_i = −exp(−s_i)/2·L_i + 1/2}, settling where exp(−s_i) = 1/L_i, twice the
 * classification form's weight at the same loss. s_i is trained with Adam at the network's learning rate.
 */
public final class UncertaintyWeighting implements LossWeighting {
    private final double[] s;
    private final boolean[] regression;
    private final Adam adam;
    private double regulariser;

    /** Every task in the classification form. */
    public UncertaintyWeighting(double[] initialS, double learningRate) {
        this(initialS, learningRate, new boolean[initialS.length]);
    }

    /** @param regression per task: true for the regression form (squared-error loss) */
    public UncertaintyWeighting(double[] initialS, double learningRate, boolean[] regression) {
        if (regression.length != initialS.length) {
            throw new IllegalArgumentException("uncertainty weighting: " + initialS.length + " initial s but "
                    + regression.length + " task kinds");
        }
        this.s = initialS.clone();
        this.regression = regression.clone();
        this.adam = new Adam(learningRate, s.length);
    }

    @Override
    public String id() {
        return "uncertainty";
    }

    /** The term this method adds to task i's loss, {@code exp(−s)·L + s/2}. */
    public static double term(double loss, double s) {
        return Math.exp(-s) * loss + s / 2;
    }

    /** {@code ∂term/∂s = −exp(−s)·L + 1/2}. */
    public static double gradientInS(double loss, double s) {
        return -Math.exp(-s) * loss + 0.5;
    }

    /** The regression form's term, {@code exp(−s)/2·L + s/2} (= L/(2σ²) + log σ with s = log σ²). */
    public static double regressionTerm(double loss, double s) {
        return Math.exp(-s) / 2 * loss + s / 2;
    }

    /** {@code ∂regressionTerm/∂s = −exp(−s)/2·L + 1/2}. */
    public static double regressionGradientInS(double loss, double s) {
        return -Math.exp(-s) / 2 * loss + 0.5;
    }

    @Override
    public double[] weights(TaskStep step) {
        double[] w = new double[s.length];
        double[] g = new double[s.length];
        regulariser = 0;
        for (int i = 0; i < s.length; i++) {
            w[i] = regression[i] ? Math.exp(-s[i]) / 2 : Math.exp(-s[i]);
            g[i] = regression[i] ? regressionGradientInS(step.losses()[i], s[i]) : gradientInS(step.losses()[i], s[i]);
            regulariser += s[i] / 2;
        }
        adam.step(s, g);
        return w;
    }

    @Override
    public double regulariser() {
        return regulariser;
    }

    @Override
    public Map<String, double[]> saveState() {
        return Map.of("s", s.clone(), "adam", adam.save());
    }

    @Override
    public void restoreState(Map<String, double[]> state) {
        double[] saved = LossWeighting.saved(state, "s", s.length);
        adam.restore(LossWeighting.saved(state, "adam", -1));
        System.arraycopy(saved, 0, s, 0, s.length);
    }

    @Override
    public Map<String, Double> state() {
        return state(s);
    }

    /** The learned s_i by name ({@code s1}, {@code s2}, …), as every uncertainty weighting reports them. */
    public static Map<String, Double> state(double[] s) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < s.length; i++) {
            m.put("s" + (i + 1), s[i]);
        }
        return m;
    }
}
