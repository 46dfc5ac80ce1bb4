package org.transferlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 3×3 convolution, stride 1, zero padding 1 ("same"), with bias, on NCHW tensors; weights [3, 3, in, out].
 * Forward and backward are libnd4j's {@code conv2d} and {@code conv2d_bp} (oneDNN on the CPU).
 */
public final class Conv3x3 extends NamedLayer {
    /** kH, kW, sH, sW, pH, pW, dH, dW, same-mode, NCHW, weights [kH, kW, in, out]. */
    private static final int[] ARGS = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0};

    private final Parameter weights;
    private final Parameter bias;
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    public Conv3x3(String name, INDArray weights, INDArray bias) {
        super(name);
        this.weights = Parameter.of(name + "/W", weights);
        this.bias = Parameter.of(name + "/b", bias);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        output = Floats.like(output, x.size(0), weights.value().size(3), x.size(2), x.size(3));
        NativeOps.exec("conv2d", new INDArray[]{x, weights.value(), bias.value()}, new INDArray[]{output}, ARGS);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        gradInput = Floats.like(gradInput, input.shape());
        NativeOps.exec("conv2d_bp", new INDArray[]{input, weights.value(), bias.value(), gradOut},
                new INDArray[]{gradInput, weights.grad(), bias.grad()}, ARGS);
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public void release() {
        input = null;
        output = null;
        gradInput = null;
    }
}
