package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code max(0, x)}; the gradient passes where the output is positive. */
public final class Relu extends NamedLayer {
    private float[] y;
    private float[] g;
    private INDArray output;
    private INDArray gradInput;
    private Kernels kernels;

    public Relu(String name) {
        super(name);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        kernels = Kernels.current();
        if (kernels == Kernels.ND4J) {
            output = Floats.like(output, x.shape());
            NativeOps.relu(x, output);
            return output;
        }
        y = Floats.read(x, y);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0f, y[i]);
        }
        output = Floats.like(output, x.shape());
        Floats.write(output, y);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (kernels == Kernels.ND4J) {
            gradInput = Floats.like(gradInput, gradOut.shape());
            NativeOps.reluMask(output, gradOut, gradInput);
            return gradInput;
        }
        g = Floats.read(gradOut, g);
        for (int i = 0; i < g.length; i++) {
            g[i] = Floats.where(y[i], g[i]);
        }
        gradInput = Floats.like(gradInput, gradOut.shape());
        Floats.write(gradInput, g);
        return gradInput;
    }

    @Override
    public void release() {
        y = null;
        g = null;
        output = null;
        gradInput = null;
    }
}
