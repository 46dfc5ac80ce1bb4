package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferlab.models.Architecture;

/**
 * A student's training loss: cross-entropy plus the chosen transfer terms,
 * {@code total = (Π_terms ceScale)·CE + Σ_terms weight·term}. E.g. KD+AT:
 * {@code (1 − α)·CE + α·T²·kd + β·Σ_j at_j}. Evaluated once per batch, with its gradient with respect to
 * the student's logits and features (and, for terms with parameters of their own, those parameters).
 *
 * <p>A term may ask to be the only loss in some epochs ({@link TransferTerm.Stage#ALONE}: FitNets' hint
 * stage) or to sit some out ({@link TransferTerm.Stage#OFF}); {@link #atEpoch} says which epoch it is.
 */
public final class Objective {
    public static final String CE = "loss/ce";
    public static final String TOTAL = "loss/total";

    private final List<TransferTerm> terms;
    private final ObjectiveContext context;
    private final double crossEntropyWeight;
    private int epoch = 1;

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
        return build(new ObjectiveContext(student, teacher), terms);
    }

    public static Objective build(ObjectiveContext ctx, List<TransferTerm> terms) {
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

    /** Every term's own trainable arrays, in term order. */
    public List<MethodParameter> parameters() {
        List<MethodParameter> out = new ArrayList<>();
        terms.forEach(t -> out.addAll(t.parameters()));
        return out;
    }

    /** Every term's untrained checkpointed arrays ({@link TransferTerm#buffers}), in term order. */
    public List<MethodParameter> buffers() {
        List<MethodParameter> out = new ArrayList<>();
        terms.forEach(t -> out.addAll(t.buffers()));
        return out;
    }

    /** Sets the epoch (1-based) the next evaluations belong to. */
    public void atEpoch(int e) {
        this.epoch = e;
    }

    /** Every loss component's name with its weight in the total, CE first (values from {@link #evaluate}). */
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(CE, crossEntropyWeight);
        terms.forEach(t -> m.putAll(t.componentWeights()));
        return m;
    }

    /** The term that is the only loss this epoch, or null. */
    private TransferTerm alone() {
        for (TransferTerm t : terms) {
            if (t.stage(epoch) == TransferTerm.Stage.ALONE) {
                return t;
            }
        }
        return null;
    }

    private boolean active(TransferTerm t, TransferTerm alone) {
        return alone == null ? t.stage(epoch) != TransferTerm.Stage.OFF : t == alone;
    }

    /**
     * Each term's weighted gradient on its own (CE under {@link #CE}, then each transfer term under the name of
     * its main component), for measuring which term drives learning; they sum to {@link #evaluate}'s.
     */
    public Map<String, LossGradients> gradientsByTerm(LossInputs in) {
        Map<String, LossGradients> out = new LinkedHashMap<>();
        TransferTerm alone = alone();
        LossGradients ce = new LossGradients(in.studentLogits().length);
        CrossEntropy.evaluate(in.studentLogits(), in.labels(), in.classes(), alone == null ? crossEntropyWeight : 0,
                ce.logits());
        out.put(CE, ce);
        for (TransferTerm t : terms) {
            if (active(t, alone)) {
                LossGradients g = new LossGradients(in.studentLogits().length);
                List<TransferTerm.Component> parts = t.evaluate(in, g);
                out.put(parts.get(0).name(), g);
            }
        }
        return out;
    }

    /**
     * The loss of one batch. Components of terms that sit this epoch out are absent; cross-entropy is always
     * reported (its weight is 0 while a term trains alone).
     */
    public Result evaluate(LossInputs in) {
        LossGradients g = new LossGradients(in.studentLogits().length);
        Map<String, Double> values = new LinkedHashMap<>();
        TransferTerm alone = alone();
        double ceWeight = alone == null ? crossEntropyWeight : 0;
        double ce = CrossEntropy.evaluate(in.studentLogits(), in.labels(), in.classes(), ceWeight, g.logits());
        values.put(CE, ce);
        double total = ceWeight * ce;
        for (TransferTerm t : terms) {
            if (!active(t, alone)) {
                for (MethodParameter p : t.parameters()) {
                    java.util.Arrays.fill(p.grad(), 0f);
                }
                continue;
            }
            List<TransferTerm.Component> parts = t.evaluate(in, g);
            total += parts.get(0).weight() * parts.get(0).value();
            parts.forEach(c -> values.put(c.name(), c.value()));
        }
        return new Result(values, total, g);
    }
}
