package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
 * the mask drawn from the pass's random source; in evaluation the identity.
 */
public final class Dropout extends NamedLayer {
    private final double rate;
    private float[] mask;
    private float[] v;
    private INDArray output;
    private INDArray gradInput;

    public Dropout(String name, double rate) {
        super(name);
        this.rate = rate;
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        if (!pass.training()) {
            mask = null;
            return x;
        }
        v = Floats.read(x, v);
        mask = mask != null && mask.length == v.length ? mask : new float[v.length];
        float keep = (float) (1 - rate);
        for (int i = 0; i < v.length; i++) {
            mask[i] = pass.rng().nextFloat() < keep ? 1f / keep : 0f;
            v[i] *= mask[i];
        }
        output = Floats.like(output, x.shape());
        Floats.write(output, v);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (mask == null) {
            return gradOut;
        }
        v = Floats.read(gradOut, v);
        for (int i = 0; i < v.length; i++) {
            v[i] *= mask[i];
        }
        gradInput = Floats.like(gradInput, gradOut.shape());
        Floats.write(gradInput, v);
        return gradInput;
    }

    @Override
    public void release() {
        mask = null;
        v = null;
        output = null;
        gradInput = null;
    }
}
