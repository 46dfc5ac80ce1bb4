package org.transferlab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences against SameDiff's analytic gradient, in double precision:
 * {@code ∂L/∂x_i ≈ (L(x + h·e_i) − L(x − h·e_i)) / 2h}, checked for every element (or every k-th).
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** Returns the largest relative error seen; fails if any element exceeds {@code tolerance}. */
    public static double check(SameDiff sd, Map<String, INDArray> placeholders, String loss, String variable,
                               int stride, double tolerance) {
        INDArray analytic = sd.calculateGradients(placeholders, variable).get(variable).dup();
        INDArray x = sd.getVariable(variable).getArr();
        INDArray flat = x.reshape(x.length());
        double h = 1e-6;
        double worst = 0;
        int checked = 0;
        for (long i = 0; i < x.length(); i += stride) {
            double orig = flat.getDouble(i);
            flat.putScalar(i, orig + h);
            double plus = sd.outputSingle(placeholders, loss).getDouble(0);
            flat.putScalar(i, orig - h);
            double minus = sd.outputSingle(placeholders, loss).getDouble(0);
            flat.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * h);
            double a = analytic.reshape(analytic.length()).getDouble(i);
            double err = Math.abs(a - numeric) / Math.max(1e-6, Math.abs(a) + Math.abs(numeric));
            worst = Math.max(worst, err);
            assertTrue(err < tolerance || Math.abs(a - numeric) < 1e-8,
                    "gradient of " + loss + " w.r.t. " + variable + "[" + i + "]: analytic " + a + ", numeric "
                            + numeric + " (relative error " + err + ")");
            checked++;
        }
        assertTrue(checked > 0, "no element checked");
        return worst;
    }
}
