package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Calls one of libnd4j's native ops by name, writing into the given output arrays; and the few ND4J ops the
 * {@link Kernels#ND4J} kernels are built from, each writing into a given array.
 */
final class NativeOps {
    private NativeOps() {
    }

    static void exec(String op, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        DynamicCustomOp o = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(intArgs).build();
        Nd4j.exec(o);
    }

    /** z = x · v[c] for x [N, C, …] and v [C] ({@code z} may be {@code x}). */
    static void mulPerChannel(INDArray x, INDArray v, INDArray z) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, v, z, 1));
    }

    /** z = x + v[c]. */
    static void addPerChannel(INDArray x, INDArray v, INDArray z) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(x, v, z, 1));
    }

    /** z = x − v[c]. */
    static void subPerChannel(INDArray x, INDArray v, INDArray z) {
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x, v, z, 1));
    }

    /** z = max(0, x). */
    static void relu(INDArray x, INDArray z) {
        Nd4j.getExecutioner().exec(new RectifiedLinear(x, z));
    }

    /** z = g where the ReLU output y is positive, else 0. */
    static void reluMask(INDArray y, INDArray g, INDArray z) {
        Nd4j.exec(new RectifiedLinearDerivative(y, g, z));
    }
}
