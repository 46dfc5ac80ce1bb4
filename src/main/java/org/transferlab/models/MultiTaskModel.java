package org.transferlab.models;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/**
 * What a part-2 training loop needs from a model with one input and one head per task: run task t forward and
 * backward, and name its parameters. {@link MultiTaskNetwork} is the engine's; exercise mode plugs in a
 * student's own model built in SameDiff.
 */
public interface MultiTaskModel {

    /** Images [N, 1, 28, 28] of task t to that task's logits [N, K]. */
    INDArray forward(int task, INDArray images, Pass pass);

    /** Back-propagates task t's loss gradient, leaving task t's gradients in its path's parameters. */
    void backward(int task, INDArray gradLogits);

    /** The parameters on task t's path. */
    List<Parameter> parameters(int task);

    /** Every trainable parameter once. */
    List<Parameter> parameters();

    /** The parameters every task shares (empty for separate networks). */
    List<Parameter> sharedParameters();

    /** The weights of the last shared layer (GradNorm's W), or null when nothing is shared. */
    Parameter lastSharedWeights();

    /** What a checkpoint holds, by name: the parameters, and running statistics where the model keeps them. */
    default java.util.Map<String, INDArray> state() {
        java.util.Map<String, INDArray> m = new java.util.LinkedHashMap<>();
        for (Parameter p : parameters()) {
            m.put(p.name(), p.value());
        }
        return m;
    }

    /** A short label such as "3 shared blocks, BN per task". */
    String describe();

    /**
     * The gradient of the last backward pass's loss with respect to the shared representation Z (the output of
     * the last shared layer), or null when the tasks share no representation (separate networks, cross-stitch).
     * MGDA-UB solves its min-norm problem on these.
     */
    default INDArray sharedRepresentationGradient() {
        return null;
    }

    long parameterCount();

    /** Frees scratch buffers between evaluations. */
    void release();

    /** Makes a model of a structure: {@code sharedBlocks} shared, BN shared or per task, the given widths. */
    interface Factory {
        MultiTaskModel create(int sharedBlocks, boolean perTaskBatchNorm, int[] widths, int[] classes, long seed);
    }
}
