package org.transferlab.transfer;

import java.util.Map;

/**
 * What a term that differentiates the student with respect to its input sees of the student on one batch (Jacobian
 * matching): the gradient of a scalar of the network's outputs with respect to the input images, and a second-order
 * contribution to the student's parameter gradients, added after the loss's own backward pass. The engine
 * implements it ({@code engine.StudentPasses}) and hands it to the terms in {@link LossInputs#student()}.
 */
public interface StudentAccess {

    /** One forward pass's outputs: logits [n·classes] and the features the terms declared, row-major. */
    record Outputs(int n, int classes, double[] logits, Map<String, LossInputs.Feature> taps) {
    }

    /**
     * A scalar S of a network's outputs, summed over the batch (e.g. each image's logit of its label): writes
     * ∂S/∂logits into {@code into.logits()} and ∂S/∂feature into {@code into.tap(name, size)}.
     */
    @FunctionalInterface
    interface Seed {
        void gradient(Outputs out, int[] labels, LossGradients into);
    }

    /** The values per image of the input (784 for 28×28 grey images). */
    int pixels();

    /**
     * ∇_X S of the batch's training pass (the one {@link LossInputs} came from, batch statistics and dropout mask
     * included), [n·pixels]. The parameter gradients it leaves behind are overwritten by the loss's backward pass.
     */
    double[] inputGradient(Seed seed);

    /**
     * Asks that, after the loss's own backward pass, {@code ∇_θ (d · ∇_X S)} be added to the student's parameter
     * gradients, by a central difference {@code (∇_θ S(X + h·d) − ∇_θ S(X − h·d)) / 2h} of two more training passes
     * (the same dropout mask, running statistics left as they were), with h chosen so that the shift h·d has a
     * root-mean-square norm of {@code epsilon} per image. A second request under the same {@code key} replaces the first.
     */
    void addDirectionalGradient(String key, Seed seed, double[] direction, double epsilon);
}
