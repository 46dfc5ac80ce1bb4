package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A trainable array and the gradient the last backward pass wrote for it (same shape). */
public record Parameter(String name, INDArray value, INDArray grad) {
    public static Parameter of(String name, INDArray init) {
        return new Parameter(name, init, init.ulike().assign(0));
    }
}
