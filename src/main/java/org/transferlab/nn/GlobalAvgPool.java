package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/** Mean over the spatial positions: [N, C, H, W] → [N, C]; its gradient spreads evenly back. */
public final class GlobalAvgPool extends NamedLayer {
    private long[] shape;
    private float[] in;
    private float[] out;
    private INDArray output;
    private INDArray gradInput;
    private Kernels kernels;

    public GlobalAvgPool(String name) {
        super(name);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        shape = x.shape();
        kernels = Kernels.current();
        if (kernels == Kernels.ND4J) {
            output = Floats.like(output, shape[0], shape[1]);
            x.mean(output, 2, 3);
            return output;
        }
        int planes = (int) (shape[0] * shape[1]);
        int hw = (int) (shape[2] * shape[3]);
        in = Floats.read(x, in);
        out = out != null && out.length == planes ? out : new float[planes];
        for (int p = 0; p < planes; p++) {
            float s = 0;
            for (int j = p * hw; j < (p + 1) * hw; j++) {
                s += in[j];
            }
            out[p] = s / hw;
        }
        output = Floats.like(output, shape[0], shape[1]);
        Floats.write(output, out);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (kernels == Kernels.ND4J) {
            // every position of a plane gets the plane's gradient / (H·W)
            gradInput = Floats.like(gradInput, shape);
            gradInput.assign(0);
            Nd4j.getExecutioner().exec(new BroadcastAddOp(gradInput, gradOut.div(shape[2] * shape[3]), gradInput, 0, 1));
            return gradInput;
        }
        int planes = (int) (shape[0] * shape[1]);
        int hw = (int) (shape[2] * shape[3]);
        float[] g = Floats.read(gradOut, out);
        for (int p = 0; p < planes; p++) {
            float v = g[p] / hw;
            for (int j = p * hw; j < (p + 1) * hw; j++) {
                in[j] = v;
            }
        }
        gradInput = Floats.like(gradInput, shape);
        Floats.write(gradInput, in);
        return gradInput;
    }

    @Override
    public void release() {
        in = null;
        out = null;
        output = null;
        gradInput = null;
    }
}
