package org.transferlab.transfer;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Cross-entropy of one-hot labels y and logits z, averaged over the batch:
 * {@code CE = −(1/N) Σ_n Σ_i y[n,i] · log_softmax(z[n])_i}.
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    public static SDVariable build(String name, SDVariable logits, SDVariable oneHotLabels) {
        SDVariable perSample = oneHotLabels.mul(SoftmaxOps.logSoftmax(logits)).sum(true, 1);
        return perSample.mean(true, 0).neg().rename(name);
    }
}
