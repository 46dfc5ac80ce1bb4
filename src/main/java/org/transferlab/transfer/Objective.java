package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferlab.models.Architecture;

/**
 * A student's training loss: cross-entropy plus the chosen transfer terms,
 * {@code total = (Π_terms ceScale)·CE + Σ_terms weight·term}. E.g. KD+AT:
 * {@code (1 − α)·CE + α·T²·kd + β·Σ_j at_j}. Evaluated once per batch, with its gradient with respect to
 * the student's logits and features.
 */
public final class Objective {
    public static final String CE = "loss/ce";
    public static final String TOTAL = "loss/total";

    private final List<TransferTerm> terms;
    private final ObjectiveContext context;
    private final double crossEntropyWeight;

    /** One batch's loss: every component's unweighted value (CE first), the total, and its gradients. */
    public record Result(Map<String, Double> components, double total, LossGradients gradients) {
    }

    private Objective(List<TransferTerm> terms, ObjectiveContext context) {
        this.terms = terms;
        this.context = context;
        double ce = 1;
        for (TransferTerm t : terms) {
            ce *= t.crossEntropyScale();
        }
        this.crossEntropyWeight = ce;
    }

    /** Validates every term (throwing before anything runs) and records what they read. */
    public static Objective build(Architecture student, Architecture teacher, List<TransferTerm> terms) {
        ObjectiveContext ctx = new ObjectiveContext(student, teacher);
        for (TransferTerm t : terms) {
            t.validate(ctx);
        }
        return new Objective(List.copyOf(terms), ctx);
    }

    public List<TransferTerm> terms() {
        return terms;
    }

    public ObjectiveContext context() {
        return context;
    }

    /** Every loss component's name with its weight in the total, CE first (values from {@link #evaluate}). */
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(CE, crossEntropyWeight);
        terms.forEach(t -> m.putAll(t.componentWeights()));
        return m;
    }

    /**
     * Each term's weighted gradient on its own (CE under {@link #CE}, then each transfer term under the name of
     * its main component), for measuring which term drives learning; they sum to {@link #evaluate}'s.
     */
    public Map<String, LossGradients> gradientsByTerm(LossInputs in) {
        Map<String, LossGradients> out = new LinkedHashMap<>();
        LossGradients ce = new LossGradients(in.studentLogits().length);
        CrossEntropy.evaluate(in.studentLogits(), in.labels(), in.classes(), crossEntropyWeight, ce.logits());
        out.put(CE, ce);
        for (TransferTerm t : terms) {
            LossGradients g = new LossGradients(in.studentLogits().length);
            List<TransferTerm.Component> parts = t.evaluate(in, g);
            out.put(parts.get(0).name(), g);
        }
        return out;
    }

    public Result evaluate(LossInputs in) {
        LossGradients g = new LossGradients(in.studentLogits().length);
        Map<String, Double> values = new LinkedHashMap<>();
        double ce = CrossEntropy.evaluate(in.studentLogits(), in.labels(), in.classes(), crossEntropyWeight,
                g.logits());
        values.put(CE, ce);
        double total = crossEntropyWeight * ce;
        for (TransferTerm t : terms) {
            List<TransferTerm.Component> parts = t.evaluate(in, g);
            total += parts.get(0).weight() * parts.get(0).value();
            parts.forEach(c -> values.put(c.name(), c.value()));
        }
        return new Result(values, total, g);
    }
}
