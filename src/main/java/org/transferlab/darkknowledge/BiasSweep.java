package org.transferlab.darkknowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Raising the output bias of the digits a student never saw: a constant b added to their logits. It is chosen on
 * held-out training digits (a validation split), never on the test set: {@link #sweep} only ever receives the
 * validation logits and labels, and {@link #choose} the best validation accuracy, the smallest b on a tie.
 */
public final class BiasSweep {
    /** The biases tried: 0 to 12 in steps of 0.25. */
    public static final double STEP = 0.25;
    public static final double MAX = 12;

    /** One bias tried: the validation accuracy over every digit and over the hidden ones. */
    public record Point(double bias, double accuracy, double hiddenAccuracy) {
    }

    /** The sweep and the bias it chose. */
    public record Result(List<Point> points, double chosen) {
    }

    private BiasSweep() {
    }

    /** Tries each bias on the validation logits (row-major [N·K]); returns them all and the chosen one. */
    public static Result sweep(double[] validationLogits, int[] validationLabels, int classes, Set<Integer> hidden) {
        List<Point> points = new ArrayList<>();
        Point best = null;
        for (int i = 0; i * STEP <= MAX + 1e-9; i++) {
            double b = i * STEP;
            Point p = new Point(b, accuracy(validationLogits, validationLabels, classes, hidden, b, false),
                    accuracy(validationLogits, validationLabels, classes, hidden, b, true));
            points.add(p);
            if (best == null || p.accuracy() > best.accuracy()) {
                best = p;
            }
        }
        return new Result(points, best.bias());
    }

    /**
     * The bias among {@code candidates} (tried in their order) with the best accuracy over every validation image,
     * the first one tried on a tie: the rule of {@link #sweep}, on any list of biases (negative ones lower the
     * hidden classes' logits, as for a transfer set of only 7s and 8s).
     */
    public static double choose(double[] validationLogits, int[] validationLabels, int classes, Set<Integer> hidden,
                                double[] candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("no bias to choose from");
        }
        double chosen = candidates[0];
        double best = Double.NEGATIVE_INFINITY;
        for (double b : candidates) {
            double a = accuracy(validationLogits, validationLabels, classes, hidden, b, false);
            if (a > best) {
                best = a;
                chosen = b;
            }
        }
        return chosen;
    }

    /** Predictions with {@code bias} added to the logits of the {@code hidden} classes. */
    public static int[] predict(double[] logits, int classes, Set<Integer> hidden, double bias) {
        int n = logits.length / classes;
        int[] out = new int[n];
        for (int s = 0; s < n; s++) {
            int arg = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double v = logits[s * classes + k] + (hidden.contains(k) ? bias : 0);
                if (v > best) {
                    best = v;
                    arg = k;
                }
            }
            out[s] = arg;
        }
        return out;
    }

    /** Accuracy with the bias, over all images or ({@code onlyHidden}) over those of the hidden classes. */
    static double accuracy(double[] logits, int[] labels, int classes, Set<Integer> hidden, double bias,
                           boolean onlyHidden) {
        int[] pred = predict(logits, classes, hidden, bias);
        int right = 0;
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (onlyHidden && !hidden.contains(labels[i])) {
                continue;
            }
            count++;
            right += pred[i] == labels[i] ? 1 : 0;
        }
        return count == 0 ? Double.NaN : right / (double) count;
    }
}
