package org.transferlab.weightings;

/**
 * MGDA (Sener and Koltun, NeurIPS 2018): the weights α on the simplex (α_i ≥ 0, Σ α_i = 1) that minimise
 * {@code ‖Σ_i α_i g_i‖²}, the min-norm point of the convex hull of the task gradients g_i; a step along it
 * lowers every task's loss unless the tasks are at a Pareto-stationary point. Two tasks have a closed form,
 * {@code α_1 = clip(((g_2 − g_1)·g_2) / ‖g_1 − g_2‖², 0, 1)}; up to ten tasks are solved exactly (every
 * support set of the simplex, each an equality-constrained quadratic), more by Frank–Wolfe.
 *
 * <p>The same solver serves MGDA-UB ({@code new Mgda(true)}), which takes g_i with respect to the shared
 * representation Z instead of the shared parameters: what the run puts in {@link TaskStep#sharedGradients()}
 * decides which. In part 2's two-input form each task feeds its own images, so the tasks' Z are different
 * tensors and only MGDA on the shared parameters is offered there; chapter 4 (one input) has both.
 */
public final class Mgda implements LossWeighting {
    private final boolean upperBound;

    /** @param upperBound true for MGDA-UB: the run passes the gradients with respect to Z */
    public Mgda(boolean upperBound) {
        this.upperBound = upperBound;
    }

    @Override
    public String id() {
        return upperBound ? "mgda-ub" : "mgda";
    }

    @Override
    public double[] weights(TaskStep step) {
        return minNorm(step.sharedGradients());
    }

    /** The min-norm convex combination's weights of the given vectors. */
    public static double[] minNorm(double[][] g) {
        int n = g.length;
        if (n == 1) {
            return new double[]{1};
        }
        if (n == 2) {
            double a = twoTask(g[0], g[1]);
            return new double[]{a, 1 - a};
        }
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gram[i][j] = TaskStep.dot(g[i], g[j]);
            }
        }
        if (n <= 10) {
            return exact(gram);
        }
        double[] alpha = new double[n];
        java.util.Arrays.fill(alpha, 1.0 / n);
        for (int it = 0; it < 5000; it++) {
            // the vertex with the smallest ⟨g_t, Σ α g⟩, then the exact line search towards it
            double[] ga = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ga[i] += gram[i][j] * alpha[j];
                }
            }
            int t = 0;
            for (int i = 1; i < n; i++) {
                if (ga[i] < ga[t]) {
                    t = i;
                }
            }
            double aa = 0;
            for (int i = 0; i < n; i++) {
                aa += alpha[i] * ga[i];
            }
            double at = ga[t];
            double tt = gram[t][t];
            double denom = aa - 2 * at + tt;
            double gamma = denom <= 1e-20 ? 0 : Math.max(0, Math.min(1, (aa - at) / denom));
            if (gamma < 1e-10) {
                break;
            }
            for (int i = 0; i < n; i++) {
                alpha[i] *= 1 - gamma;
            }
            alpha[t] += gamma;
        }
        return alpha;
    }

    /** Minimises αᵀGα on the simplex by trying every support set S: α_S ∝ G_S⁻¹·1 when that is ≥ 0. */
    private static double[] exact(double[][] gram) {
        int n = gram.length;
        double[] best = null;
        double bestValue = Double.MAX_VALUE;
        double ridge = 0;
        for (int i = 0; i < n; i++) {
            ridge += gram[i][i];
        }
        ridge = 1e-12 * Math.max(ridge, 1e-30);
        for (int mask = 1; mask < (1 << n); mask++) {
            int[] idx = new int[Integer.bitCount(mask)];
            for (int i = 0, k = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    idx[k++] = i;
                }
            }
            int m = idx.length;
            double[][] a = new double[m][m + 1];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] = gram[idx[r]][idx[c]] + (r == c ? ridge : 0);
                }
                a[r][m] = 1;
            }
            double[] x = solve(a);
            if (x == null) {
                continue;
            }
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            if (!(sum > 0)) {
                continue;
            }
            double[] alpha = new double[n];
            boolean feasible = true;
            for (int k = 0; k < m; k++) {
                alpha[idx[k]] = x[k] / sum;
                feasible &= alpha[idx[k]] >= -1e-12;
            }
            if (!feasible) {
                continue;
            }
            double value = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    value += alpha[i] * gram[i][j] * alpha[j];
                }
            }
            if (value < bestValue - 1e-15) {
                bestValue = value;
                best = alpha;
            }
        }
        for (int i = 0; i < n; i++) {
            best[i] = Math.max(0, best[i]);
        }
        return best;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix; null when singular. */
    private static double[] solve(double[][] a) {
        int m = a.length;
        for (int c = 0; c < m; c++) {
            int p = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(a[p][c]) < 1e-300) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= m; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int r = 0; r < m; r++) {
            x[r] = a[r][m] / a[r][r];
        }
        return x;
    }

    /** The two-task closed form: α for g1 (and 1 − α for g2); ½ when the gradients coincide. */
    public static double twoTask(double[] g1, double[] g2) {
        double num = 0;
        double den = 0;
        for (int k = 0; k < g1.length; k++) {
            double d = g2[k] - g1[k];
            num += d * g2[k];
            den += d * d;
        }
        if (den <= 1e-30) {
            return 0.5;
        }
        return Math.max(0, Math.min(1, num / den));
    }
}
