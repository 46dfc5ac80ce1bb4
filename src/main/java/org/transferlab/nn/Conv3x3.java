package org.transferlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.nn.dnnl.DirectConv;

/**
 * 3×3 convolution, stride 1, zero padding 1 ("same"), with bias, on NCHW tensors; weights [3, 3, in, out].
 * Forward and backward are libnd4j's {@code conv2d} and {@code conv2d_bp} (oneDNN on the CPU), or, where the
 * oneDNN preset's natives load, oneDNN's primitives called directly ({@link DirectConv}; off with
 * {@code -Dtransferlab.dnnl=false}; docs/onednn-direct.md).
 */
public final class Conv3x3 extends NamedLayer {
    /** kH, kW, sH, sW, pH, pW, dH, dW, same-mode, NCHW, weights [kH, kW, in, out]. */
    private static final int[] ARGS = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0};

    private final Parameter weights;
    private final Parameter bias;
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;
    // oneDNN called directly (docs/onednn-direct.md); null: libnd4j's conv2d / conv2d_bp
    private final DirectConv direct = DirectConv.create();
    private boolean inputGradient = true;

    public Conv3x3(String name, INDArray weights, INDArray bias) {
        super(name);
        this.weights = Parameter.of(name + "/W", weights);
        this.bias = Parameter.of(name + "/b", bias);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        output = Floats.like(output, x.size(0), weights.value().size(3), x.size(2), x.size(3));
        if (direct != null && direct.forward(x, weights.value(), bias.value(), output)) {
            return output;
        }
        NativeOps.exec("conv2d", new INDArray[]{x, weights.value(), bias.value()}, new INDArray[]{output}, ARGS);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (inputGradient || direct == null) {
            gradInput = Floats.like(gradInput, input.shape());
        }
        if (direct == null || !direct.backward(input, weights.value(), gradOut, inputGradient ? gradInput : null,
                weights.grad(), bias.grad())) {
            gradInput = Floats.like(gradInput, input.shape());
            NativeOps.exec("conv2d_bp", new INDArray[]{input, weights.value(), bias.value(), gradOut},
                    new INDArray[]{gradInput, weights.grad(), bias.grad()}, ARGS);
        }
        return inputGradient ? gradInput : null;
    }

    /**
     * Whether {@link #backward} computes the gradient with respect to the input (default true); false for a
     * network's first layer, whose input gradient nobody reads: backward then returns null (and the oneDNN path
     * skips that convolution).
     */
    public Conv3x3 inputGradient(boolean needed) {
        inputGradient = needed;
        return this;
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
        if (direct != null) {
            direct.release();
        }
    }
}
