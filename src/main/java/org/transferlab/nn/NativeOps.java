package org.transferlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Calls one of libnd4j's native ops by name, writing into the given output arrays. */
final class NativeOps {
    private NativeOps() {
    }

    static void exec(String op, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        DynamicCustomOp o = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(intArgs).build();
        Nd4j.exec(o);
    }
}
