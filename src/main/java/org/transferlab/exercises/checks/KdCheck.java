package org.transferlab.exercises.checks;

import java.lang.reflect.Method;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.StudentCode;

/**
 * Q2: {@code distillationLoss(sd, studentLogits, teacherLogits, T)} = T²·mean_n(−Σ_i p_t·log_softmax(z_s/T)),
 * checked at T = 4 and T = 2 on 6 samples × 10 classes.
 */
final class KdCheck implements CardChecker {
    static final String SIGNATURE = "public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, "
            + "SDVariable teacherLogits, double T)";
    private static final int N = 6;
    private static final int K = 10;

    static Method method(StudentCode code) throws StudentCode.StudentException {
        return code.method("distillationLoss", SIGNATURE, SameDiff.class, SDVariable.class, SDVariable.class,
                double.class);
    }

    @Override
    public Outcome check(StudentCode code) throws StudentCode.StudentException {
        Method m = method(code);
        Outcome out = new Outcome();
        Random rng = new Random(20261122);
        for (double t : new double[]{4, 2}) {
            LossCase c = kdCase("distillation loss, T = " + (int) t, t, rng);
            boolean ok = c.run((sd, in) -> (SDVariable) StudentCode.call(m, sd, in.get("studentLogits"),
                    in.get("teacherLogits"), t), out);
            if (!ok) {
                break;
            }
        }
        return out;
    }

    private static LossCase kdCase(String name, double t, Random rng) {
        return new LossCase(name).factor("T", t).factor("T²", t * t).factor("N (the batch size)", N)
                .input("studentLogits", Tensor.normal(rng, 3, N, K), true)
                .input("teacherLogits", Tensor.normal(rng, 4, N, K), false)
                .reference(Formula.scalar(in -> Formulas.kd(in.get("studentLogits"), in.get("teacherLogits"), K, t)))
                .equivalent("you computed KL(p_t ‖ p_s)·T²: the same gradient as the tutorial's cross-entropy form, "
                        + "its value lower by the teacher's entropy (a constant for the student); accepted",
                        v(t, t, true, t * t, true, true))
                .mistake("softmax-not-log", v(t, t, false, t * t, true, false))
                .mistake("temperature-one-side", v(t, 1, true, t * t, true, false))
                .mistake("temperature-one-side", v(1, t, true, t * t, true, false))
                .mistake("missing-t2", v(t, t, true, 1, true, false))
                .mistake("sum-not-mean", v(t, t, true, t * t, false, false));
    }

    private static Formula v(double ts, double tt, boolean log, double scale, boolean mean, boolean kl) {
        return Formula.scalar(in -> Formulas.kdVariant(in.get("studentLogits"), in.get("teacherLogits"), K, ts, tt,
                log, scale, mean, kl));
    }
}
