package org.transferlab.transfer;

import java.util.Map;

/**
 * What the loss terms see for one batch of N samples and K classes, row-major in double precision: the
 * student's logits [N·K], the labels, the student's features at the attention points the terms asked for,
 * and the teacher's precomputed logits [N·K] and normalised attention maps [N·h·w] (absent without teacher),
 * and, for terms that compute attention themselves (exercise mode), the teacher's raw features; {@code indices}
 * are the batch's samples' indices in the training set (null where unknown; CRD's memory bank reads them); for
 * Jacobian matching, the teacher's input gradients [N·pixels] and {@code student}, through which the term
 * differentiates the student (both null for every other term).
 */
public record LossInputs(int n, int classes, double[] studentLogits, int[] labels, Map<String, Feature> studentTaps,
                         double[] teacherLogits, Map<String, double[]> teacherMaps, Map<String, Feature> teacherTaps,
                         int[] indices, double[] teacherInputGradients, StudentAccess student) {

    /** Inputs without the samples' training-set indices, the teacher's input gradients and access to the student. */
    public LossInputs(int n, int classes, double[] studentLogits, int[] labels, Map<String, Feature> studentTaps,
                      double[] teacherLogits, Map<String, double[]> teacherMaps, Map<String, Feature> teacherTaps) {
        this(n, classes, studentLogits, labels, studentTaps, teacherLogits, teacherMaps, teacherTaps, null, null, null);
    }

    /** Inputs with the samples' training-set indices (CRD), without what only Jacobian matching reads. */
    public LossInputs(int n, int classes, double[] studentLogits, int[] labels, Map<String, Feature> studentTaps,
                      double[] teacherLogits, Map<String, double[]> teacherMaps, Map<String, Feature> teacherTaps,
                      int[] indices) {
        this(n, classes, studentLogits, labels, studentTaps, teacherLogits, teacherMaps, teacherTaps, indices, null,
                null);
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
