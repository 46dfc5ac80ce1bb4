package org.transferlab.exercises.checks;

import java.lang.reflect.Method;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.StudentCode;

/**
 * Part 2, uncertainty weighting: {@code weightedLoss(sd, losses, s)} = Σ_i exp(−s_i)·L_i + s_i/2 for two
 * classification tasks, checked at two points (one with s of both signs), gradients in L and s.
 */
final class UncertaintyCheck implements CardChecker {
    static final String SIGNATURE = "public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s)";

    static Method method(StudentCode code) throws StudentCode.StudentException {
        return code.method("weightedLoss", SIGNATURE, SameDiff.class, SDVariable.class, SDVariable.class);
    }

    @Override
    public Outcome check(StudentCode code) throws StudentCode.StudentException {
        Method m = method(code);
        Outcome out = new Outcome();
        double[][][] points = {{{2.3, 0.7}, {0.4, -0.9}}, {{1.1, 3.2}, {-0.3, 1.5}}};
        for (int i = 0; i < points.length; i++) {
            double[] l = points[i][0];
            double[] s = points[i][1];
            LossCase c = new LossCase("weighted loss, point " + (i + 1))
                    .input("losses", Tensor.of(l.clone(), 2), true)
                    .input("s", Tensor.of(s.clone(), 2), true)
                    .reference(v(-1, 1, 0.5, false))
                    .mistake("exp-sign", v(1, 1, 0.5, false))
                    .mistake("no-regulariser", v(-1, 1, 0, false))
                    .mistake("full-s", v(-1, 1, 1, false))
                    .mistake("regression-form", v(-1, 0.5, 0.5, false))
                    .mistake("mean-not-sum", v(-1, 1, 0.5, true));
            if (!c.run((sd, in) -> (SDVariable) StudentCode.call(m, sd, in.get("losses"), in.get("s")), out)) {
                break;
            }
        }
        return out;
    }

    private static Formula v(double sign, double factor, double reg, boolean mean) {
        return Formula.scalar(in -> Formulas.uncertainty(in.get("losses"), in.get("s"), sign, factor, reg, mean));
    }
}
