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
 * kd is a cross-entropy H(p_t, p_s) = KL(p_t ‖ p_s) + H(p_t): the KL divergence plus the teacher's entropy, a
 * constant for the student (no gradient), which at T = 4 is most of kd. Besides kd itself the term reports the
 * two as parts, {@code loss/kd/kl} and {@code loss/kd/entropy} (each weighted α·T² like kd, the two adding up to
 * kd), so the loss anatomy can stack the part that moves and state the constant apart; the loss and its gradient
 * are kd's.
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
            java.util.List.of(new TransferMethod.Component("kd", "KD", true),
                    new TransferMethod.Component("kd/kl", "KD: KL(pₜ‖pₛ)", false),
                    new TransferMethod.Component("kd/entropy", "KD: teacher entropy H(pₜ)", false, true)),
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
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("loss/kd", weight());
        m.put("loss/kd/kl", weight());
        m.put("loss/kd/entropy", weight());
        return m;
    }

    /** kd (with its gradient), then its parts KL(p_t ‖ p_s) = kd − H(p_t) and H(p_t), which add up to kd. */
    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        double kd = term(in.studentLogits(), in.teacherLogits(), in.classes(), temperature, weight(),
                gradients.logits());
        double h = teacherEntropy(in.teacherLogits(), in.classes(), temperature);
        return List.of(new Component("loss/kd", kd, weight()), new Component("loss/kd/kl", kd - h, weight()),
                new Component("loss/kd/entropy", h, weight()));
    }

    /**
     * The teacher's entropy at temperature T, batch mean: {@code (1/N) Σ_n −Σ_i p_t[n,i]·log p_t[n,i]} for
     * row-major logits [N·K]. The part of kd that the student cannot change (it has no gradient).
     */
    public static double teacherEntropy(double[] teacher, int classes, double t) {
        int n = teacher.length / classes;
        double[] pt = new double[classes];
        double sum = 0;
        for (int s = 0; s < n; s++) {
            Softmax.into(teacher, s * classes, classes, t, pt);
            sum += Softmax.entropy(pt);
        }
        return n == 0 ? 0 : sum / n;
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
