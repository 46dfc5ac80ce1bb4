package org.transferlab.exercises.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.exercises.StudentCode;

/**
 * A student's loss built once as a SameDiff graph over input variables of fixed shapes (double precision), then
 * evaluated many times with new values: each call assigns the inputs in place, reads the outputs and the
 * gradient of the loss with respect to the chosen inputs.
 */
final class LossGraph {
    /** Builds the outputs from the inputs (the first output is the loss that is differentiated). */
    interface Builder {
        Map<String, SDVariable> build(SameDiff sd, Map<String, SDVariable> inputs) throws StudentCode.StudentException;
    }

    private final SameDiff sd = SameDiff.create();
    private final Map<String, SDVariable> inputs = new LinkedHashMap<>();
    private final Map<String, SDVariable> outputs;
    private final String[] wrt;

    LossGraph(Map<String, long[]> shapes, String[] wrt, Builder builder) throws StudentCode.StudentException {
        shapes.forEach((k, s) -> inputs.put(k, sd.var(k, Nd4j.zeros(DataType.DOUBLE, s))));
        this.outputs = builder.build(sd, inputs);
        for (var e : outputs.entrySet()) {
            if (e.getValue() == null) {
                throw new StudentCode.StudentException("your method returned null for " + e.getKey(), null);
            }
        }
        this.wrt = wrt;
        sd.setLossVariables(outputs.values().iterator().next().name());
    }

    /** The outputs' values (each one number) and the gradients, for these input values. */
    Result evaluate(Map<String, double[]> values) {
        values.forEach((k, v) -> {
            INDArray a = inputs.get(k).getArr();
            a.assign(Nd4j.create(v, a.shape(), 'c'));
        });
        Map<String, Double> out = new LinkedHashMap<>();
        var both = sd.calculateGradientsAndOutputs(Map.of(), outputs.values().stream().map(SDVariable::name).toList(),
                java.util.List.of(wrt));
        Map<String, INDArray> got = both.getOutputs();
        outputs.forEach((k, v) -> {
            INDArray a = got.get(v.name());
            if (a.length() != 1) {
                throw new IllegalStateException("your loss " + k + " has shape " + java.util.Arrays.toString(a.shape())
                        + " instead of one number");
            }
            out.put(k, a.getDouble(0));
        });
        Map<String, INDArray> g = both.getGradients();
        Map<String, double[]> grads = new LinkedHashMap<>();
        for (String k : wrt) {
            INDArray gk = g.get(k);
            grads.put(k, gk == null ? new double[(int) inputs.get(k).getArr().length()]
                    : gk.castTo(DataType.DOUBLE).data().asDouble());
        }
        return new Result(out, grads);
    }

    record Result(Map<String, Double> values, Map<String, double[]> gradients) {
    }
}
