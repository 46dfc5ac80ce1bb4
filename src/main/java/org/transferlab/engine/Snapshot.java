package org.transferlab.engine;

import java.util.Map;

/**
 * The student (and teacher, if any) on a few test images at one moment of training.
 *
 * @param images         [n][H·W] pixels in [0, 1]
 * @param studentLogits  [n][K] raw logits (soften them at any T with {@link org.transferlab.transfer.Softmax#softmax})
 * @param teacherLogits  [n][K], or null without a teacher
 * @param studentMaps    per attention point: [n][h·w] L2-normalised attention maps
 * @param teacherMaps    likewise for the teacher, or empty
 * @param mapSides       per attention point: {h, w}
 * @param gradientNorms  for each loss term (CE, KD, AT, weighted as in the total), the norm of its gradient with
 *                       respect to all trained parameters on this step's training batch
 * @param studentEmbeddings [n][D] the student's embedding (after global pooling) of each sample, or null
 * @param teacherEmbeddings [n][D] the teacher's, or null without a teacher
 */
public record Snapshot(long step, int epoch, int[] sampleIndices, int[] labels, float[][] images,
                       float[][] studentLogits, float[][] teacherLogits, Map<String, float[][]> studentMaps,
                       Map<String, float[][]> teacherMaps, Map<String, int[]> mapSides,
                       Map<String, Double> gradientNorms, float[][] studentEmbeddings,
                       float[][] teacherEmbeddings) {
}
