package org.transferlab.exercises.checks;

import java.util.Map;

/** A loss or map written in plain Java double precision over named inputs (row-major arrays). */
@FunctionalInterface
public interface Formula {
    double[] apply(Map<String, double[]> inputs);

    /** A formula with one number as its value. */
    static Formula scalar(java.util.function.ToDoubleFunction<Map<String, double[]>> f) {
        return in -> new double[]{f.applyAsDouble(in)};
    }
}
