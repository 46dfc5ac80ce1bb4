package org.transferlab.transfer;

import java.util.List;

/**
 * One way a student learns from a teacher, added to the student's loss. Implementations are registered by
 * name in {@link TransferMethods}.
 *
 * <p>Call order: {@link #validate} once (it throws before anything runs, and declares which teacher outputs
 * the term needs), then {@link #evaluate} once per training batch.
 */
public interface TransferTerm {

    /** Registry name, e.g. {@code kd}. */
    String id();

    /**
     * Throws {@link IllegalArgumentException} with one line saying what to change if the settings cannot work;
     * declares the teacher outputs and student features the term reads through {@code context}.
     */
    void validate(ObjectiveContext context);

    /** The factor this term puts on the cross-entropy term (KD: 1 − α; others: 1). */
    default double crossEntropyScale() {
        return 1.0;
    }

    /** The names of the components {@link #evaluate} returns, in order, with their weights in the total. */
    java.util.Map<String, Double> componentWeights();

    /**
     * This term on one batch: returns its components, the first being the term itself (unweighted, with its
     * weight in the total loss), the others unweighted parts charts may show; adds weight·∂term to
     * {@code gradients}.
     */
    List<Component> evaluate(LossInputs in, LossGradients gradients);

    /** A named loss value and its weight in the total loss. */
    record Component(String name, double value, double weight) {
    }
}
