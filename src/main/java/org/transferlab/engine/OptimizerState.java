package org.transferlab.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.CheckpointException;
import org.transferlab.transfer.MethodParameter;

/**
 * The training state every run's checkpoint holds besides the model, in one format for every chapter: Adam's
 * step count and moments ({@code adam/m/NAME}, {@code adam/v/NAME}) and the transfer methods' own parameters
 * ({@code method/NAME}). Restored exactly, a resumed run continues as if it had never stopped.
 */
public final class OptimizerState {
    private static final String STEPS = "adam_steps";

    private OptimizerState() {
    }

    /** Adds the optimiser's and the methods' state to a checkpoint's arrays and metadata. */
    public static void save(AdamOptimizer adam, List<MethodParameter> methodParameters, Map<String, INDArray> arrays,
                            Map<String, String> metadata) {
        for (MethodParameter p : methodParameters) {
            arrays.put(Checkpoint.METHOD + p.name(), Nd4j.create(p.value().clone(), p.shape(), 'c'));
        }
        adam.moments().forEach((k, v) -> arrays.put(Checkpoint.OPTIMIZER + k, Nd4j.createFromArray(v)));
        metadata.put(STEPS, String.valueOf(adam.stepCount()));
    }

    /**
     * Restores what {@link #save} wrote; returns false, changing nothing, for a checkpoint written before the
     * optimiser's state was kept (the run then continues with Adam's moments restarted, as such runs always did).
     */
    public static boolean restore(Checkpoint.Contents c, AdamOptimizer adam, List<MethodParameter> methodParameters,
                                  String file) throws CheckpointException {
        String steps = c.metadata().get(STEPS);
        if (steps == null) {
            if (!methodParameters.isEmpty()) {
                throw new CheckpointException(file + " holds no parameters of the run's methods; it belongs to "
                        + "another run");
            }
            return false;
        }
        for (MethodParameter p : methodParameters) {
            float[] v = c.arrays().get(Checkpoint.METHOD + p.name());
            if (v == null || v.length != p.value().length) {
                throw new CheckpointException(file + " lacks the method parameter " + p.name()
                        + " (or holds it in another size); it belongs to a run with other methods");
            }
            System.arraycopy(v, 0, p.value(), 0, v.length);
        }
        Map<String, float[]> moments = new LinkedHashMap<>();
        c.arrays().forEach((k, v) -> {
            if (k.startsWith(Checkpoint.OPTIMIZER)) {
                moments.put(k.substring(Checkpoint.OPTIMIZER.length()), v);
            }
        });
        try {
            adam.restore(Integer.parseInt(steps), moments);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage());
        }
        return true;
    }
}
