package org.transferlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code y = x·W + b} with W [in, out] and b [1, out], on OpenBLAS matrix products. */
public final class Dense extends NamedLayer {
    private final Parameter weights;
    private final Parameter bias;
    private INDArray input;
    private INDArray output;
    private INDArray gradInput;

    public Dense(String name, INDArray weights, INDArray bias) {
        super(name);
        this.weights = Parameter.of(name + "/W", weights);
        this.bias = Parameter.of(name + "/b", bias);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        output = Floats.like(output, x.size(0), weights.value().size(1));
        Nd4j.gemm(x, weights.value(), output, false, false, 1.0, 0.0);
        output.addiRowVector(bias.value());
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        Nd4j.gemm(input, gradOut, weights.grad(), true, false, 1.0, 0.0);
        bias.grad().assign(gradOut.sum(true, 0));
        gradInput = Floats.like(gradInput, input.shape());
        Nd4j.gemm(gradOut, weights.value(), gradInput, false, true, 1.0, 0.0);
        return gradInput;
    }

    @Override
    public void release() {
        input = null;
        output = null;
        gradInput = null;
    }
}
