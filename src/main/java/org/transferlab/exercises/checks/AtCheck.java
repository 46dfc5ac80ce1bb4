package org.transferlab.exercises.checks;

import java.lang.reflect.Method;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.StudentCode;
import org.transferlab.exercises.checks.Formulas.Distance;
import org.transferlab.exercises.checks.Formulas.Norm;

/**
 * Q3: {@code attentionMap(sd, features, p)} (checked at p = 1 and p = 2 on signed features, so a missing |·|
 * or ^p shows) and {@code atLoss(sd, studentFeatures, teacherFeatures, p)}, the batch mean of the L2 distance
 * between the normalised maps; student and teacher have different channel counts.
 */
final class AtCheck implements CardChecker {
    static final String MAP = "public static SDVariable attentionMap(SameDiff sd, SDVariable features, double p)";
    static final String LOSS = "public static SDVariable atLoss(SameDiff sd, SDVariable studentFeatures, "
            + "SDVariable teacherFeatures, double p)";
    private static final int N = 3;
    private static final int H = 5;
    private static final int W = 5;

    static Method loss(StudentCode code) throws StudentCode.StudentException {
        return code.method("atLoss", LOSS, SameDiff.class, SDVariable.class, SDVariable.class, double.class);
    }

    @Override
    public Outcome check(StudentCode code) throws StudentCode.StudentException {
        Method map = code.method("attentionMap", MAP, SameDiff.class, SDVariable.class, double.class);
        Method loss = loss(code);
        Outcome out = new Outcome();
        Random rng = new Random(31);
        for (double p : new double[]{1, 2}) {
            int c = 4;
            LossCase mc = new LossCase("attention map, p = " + (int) p)
                    .input("features", Tensor.normal(rng, 1, N, c, H, W), true)
                    .output(N, H * W)
                    .reference(in -> Formulas.map(in.get("features"), N, c, H, W, p))
                    .mistake("no-abs", in -> Formulas.mapVariant(in.get("features"), N, c, H, W, p, false, true, Norm.PER_SAMPLE))
                    .mistake("no-power", in -> Formulas.mapVariant(in.get("features"), N, c, H, W, p, true, false, Norm.PER_SAMPLE))
                    .mistake("wrong-axis", in -> Formulas.mapVariant(in.get("features"), N, c, H, W, p, true, true, Norm.OVER_BATCH))
                    .mistake("wrong-axis", in -> Formulas.mapVariant(in.get("features"), N, c, H, W, p, true, true, Norm.WHOLE_TENSOR))
                    .mistake("no-normalise", in -> Formulas.mapVariant(in.get("features"), N, c, H, W, p, true, true, Norm.NONE));
            if (!mc.run((sd, in) -> (SDVariable) StudentCode.call(map, sd, in.get("features"), p), out)) {
                return out;
            }
        }
        double p = 1;
        int cs = 4;
        int ct = 6;
        LossCase lc = new LossCase("AT loss, p = 1").factor("N (the batch size)", N)
                .input("studentFeatures", Tensor.normal(rng, 1, N, cs, H, W), true)
                .input("teacherFeatures", Tensor.normal(rng, 1, N, ct, H, W), false)
                .reference(Formula.scalar(in -> Formulas.at(in.get("studentFeatures"), cs, in.get("teacherFeatures"), ct, N, H, W, p)));
        for (Distance d : new Distance[]{Distance.SQUARED_MEAN, Distance.L2_SUM, Distance.ELEMENT_MEAN_SQUARED}) {
            lc.mistake(switch (d) {
                case SQUARED_MEAN -> "squared-distance";
                case L2_SUM -> "sum-not-mean";
                default -> "paper-form";
            }, Formula.scalar(in -> Formulas.atVariant(in.get("studentFeatures"), cs, in.get("teacherFeatures"), ct,
                    N, H, W, p, d)));
        }
        lc.run((sd, in) -> (SDVariable) StudentCode.call(loss, sd, in.get("studentFeatures"),
                in.get("teacherFeatures"), p), out);
        return out;
    }
}
