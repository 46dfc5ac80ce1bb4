package org.transferlab.transfer;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

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
    }

    @Override
    public double crossEntropyScale() {
        return 1 - alpha;
    }

    @Override
    public List<NamedLoss> build(ObjectiveContext context) {
        SDVariable kd = term("loss/kd", context.studentLogits(), context.teacherLogits(), temperature);
        double weight = alpha * temperature * temperature;
        return List.of(new NamedLoss("loss/kd", kd, weight));
    }

    /** The unweighted kd term above, as a graph node named {@code name}. */
    public static SDVariable term(String name, SDVariable studentLogits, SDVariable teacherLogits, double t) {
        SDVariable pt = SoftmaxOps.softmax(teacherLogits.div(t));
        SDVariable lps = SoftmaxOps.logSoftmax(studentLogits.div(t));
        return pt.mul(lps).sum(true, 1).mean(true, 0).neg().rename(name);
    }
}
