package org.transferlab.weightings;

/**
 * A method that changes the direction of the shared parameters' update rather than (only) the task weights, such
 * as {@link PcGrad}: the run hands it the tasks' gradients on the shared parameters, flattened in one order, and
 * steps along what it returns; the task-specific parameters still get Σ_t w_t ∇L_t.
 */
public interface GradientSurgery {

    /** The shared parameters' update direction from the tasks' gradients on them (one row per task). */
    double[] combine(double[][] sharedGradients);
}
