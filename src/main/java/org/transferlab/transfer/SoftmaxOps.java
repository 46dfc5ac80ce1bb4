package org.transferlab.transfer;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Numerically stable softmax and log-softmax over the class axis of [N, K] logits, written from primitive
 * ops with keep-dims reductions: {@code log_softmax(z) = z − (log Σ_j exp(z_j − m) + m)}, m = max_j z_j.
 * (SameDiff 1.0.0-M2.1's own log-softmax op and non-keep-dims reductions fail in backprop; see the README.)
 */
public final class SoftmaxOps {
    private SoftmaxOps() {
    }

    public static SDVariable logSoftmax(SDVariable z) {
        var sd = z.getSameDiff();
        SDVariable m = z.max(true, 1);
        SDVariable shifted = z.sub(m);
        SDVariable lse = sd.math().log(sd.math().exp(shifted).sum(true, 1));
        return shifted.sub(lse);
    }

    public static SDVariable softmax(SDVariable z) {
        return z.getSameDiff().math().exp(logSoftmax(z));
    }
}
