package org.transferlab.weightings;

import java.util.Arrays;

/**
 * Dynamic weight average (Liu, Johns and Davison, CVPR 2019): from the third epoch on,
 * {@code w_i(t) = K · exp(r_i / T) / Σ_j exp(r_j / T)} with {@code r_i = L_i(t−1) / L_i(t−2)} (epoch mean losses),
 * K tasks and temperature T (2 by default); a task whose loss fell less last epoch gets more weight. The first
 * two epochs use equal weights.
 */
public final class Dwa implements LossWeighting {
    private final double temperature;
    private final double[] w;
    private double[] previous;
    private double[] beforePrevious;

    public Dwa(int tasks, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("DWA's temperature must be > 0, got " + temperature);
        }
        this.temperature = temperature;
        this.w = new double[tasks];
        Arrays.fill(w, 1.0);
    }

    @Override
    public String id() {
        return "dwa";
    }

    @Override
    public double[] weights(TaskStep step) {
        return w.clone();
    }

    @Override
    public java.util.Map<String, double[]> saveState() {
        java.util.Map<String, double[]> m = new java.util.LinkedHashMap<>();
        m.put("w", w.clone());
        if (previous != null) {
            m.put("previous", previous.clone());
        }
        if (beforePrevious != null) {
            m.put("before_previous", beforePrevious.clone());
        }
        return m;
    }

    @Override
    public void restoreState(java.util.Map<String, double[]> state) {
        double[] saved = LossWeighting.saved(state, "w", w.length);
        double[] prev = state.containsKey("previous") ? LossWeighting.saved(state, "previous", w.length) : null;
        double[] before = state.containsKey("before_previous")
                ? LossWeighting.saved(state, "before_previous", w.length) : null;
        System.arraycopy(saved, 0, w, 0, w.length);
        previous = prev;
        beforePrevious = before;
    }

    @Override
    public void endEpoch(double[] meanLosses) {
        beforePrevious = previous;
        previous = meanLosses.clone();
        if (beforePrevious == null) {
            return;
        }
        int k = w.length;
        double sum = 0;
        double[] e = new double[k];
        for (int i = 0; i < k; i++) {
            double r = beforePrevious[i] > 0 ? previous[i] / beforePrevious[i] : 1;
            e[i] = Math.exp(r / temperature);
            sum += e[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] = k * e[i] / sum;
        }
    }
}
