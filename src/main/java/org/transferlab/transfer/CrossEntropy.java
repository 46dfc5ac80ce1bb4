package org.transferlab.transfer;

/**
 * Cross-entropy of labels y and logits z, averaged over the batch:
 * {@code CE = (1/N) Σ_n ( log Σ_i exp z[n,i] − z[n,y_n] )}, with gradient
 * {@code ∂CE/∂z[n,i] = (softmax(z[n])_i − [i = y_n]) / N}.
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /** Returns CE and adds {@code weight·∂CE/∂z} to {@code grad}. */
    public static double evaluate(double[] logits, int[] labels, int classes, double weight, double[] grad) {
        int n = labels.length;
        double sum = 0;
        double[] q = new double[classes];
        for (int s = 0; s < n; s++) {
            double lse = Softmax.into(logits, s * classes, classes, 1.0, q);
            sum += lse - logits[s * classes + labels[s]];
            for (int i = 0; i < classes; i++) {
                grad[s * classes + i] += weight * (q[i] - (i == labels[s] ? 1 : 0)) / n;
            }
        }
        return sum / n;
    }
}
