package org.transferlab.weightings;

/**
 * What one training step measured, per task i: the loss L_i, the gradient of L_i with respect to all shared
 * parameters (flattened), and with respect to the last shared layer's weights only (GradNorm's W).
 */
public record TaskStep(double[] losses, double[][] sharedGradients, double[][] lastSharedGradients) {

    public int tasks() {
        return losses.length;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Cosine between two tasks' shared gradients (0 when either is zero): below 0 the tasks pull apart. */
    public double cosine(int i, int j) {
        double n = norm(sharedGradients[i]) * norm(sharedGradients[j]);
        return n > 0 ? dot(sharedGradients[i], sharedGradients[j]) / n : 0;
    }
}
