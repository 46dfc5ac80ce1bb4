package org.transferlab.transfer;

import java.util.List;

/**
 * Cross-entropy of labels y and logits z, averaged over the batch:
 * {@code CE = (1/N) Σ_n ( log Σ_i exp z[n,i] − z[n,y_n] )}, with gradient
 * {@code ∂CE/∂z[n,i] = (softmax(z[n])_i − [i = y_n]) / N}.
 */
public final class CrossEntropy {
    /** The registry id of cross-entropy, which every student's loss contains. */
    public static final String ID = "ce";

    /**
     * Cross-entropy as the registry lists it: always part of a student's loss (scaled by the other methods, e.g.
     * 1 − α for KD); choosing it alone is the baseline. It has no settings and creates no term of its own.
     */
    public static final TransferMethod METHOD = new TransferMethod(ID, "Cross-entropy (the baseline)",
            "the standard classification loss", "\\mathrm{CE} = \\frac{1}{N}\\sum_n -\\log \\sigma(l_s)_{n, y_n}",
            "the student learns from the labels alone", List.of(),
            List.of(new TransferMethod.Component("ce", "CE", true)), List.of("labels", "student logits"),
            List.of(TransferMethod.source(CrossEntropy.class)), v -> {
                throw new IllegalArgumentException("cross-entropy is always part of the loss; it is not added as a term");
            });

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
