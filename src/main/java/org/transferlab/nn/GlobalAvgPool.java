package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Mean over the spatial positions: [N, C, H, W] → [N, C]; its gradient spreads evenly back. */
public final class GlobalAvgPool extends NamedLayer {
    private long[] shape;
    private float[] in;
    private float[] out;
    private INDArray output;
    private INDArray gradInput;

    public GlobalAvgPool(String name) {
        super(name);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        shape = x.shape();
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
