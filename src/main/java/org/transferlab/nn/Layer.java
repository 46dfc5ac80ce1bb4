package org.transferlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a network. {@link #backward} must follow the {@link #forward} whose input it differentiates
 * (training pass); it writes its parameters' gradients and returns the gradient with respect to that input.
 */
public interface Layer {

    String name();

    INDArray forward(INDArray x, Pass pass);

    INDArray backward(INDArray gradOut);

    /**
     * Drops the buffers kept for the backward pass and for reuse (after evaluating on large batches, so
     * they do not stay resident while training on small ones).
     */
    default void release() {
    }

    default List<Parameter> parameters() {
        return List.of();
    }
}
