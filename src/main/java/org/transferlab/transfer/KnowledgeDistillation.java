package org.transferlab.transfer;

import java.util.List;

/**
 * Knowledge distillation (Hinton, Vinyals and Dean, 2015), in the tutorial's form.
 *
 * <pre>
 *   p_t  = softmax(l_t / T)            teacher, no gradient
 *   lp_s = log_softmax(l_s / T)        student
 *   kd   = (1/N) Σ_n ( − Σ_i p_t[n,i] · lp_s[n,i] )
 *   L    = (1 − α)·CE(y, l_s) + α·T²·kd
 * </pre>
 *
 * with gradient {@code ∂kd/∂l_s[n,i] = (softmax(l_s[n]/T)_i − p_t[n,i]) / (N·T)}.
 * The T² factor keeps the soft term's gradient independent of T (its gradient scales as 1/T²).
 * kd differs from KL(p_t ‖ p_s) by the teacher's entropy, a constant for the student.
 * Defaults in the app: T = 4, α = 0.5.
 */
public final class KnowledgeDistillation implements TransferTerm {
    /** The method as the registry lists it. */
    public static final TransferMethod METHOD = new TransferMethod("kd", "Knowledge distillation (KD)",
            "Hinton, Vinyals and Dean, NIPS Deep Learning Workshop 2015",
            "L = (1-\\alpha)\\,\\mathrm{CE}(y, \\sigma(l_s)) + \\alpha T^2 \\cdot \\frac{1}{N}\\sum_n "
                    + "-\\sum_i \\sigma(l_t/T)_i \\log \\sigma(l_s/T)_i",
            "the student matches the teacher's temperature-softened class probabilities",
            java.util.List.of(
                    Setting.number("temperature", "Temperature T",
                            "softens both distributions; higher T shows more of the teacher's small probabilities",
                            4.0, 0.05, 100).withSlider(1, 20),
                    Setting.number("alpha", "α (weight of KD)",
                            "the share of the soft term: (1 − α)·CE + α·T²·kd", 0.5, 0, 1).withSlider(0, 1)),
            java.util.List.of(new TransferMethod.Component("kd", "KD", true)),
            java.util.List.of("teacher logits", "student logits"),
            java.util.List.of(TransferMethod.source(KnowledgeDistillation.class), TransferMethod.source(Softmax.class)),
            v -> new KnowledgeDistillation(v.number("temperature"), v.number("alpha")));

    private final double temperature;
    private final double alpha;

    public KnowledgeDistillation(double temperature, double alpha) {
        this.temperature = temperature;
        this.alpha = alpha;
    }

    @Override
    public String id() {
        return "kd";
    }

    public double temperature() {
        return temperature;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("kd.temperature must be > 0 (typically 1 to 20), got " + temperature);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("kd.alpha must be between 0 and 1, got " + alpha);
        }
        context.useTeacherLogits();
    }

    @Override
    public double crossEntropyScale() {
        return 1 - alpha;
    }

    /** The weight of kd in the total loss: α·T². */
    public double weight() {
        return alpha * temperature * temperature;
    }

    @Override
    public java.util.Map<String, Double> componentWeights() {
        return java.util.Map.of("loss/kd", weight());
    }

    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        double kd = term(in.studentLogits(), in.teacherLogits(), in.classes(), temperature, weight(),
                gradients.logits());
        return List.of(new Component("loss/kd", kd, weight()));
    }

    /**
     * The unweighted kd term above for row-major logits [N·K]; adds {@code weight·∂kd/∂l_s} to {@code grad}
     * (pass null to skip the gradient).
     */
    public static double term(double[] student, double[] teacher, int classes, double t, double weight,
                              double[] grad) {
        int n = student.length / classes;
        double[] pt = new double[classes];
        double[] qs = new double[classes];
        double sum = 0;
        for (int s = 0; s < n; s++) {
            int o = s * classes;
            Softmax.into(teacher, o, classes, t, pt);
            double lse = Softmax.into(student, o, classes, t, qs);
            for (int i = 0; i < classes; i++) {
                sum -= pt[i] * (student[o + i] / t - lse);
                if (grad != null) {
                    grad[o + i] += weight * (qs[i] - pt[i]) / (n * t);
                }
            }
        }
        return sum / n;
    }
}
