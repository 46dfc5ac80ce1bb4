package org.transferlab.weightings;

import java.util.Arrays;

/**
 * GradNorm (Chen et al., ICML 2018). With W the last shared layer's weights:
 * <pre>
 *   G_i = ‖∇_W w_i L_i‖₂ = w_i ‖∇_W L_i‖₂        Ḡ = mean_i G_i
 *   r_i = (L_i / L_i(0)) / mean_j (L_j / L_j(0))   (relative inverse training rate)
 *   L_grad = Σ_i | G_i − Ḡ · r_i^α |                (the target Ḡ·r_i^α held constant)
 * </pre>
 * Each step the weights take one Adam step down {@code ∂L_grad/∂w_i = sign(G_i − target_i)·‖∇_W L_i‖}, then are
 * renormalised so Σ w_i = number of tasks. A task whose loss falls more slowly than the others (r_i > 1) gets a
 * larger target and so a larger weight. The network is updated with the weights from before this step's change.
 */
public final class GradNorm implements LossWeighting {
    /** Adam's step size for the weights (the task weights must move within a short classroom run). */
    public static final double LEARNING_RATE = 0.025;
    private final double alpha;
    private final double[] w;
    private final Adam adam;
    private double[] initialLosses;

    public GradNorm(int tasks, double alpha, double learningRate) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("GradNorm's alpha must be >= 0 (typically 1.5), got " + alpha);
        }
        this.alpha = alpha;
        this.w = new double[tasks];
        Arrays.fill(w, 1.0);
        this.adam = new Adam(learningRate, tasks);
    }

    @Override
    public String id() {
        return "gradnorm";
    }

    @Override
    public double[] weights(TaskStep step) {
        int n = w.length;
        double[] used = w.clone();
        if (initialLosses == null) {
            initialLosses = step.losses().clone();
        }
        double[] gradNorm = new double[n];
        double[] g = new double[n];
        double[] ratio = new double[n];
        double meanG = 0;
        double meanRatio = 0;
        for (int i = 0; i < n; i++) {
            gradNorm[i] = TaskStep.norm(step.lastSharedGradients()[i]);
            g[i] = w[i] * gradNorm[i];
            meanG += g[i] / n;
            ratio[i] = initialLosses[i] > 0 ? step.losses()[i] / initialLosses[i] : 1;
            meanRatio += ratio[i] / n;
        }
        double[] grad = new double[n];
        for (int i = 0; i < n; i++) {
            double r = meanRatio > 0 ? ratio[i] / meanRatio : 1;
            double target = meanG * Math.pow(r, alpha);
            grad[i] = Math.signum(g[i] - target) * gradNorm[i];
        }
        adam.step(w, grad);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(w[i], 1e-6);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] *= n / sum;
        }
        return used;
    }

    @Override
    public java.util.Map<String, double[]> saveState() {
        java.util.Map<String, double[]> m = new java.util.LinkedHashMap<>();
        m.put("w", w.clone());
        m.put("adam", adam.save());
        if (initialLosses != null) {
            m.put("initial_losses", initialLosses.clone());
        }
        return m;
    }

    @Override
    public void restoreState(java.util.Map<String, double[]> state) {
        double[] saved = LossWeighting.saved(state, "w", w.length);
        double[] initial = state.containsKey("initial_losses")
                ? LossWeighting.saved(state, "initial_losses", w.length) : null;
        adam.restore(LossWeighting.saved(state, "adam", -1));
        System.arraycopy(saved, 0, w, 0, w.length);
        initialLosses = initial;
    }

    /** The weights after the last step's update (they sum to the number of tasks). */
    public double[] current() {
        return w.clone();
    }
}
