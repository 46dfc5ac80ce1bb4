package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** 2×2 max pooling with stride 2 on NCHW tensors (libnd4j's {@code maxpool2d} and {@code maxpool2d_bp}). */
public final class MaxPool2 extends NamedLayer {
    /** kH, kW, sH, sW, pH, pW, dH, dW, same-mode, unused, NCHW. */
    private static final int[] ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0};

    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    public MaxPool2(String name) {
        super(name);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        output = Floats.like(output, x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2);
        NativeOps.exec("maxpool2d", new INDArray[]{x}, new INDArray[]{output}, ARGS);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        gradInput = Floats.like(gradInput, input.shape());
        NativeOps.exec("maxpool2d_bp", new INDArray[]{input, gradOut}, new INDArray[]{gradInput}, ARGS);
        return gradInput;
    }

    @Override
    public void release() {
        input = null;
        output = null;
        gradInput = null;
    }
}
