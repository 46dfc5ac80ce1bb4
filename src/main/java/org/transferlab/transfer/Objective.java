package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.transferlab.models.Architecture;
import org.transferlab.models.ModelGraph;

/**
 * A student's training loss: cross-entropy plus the chosen transfer terms,
 * {@code total = (Π_terms ceScale)·CE + Σ_terms weight·term}. E.g. KD+AT:
 * {@code (1 − α)·CE + α·T²·kd + β·Σ_j at_j}. Built into the student's graph, whose loss variable it sets.
 */
public final class Objective {
    /** Placeholder for one-hot labels [N, K]. */
    public static final String LABELS = "labels";
    public static final String CE = "loss/ce";
    public static final String TOTAL = "loss/total";

    private final List<TransferTerm> terms;
    private final ObjectiveContext context;
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private double crossEntropyWeight = 1;

    private Objective(List<TransferTerm> terms, ObjectiveContext context) {
        this.terms = terms;
        this.context = context;
    }

    /** Validates every term (throwing before anything is built), then builds the loss into {@code student}. */
    public static Objective build(ModelGraph student, Architecture teacher, List<TransferTerm> terms) {
        ObjectiveContext ctx = new ObjectiveContext(student, teacher);
        for (TransferTerm t : terms) {
            t.validate(ctx);
        }
        Objective o = new Objective(List.copyOf(terms), ctx);
        o.buildGraph(student);
        return o;
    }

    private void buildGraph(ModelGraph student) {
        var sd = student.sameDiff();
        SDVariable labels = sd.placeHolder(LABELS, student.dtype(), -1, student.numClasses());
        SDVariable ce = CrossEntropy.build(CE, student.logits(), labels);
        List<SDVariable> weighted = new ArrayList<>();
        for (TransferTerm t : terms) {
            crossEntropyWeight *= t.crossEntropyScale();
            List<TransferTerm.NamedLoss> parts = t.build(context);
            TransferTerm.NamedLoss main = parts.get(0);
            weighted.add(main.value().mul(main.weight()));
            for (TransferTerm.NamedLoss part : parts) {
                weights.put(part.name(), part.weight());
            }
        }
        SDVariable total = ce.mul(crossEntropyWeight);
        for (SDVariable w : weighted) {
            total = total.add(w);
        }
        total = sd.identity(TOTAL, total);
        weights.put(CE, crossEntropyWeight);
        sd.setLossVariables(TOTAL);
    }

    public List<TransferTerm> terms() {
        return terms;
    }

    public ObjectiveContext context() {
        return context;
    }

    /** Every loss component's graph name with its weight in the total, CE first; then the total. */
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(CE, weights.get(CE));
        weights.forEach((k, v) -> {
            if (!k.equals(CE)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Names of all scalars to fetch each step: components, then the total. */
    public List<String> outputs() {
        List<String> out = new ArrayList<>(componentWeights().keySet());
        out.add(TOTAL);
        return out;
    }
}
