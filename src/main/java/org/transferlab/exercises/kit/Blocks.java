package org.transferlab.exercises.kit;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The layers of part 2's trunk and heads as SameDiff ops on NCHW tensors, with the engine's conventions:
 * convolution weights [3, 3, in, out] and bias [out]; batch norm over the batch's own statistics (training
 * mode, biased variance, ε = 1e-5) with γ, β of shape [1, C, 1, 1]; dense weights [in, out], bias [1, out].
 */
public final class Blocks {
    public static final double BN_EPSILON = 1e-5;

    private Blocks() {
    }

    /** 3×3 convolution, stride 1, zero padding 1: [N, in, H, W] → [N, out, H, W]. */
    public static SDVariable conv3x3(SameDiff sd, SDVariable x, SDVariable weights, SDVariable bias) {
        Conv2DConfig c = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn().conv2d(x, weights, bias, c);
    }

    /** Batch norm with the batch's mean and variance per channel, then scale γ and shift β. */
    public static SDVariable batchNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta) {
        SDVariable mean = x.mean(true, 0, 2, 3);
        SDVariable centred = x.sub(mean);
        SDVariable var = centred.mul(centred).mean(true, 0, 2, 3);
        return centred.div(sd.math().sqrt(var.add(BN_EPSILON))).mul(gamma).add(beta);
    }

    public static SDVariable relu(SameDiff sd, SDVariable x) {
        return sd.nn().relu(x, 0);
    }

    /** 2×2 max pooling, stride 2: [N, C, H, W] → [N, C, H/2, W/2]. */
    public static SDVariable maxPool2(SameDiff sd, SDVariable x) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .isNHWC(false).build());
    }

    /** Mean over H and W: [N, C, H, W] → [N, C]. */
    public static SDVariable globalAvgPool(SameDiff sd, SDVariable x) {
        return sd.squeeze(sd.squeeze(x.mean(true, 2, 3), 3), 2);
    }

    /** x·W + b: [N, in] → [N, out]. */
    public static SDVariable dense(SameDiff sd, SDVariable x, SDVariable weights, SDVariable bias) {
        return x.mmul(weights).add(bias);
    }
}
