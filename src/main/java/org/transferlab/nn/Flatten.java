package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** [N, C, H, W] → [N, C·H·W], and back for the gradient. */
public final class Flatten extends NamedLayer {
    private long[] shape;

    public Flatten(String name) {
        super(name);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        shape = x.shape();
        return x.reshape('c', shape[0], x.length() / shape[0]);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        return gradOut.reshape('c', shape);
    }
}
