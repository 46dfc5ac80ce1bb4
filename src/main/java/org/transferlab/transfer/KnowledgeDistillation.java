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
            throw new IllegalArgumentException("temperature T must be > 0 (typically 1 to 20), got " + temperature);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
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
