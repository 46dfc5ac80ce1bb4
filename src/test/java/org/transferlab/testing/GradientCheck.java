package org.transferlab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences against an analytic gradient, in double precision:
 * {@code ∂L/∂x_i ≈ (L(x + h·e_i) − L(x − h·e_i)) / 2h}, checked for every element (or every k-th).
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** Returns the largest relative error seen; fails if any element exceeds {@code tolerance}. */
    public static double check(String what, double[] x, ToDoubleFunction<double[]> loss, double[] analytic,
                               int stride, double tolerance) {
        double worst = 0;
        int checked = 0;
        for (int i = 0; i < x.length; i += stride) {
            double numeric = numeric(x, i, loss);
            double a = analytic[i];
            double err = Math.abs(a - numeric) / Math.max(1e-6, Math.abs(a) + Math.abs(numeric));
            worst = Math.max(worst, err);
            assertTrue(err < tolerance || Math.abs(a - numeric) < 1e-8, "gradient of " + what + "[" + i
                    + "]: analytic " + a + ", numeric " + numeric + " (relative error " + err + ")");
            checked++;
        }
        assertTrue(checked > 0, "no element checked");
        return worst;
    }

    /**
     * Every element by central differences (step 1e-6), judged as a whole: the largest absolute error relative to
     * the largest absolute gradient must stay below {@code tolerance} (for gradients with many near-zero
     * elements, where an element-wise relative error means nothing); fails on an all-zero gradient too.
     * Returns that relative error.
     */
    public static double checkAgainstLargest(String what, double[] x, ToDoubleFunction<double[]> loss, double[] analytic,
                                             double tolerance) {
        double maxAbs = 0;
        double maxErr = 0;
        for (int i = 0; i < x.length; i++) {
            double numeric = numeric(x, i, loss);
            maxAbs = Math.max(maxAbs, Math.abs(analytic[i]));
            maxErr = Math.max(maxErr, Math.abs(analytic[i] - numeric));
        }
        assertTrue(maxAbs > 1e-8, what + ": gradient is all zero");
        assertTrue(maxErr / maxAbs < tolerance, what + ": relative error " + maxErr / maxAbs);
        return maxErr / maxAbs;
    }

    /** ∂L/∂x_i by central differences with step 1e-6; x is left as it was. */
    private static double numeric(double[] x, int i, ToDoubleFunction<double[]> loss) {
        double h = 1e-6;
        double orig = x[i];
        x[i] = orig + h;
        double plus = loss.applyAsDouble(x);
        x[i] = orig - h;
        double minus = loss.applyAsDouble(x);
        x[i] = orig;
        return (plus - minus) / (2 * h);
    }
}
