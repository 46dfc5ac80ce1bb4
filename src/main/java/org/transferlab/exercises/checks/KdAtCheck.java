package org.transferlab.exercises.checks;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.StudentCode;

/**
 * A1: {@code totalLoss(...)} = (1 − α)·CE + α·T²·kd + β·Σ_j at_j over two layer pairs of different sizes and
 * channel counts; checked at T = 3, α = 0.3, β = 2, p = 1 (values chosen so that every listed weighting mistake
 * gives a different number).
 */
final class KdAtCheck implements CardChecker {
    static final String SIGNATURE = "public static SDVariable totalLoss(SameDiff sd, SDVariable studentLogits, "
            + "SDVariable teacherLogits, SDVariable labels, SDVariable[] studentFeatures, SDVariable[] teacherFeatures, "
            + "double T, double alpha, double beta, double p)";
    private static final int N = 4;
    private static final int K = 10;
    private static final double T = 3;
    private static final double ALPHA = 0.3;
    private static final double BETA = 2;
    private static final double P = 1;
    /** Per pair: student channels, teacher channels, side. */
    private static final int[][] PAIRS = {{4, 6, 6}, {5, 7, 3}};

    static Method method(StudentCode code) throws StudentCode.StudentException {
        return code.method("totalLoss", SIGNATURE, SameDiff.class, SDVariable.class, SDVariable.class,
                SDVariable.class, SDVariable[].class, SDVariable[].class, double.class, double.class, double.class,
                double.class);
    }

    @Override
    public Outcome check(StudentCode code) throws StudentCode.StudentException {
        Method m = method(code);
        Random rng = new Random(7);
        double[] oneHot = new double[N * K];
        for (int s = 0; s < N; s++) {
            oneHot[s * K + rng.nextInt(K)] = 1;
        }
        LossCase c = new LossCase("total loss (T = 3, α = 0.3, β = 2)").factor("T²", T * T).factor("α", ALPHA)
                .input("studentLogits", Tensor.normal(rng, 3, N, K), true)
                .input("teacherLogits", Tensor.normal(rng, 4, N, K), false)
                .input("labels", Tensor.of(oneHot, N, K), false);
        for (int j = 0; j < PAIRS.length; j++) {
            int[] pr = PAIRS[j];
            c.input("studentFeatures" + (j + 1), Tensor.normal(rng, 1, N, pr[0], pr[2], pr[2]), true);
            c.input("teacherFeatures" + (j + 1), Tensor.normal(rng, 1, N, pr[1], pr[2], pr[2]), false);
        }
        c.reference(total(1 - ALPHA, ALPHA * T * T, BETA, false))
                .mistake("ce-not-scaled", total(1, ALPHA * T * T, BETA, false))
                .mistake("missing-t2", total(1 - ALPHA, ALPHA, BETA, false))
                .mistake("kd-not-weighted", total(1 - ALPHA, T * T, BETA, false))
                .mistake("at-mean-over-pairs", total(1 - ALPHA, ALPHA * T * T, BETA, true));
        Outcome out = new Outcome();
        c.run((sd, in) -> (SDVariable) StudentCode.call(m, sd, in.get("studentLogits"), in.get("teacherLogits"),
                in.get("labels"), new SDVariable[]{in.get("studentFeatures1"), in.get("studentFeatures2")},
                new SDVariable[]{in.get("teacherFeatures1"), in.get("teacherFeatures2")}, T, ALPHA, BETA, P), out);
        return out;
    }

    private static Formula total(double ceWeight, double kdWeight, double beta, boolean meanOverPairs) {
        return Formula.scalar(in -> {
            double ce = Formulas.crossEntropy(in.get("studentLogits"), in.get("labels"), K);
            double kd = Formulas.kd(in.get("studentLogits"), in.get("teacherLogits"), K, T) / (T * T);
            double at = 0;
            for (int j = 0; j < PAIRS.length; j++) {
                at += at(in, j);
            }
            return ceWeight * ce + kdWeight * kd + beta * (meanOverPairs ? at / PAIRS.length : at);
        });
    }

    private static double at(Map<String, double[]> in, int j) {
        int[] pr = PAIRS[j];
        return Formulas.at(in.get("studentFeatures" + (j + 1)), pr[0], in.get("teacherFeatures" + (j + 1)), pr[1],
                N, pr[2], pr[2], P);
    }
}
