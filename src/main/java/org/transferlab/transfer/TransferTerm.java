package org.transferlab.transfer;

import java.util.List;

/**
 * One way a student learns from a teacher, added to the student's loss: a configured instance of a
 * {@link TransferMethod}, built by the method's factory from its settings. Methods are registered in
 * {@link TransferMethods}.
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

    /**
     * The term's own trainable arrays (e.g. a regressor), created in {@link #validate}; the engine trains,
     * checkpoints and restores them with the network's parameters. Most terms have none.
     */
    default List<MethodParameter> parameters() {
        return List.of();
    }

    /**
     * Arrays the term keeps that are not trained (e.g. CRD's memory banks): held in checkpoints and restored on
     * resume like {@link #parameters}, but not given to the optimiser. The term may bring them up to date when
     * asked (the engine asks before writing a checkpoint). Most terms have none.
     */
    default List<MethodParameter> buffers() {
        return List.of();
    }

    /**
     * How the term takes part in epoch {@code epoch} (1-based): {@link Stage#ON} as usual, {@link Stage#ALONE}
     * as the only loss (cross-entropy and every other term off: e.g. FitNets' hint stage), or {@link Stage#OFF}.
     */
    default Stage stage(int epoch) {
        return Stage.ON;
    }

    /**
     * Files the term writes into the run folder at the end of epoch {@code epoch} (1-based), by file name, as text
     * (e.g. VID's {@code vid_sigma.csv}: each teacher channel's learned σ); each replaces the previous epoch's.
     * Most terms write none.
     */
    default java.util.Map<String, String> epochFiles(int epoch) {
        return java.util.Map.of();
    }

    /** See {@link #stage}. */
    enum Stage {
        ON, ALONE, OFF
    }

    /** A named loss value and its weight in the total loss. */
    record Component(String name, double value, double weight) {
    }
}
