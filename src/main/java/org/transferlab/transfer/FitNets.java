package org.transferlab.transfer;

import java.util.List;
import java.util.Map;

/**
 * FitNets hint learning (Romero, Ballas, Kahou, Chassang, Gatta and Bengio, ICLR 2015): the student's
 * <em>guided</em> feature, mapped by a trainable 1×1-convolution regressor r to the teacher's channel count,
 * learns to predict the teacher's <em>hint</em> feature:
 * <pre>
 *   L_hint = ½ · mean_{n,c,h,w} ( r(S_guided)[n,c,h,w] − T_hint[n,c,h,w] )²      (see {@link HintRegression})
 *   joint:     L = CE + λ·L_hint
 *   two-stage: epochs 1..E₁: L = L_hint alone (trains the student up to the guided point, and r);
 *              later epochs: the other methods chosen (the paper: KD) with CE, no hint
 * </pre>
 * If the two features' sizes differ, the larger is average-pooled to the smaller (an integer ratio is
 * required). The regressor's weights start as PyTorch's convolution defaults (uniform ±1/√C_s), drawn from the
 * run's seed, and are trained, checkpointed and restored with the network. Defaults: student {@code group2} ←
 * teacher {@code group2}, λ = 1, joint.
 */
public final class FitNets implements TransferTerm {
    /** The method as the registry lists it. */
    public static final TransferMethod METHOD = new TransferMethod("fitnets", "FitNets hints",
            "Romero, Ballas, Kahou, Chassang, Gatta and Bengio, ICLR 2015",
            "\\mathcal{L}_{hint} = \\tfrac{1}{2}\\,\\mathrm{mean}\\big(r(S_{guided}) - T_{hint}\\big)^2,"
                    + "\\quad r = \\text{1×1 conv};\\quad \\mathcal{L} = \\mathrm{CE} + \\lambda\\,\\mathcal{L}_{hint}",
            "a regressor maps the student's guided feature to the teacher's hint feature, and the student learns "
                    + "to make that prediction right",
            List.of(
                    Setting.studentPoint("student_point", "guided (student)",
                            "the student's feature that learns to predict the hint", "group2"),
                    Setting.teacherPoint("teacher_point", "hint (teacher)",
                            "the teacher's feature to be predicted", "group2"),
                    Setting.number("weight", "λ (hint weight)", "the hint's weight in the total loss",
                            1.0, 0, 1e4),
                    Setting.choice("schedule", "schedule",
                            "joint: CE + λ·hint throughout; two-stage: the hint alone for the first epochs, then "
                                    + "the other methods (the paper: KD) without it", "joint",
                            List.of("joint", "two-stage")),
                    Setting.integer("stage1_epochs", "hint-only epochs",
                            "two-stage: how many epochs train on the hint alone", 10, 1, 10000)),
            List.of(new TransferMethod.Component("hint", "FitNets hint", true)),
            List.of("teacher feature at the hint point", "student feature at the guided point"),
            List.of(TransferMethod.source(FitNets.class), TransferMethod.source(HintRegression.class)),
            v -> new FitNets(v.text("student_point"), v.text("teacher_point"), v.number("weight"),
                    v.text("schedule").equals("two-stage"), v.integer("stage1_epochs")));

    private final String studentPoint;
    private final String teacherPoint;
    private final double weight;
    private final boolean twoStage;
    private final int stage1Epochs;
    private int[] studentShape;
    private int[] teacherShape;
    private MethodParameter regressorW;
    private MethodParameter regressorB;

    public FitNets(String studentPoint, String teacherPoint, double weight, boolean twoStage, int stage1Epochs) {
        this.studentPoint = studentPoint;
        this.teacherPoint = teacherPoint;
        this.weight = weight;
        this.twoStage = twoStage;
        this.stage1Epochs = stage1Epochs;
    }

    @Override
    public String id() {
        return "fitnets";
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("fitnets.weight must be >= 0, got " + weight);
        }
        studentShape = context.studentFeature("fitnets.student_point", studentPoint);
        teacherShape = context.teacherFeature("fitnets.teacher_point", teacherPoint);
        int[] s = studentShape;
        int[] t = teacherShape;
        if (Math.max(s[1], t[1]) % Math.min(s[1], t[1]) != 0 || Math.max(s[2], t[2]) % Math.min(s[2], t[2]) != 0
                || (s[1] - t[1]) * (s[2] - t[2]) < 0) {
            throw new IllegalArgumentException("fitnets: the student's " + studentPoint + " (" + s[1] + "x" + s[2]
                    + ") and the teacher's " + teacherPoint + " (" + t[1] + "x" + t[2] + ") cannot be pooled to a "
                    + "common size; choose points whose sizes divide each other");
        }
        context.useFeatures(studentPoint, teacherPoint);
        double[][] init = HintRegression.initialRegressor(s[0], t[0], context.random());
        regressorW = MethodParameter.of("fitnets/regressor/W", init[0], t[0], s[0]);
        regressorB = MethodParameter.of("fitnets/regressor/b", init[1], t[0]);
    }

    @Override
    public List<MethodParameter> parameters() {
        return regressorW == null ? List.of() : List.of(regressorW, regressorB);
    }

    @Override
    public Stage stage(int epoch) {
        if (!twoStage) {
            return Stage.ON;
        }
        return epoch <= stage1Epochs ? Stage.ALONE : Stage.OFF;
    }

    @Override
    public Map<String, Double> componentWeights() {
        return Map.of("loss/hint", weight);
    }

    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        LossInputs.Feature s = in.studentTaps().get(studentPoint);
        LossInputs.Feature t = in.teacherTaps().get(teacherPoint);
        int h = Math.min(s.height(), t.height());
        int w = Math.min(s.width(), t.width());
        double[] target = t.height() == h && t.width() == w ? t.values()
                : HintRegression.pool(t.values(), in.n(), t.channels(), t.height(), t.width(), h, w);
        double[] gw = new double[regressorW.value().length];
        double[] gb = new double[regressorB.value().length];
        double loss = HintRegression.hint(s, target, t.channels(), h, w, regressorW.values(), regressorB.values(),
                weight, gradients.tap(studentPoint, s.values().length), gw, gb);
        regressorW.setGradient(gw);
        regressorB.setGradient(gb);
        return List.of(new Component("loss/hint", loss, weight));
    }
}
