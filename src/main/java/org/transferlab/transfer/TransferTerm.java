package org.transferlab.transfer;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * One way a student learns from a teacher, added to the student's loss. Implementations are registered by
 * name in {@link TransferMethods}.
 *
 * <p>Call order: {@link #validate} (before anything is built), then {@link #build} once per training graph.
 */
public interface TransferTerm {

    /** Registry name, e.g. {@code kd}. */
    String id();

    /** Throws {@link IllegalArgumentException} with one line saying what to change if the settings cannot work. */
    void validate(ObjectiveContext context);

    /** The factor this term puts on the cross-entropy term (KD: 1 − α; others: 1). */
    default double crossEntropyScale() {
        return 1.0;
    }

    /**
     * Adds this term's graph and returns its named components: the first is the term's contribution to the
     * total loss (already weighted), the others are the unweighted parts charts may show.
     */
    List<NamedLoss> build(ObjectiveContext context);

    /** A named scalar in the loss graph, and how it is weighted in the total loss. */
    record NamedLoss(String name, SDVariable value, double weight) {
    }
}
