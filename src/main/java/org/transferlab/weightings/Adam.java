package org.transferlab.weightings;

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

    /** Its state as {@code [t, m…, v…]}, for a checkpoint. */
    public double[] save() {
        double[] out = new double[1 + 2 * m.length];
        out[0] = t;
        System.arraycopy(m, 0, out, 1, m.length);
        System.arraycopy(v, 0, out, 1 + m.length, v.length);
        return out;
    }

    /** Continues from what {@link #save()} returned. */
    public void restore(double[] saved) {
        if (saved == null || saved.length != 1 + 2 * m.length) {
            throw new IllegalArgumentException("Adam's saved state needs " + (1 + 2 * m.length) + " numbers");
        }
        t = (int) saved[0];
        System.arraycopy(saved, 1, m, 0, m.length);
        System.arraycopy(saved, 1 + m.length, v, 0, v.length);
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
