package org.transferlab.transfer;

import java.util.Map;

/**
 * What the loss terms see for one batch of N samples and K classes, row-major in double precision: the
 * student's logits [N·K], the labels, the student's features at the attention points the terms asked for,
 * and the teacher's precomputed logits [N·K] and normalised attention maps [N·h·w] (absent without teacher).
 */
public record LossInputs(int n, int classes, double[] studentLogits, int[] labels, Map<String, Feature> studentTaps,
                         double[] teacherLogits, Map<String, double[]> teacherMaps) {

    /** A feature tensor [N, C, H, W], row-major. */
    public record Feature(double[] values, int channels, int height, int width) {
    }
}
