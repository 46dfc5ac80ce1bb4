package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
 * the mask drawn from the pass's random source; in evaluation the identity. Under both {@link Kernels} the
 * mask is drawn in Java from that source, value by value, so a run's random stream (and with it the order of
 * later batches) does not depend on the kernels; the ND4J kernels copy it over once and multiply there.
 */
public final class Dropout extends NamedLayer {
    private final double rate;
    private float[] mask;
    private float[] v;
    private INDArray output;
    private INDArray gradInput;
    private Kernels kernels;
    private INDArray maskNd;

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
        kernels = Kernels.current();
        if (kernels == Kernels.ND4J) {
            int n = (int) x.length();
            mask = mask != null && mask.length == n ? mask : new float[n];
            float keep = (float) (1 - rate);
            for (int i = 0; i < n; i++) {
                mask[i] = pass.rng().nextFloat() < keep ? 1f / keep : 0f;
            }
            maskNd = Floats.like(maskNd, x.shape());
            Floats.write(maskNd, mask);
            output = Floats.like(output, x.shape());
            x.mul(maskNd, output);
            return output;
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
        if (kernels == Kernels.ND4J) {
            gradInput = Floats.like(gradInput, gradOut.shape());
            gradOut.mul(maskNd, gradInput);
            return gradInput;
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
        maskNd = null;
    }
}
