package org.transferlab.transfer;

import java.util.Map;

/**
 * What the loss terms see for one batch of N samples and K classes, row-major in double precision: the
 * student's logits [N·K], the labels, the student's features at the attention points the terms asked for,
 * and the teacher's precomputed logits [N·K] and normalised attention maps [N·h·w] (absent without teacher),
 * and, for terms that compute attention themselves (exercise mode), the teacher's raw features.
 */
public record LossInputs(int n, int classes, double[] studentLogits, int[] labels, Map<String, Feature> studentTaps,
                         double[] teacherLogits, Map<String, double[]> teacherMaps, Map<String, Feature> teacherTaps,
                         double[] teacherInputGradients, StudentAccess student) {

    /**
     * Inputs without the teacher's input gradients and access to the student (every term but Jacobian matching,
     * which reads the teacher's gradients [N·pixels] and differentiates the student through {@code student}).
     */
    public LossInputs(int n, int classes, double[] studentLogits, int[] labels, Map<String, Feature> studentTaps,
                      double[] teacherLogits, Map<String, double[]> teacherMaps, Map<String, Feature> teacherTaps) {
        this(n, classes, studentLogits, labels, studentTaps, teacherLogits, teacherMaps, teacherTaps, null, null);
    }

    /** Inputs without teacher features (every built-in term). */
    public LossInputs(int n, int classes, double[] studentLogits, int[] labels, Map<String, Feature> studentTaps,
                      double[] teacherLogits, Map<String, double[]> teacherMaps) {
        this(n, classes, studentLogits, labels, studentTaps, teacherLogits, teacherMaps, Map.of());
    }

    /** A feature tensor [N, C, H, W], row-major. */
    public record Feature(double[] values, int channels, int height, int width) {
    }
}
