package org.transferlab.multitask;

/** Adam for the few scalars a weighting method learns (PyTorch's update, β = 0.9 / 0.999, ε = 1e-8). */
public final class Adam {
    private final double lr;
    private final double[] m;
    private final double[] v;
    private int t;

    public Adam(double lr, int n) {
        this.lr = lr;
        this.m = new double[n];
        this.v = new double[n];
    }

    public void step(double[] x, double[] g) {
        t++;
        double bc1 = 1 - Math.pow(0.9, t);
        double bc2 = 1 - Math.pow(0.999, t);
        for (int i = 0; i < x.length; i++) {
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            x[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
        }
    }
}
