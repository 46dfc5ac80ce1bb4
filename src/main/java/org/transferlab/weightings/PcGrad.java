package org.transferlab.weightings;

import java.util.Map;
import java.util.Random;

/**
 * PCGrad, "gradient surgery" (Yu, Kumar, Gupta, Levine, Hausman and Finn, NeurIPS 2020): for each task i, in a
 * random order over the other tasks j, when g_i conflicts with g_j (negative dot product) the component of g_i
 * along g_j is removed, {@code g_i ← g_i − (g_i·g_j / ‖g_j‖²) g_j}, with g_j the other task's original gradient;
 * the shared parameters then move along Σ_i g_i. Tasks that do not conflict are left as they are. Not a
 * weighting: it changes the direction of the shared update, so the run applies it to the shared parameters'
 * gradients and weights the tasks 1 each ({@link GradientSurgery}). The task order of each epoch is drawn from
 * the run's seed and the epoch, so a resumed run draws the same orders.
 */
public final class PcGrad implements LossWeighting, GradientSurgery {
    private final int tasks;
    private final long seed;
    private int epoch;
    private Random order;

    public PcGrad(int tasks, long seed) {
        this.tasks = tasks;
        this.seed = seed;
        this.order = orderOf(0);
    }

    private Random orderOf(int e) {
        return new Random(seed * 1_000_003L + e);
    }

    @Override
    public String id() {
        return "pcgrad";
    }

    /** Every task weighs 1: PCGrad changes the direction of the shared update, not the weights. */
    @Override
    public double[] weights(TaskStep step) {
        double[] w = new double[tasks];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    @Override
    public double[] combine(double[][] sharedGradients) {
        return combine(sharedGradients, order);
    }

    @Override
    public void endEpoch(double[] meanLosses) {
        order = orderOf(++epoch);
    }

    @Override
    public Map<String, double[]> saveState() {
        return Map.of("epoch", new double[]{epoch});
    }

    @Override
    public void restoreState(Map<String, double[]> state) {
        epoch = (int) LossWeighting.saved(state, "epoch", 1)[0];
        order = orderOf(epoch);
    }

    /** The projected gradients, one per task (the inputs are not changed). */
    public static double[][] project(double[][] grads, Random order) {
        int tasks = grads.length;
        double[][] out = new double[tasks][];
        for (int i = 0; i < tasks; i++) {
            double[] g = grads[i].clone();
            int[] others = new int[tasks - 1];
            for (int j = 0, k = 0; j < tasks; j++) {
                if (j != i) {
                    others[k++] = j;
                }
            }
            for (int k = others.length - 1; k > 0; k--) { // a seeded shuffle of the other tasks
                int r = order.nextInt(k + 1);
                int tmp = others[k];
                others[k] = others[r];
                others[r] = tmp;
            }
            for (int j : others) {
                double dot = TaskStep.dot(g, grads[j]);
                double norm2 = TaskStep.dot(grads[j], grads[j]);
                if (dot < 0 && norm2 > 0) {
                    double c = dot / norm2;
                    for (int k = 0; k < g.length; k++) {
                        g[k] -= c * grads[j][k];
                    }
                }
            }
            out[i] = g;
        }
        return out;
    }

    /** Σ_i of the projected gradients: the shared parameters' update direction. */
    public static double[] combine(double[][] grads, Random order) {
        double[][] p = project(grads, order);
        double[] sum = new double[p[0].length];
        for (double[] g : p) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += g[k];
            }
        }
        return sum;
    }
}
