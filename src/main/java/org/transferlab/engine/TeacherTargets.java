package org.transferlab.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.ImageSet;
import org.transferlab.models.Network;
import org.transferlab.nn.Pass;
import org.transferlab.nn.Floats;
import org.transferlab.transfer.AttentionTransfer;
import org.transferlab.transfer.LossInputs;
import org.transferlab.transfer.StudentAccess;

/**
 * A frozen teacher's outputs on every training image, computed once before training (the teacher never
 * changes and the images are not augmented, so recomputing them each step would be wasted work): logits
 * [N, K] and, per AT pair, the normalised attention map [N, h·w] at the size the student's map is compared at.
 */
final class TeacherTargets {
    final float[][] logits;
    final Map<String, float[][]> maps;
    /** Raw features per pair [N][C·H·W], only for pairs a term asked for, with their shape {C, H, W}. */
    final Map<String, float[][]> features = new LinkedHashMap<>();
    final Map<String, int[]> featureShapes = new LinkedHashMap<>();
    /** The teacher's input gradients of a term's seed (Jacobian matching) [N][pixels], or null when none asked. */
    float[][] inputGradients;

    private TeacherTargets(float[][] logits, Map<String, float[][]> maps) {
        this.logits = logits;
        this.maps = maps;
    }

    /**
     * @param pairSizes pair name → {h, w} of the compared maps
     */
    static TeacherTargets compute(Network teacher, ImageSet images, Map<String, int[]> pairSizes,
                                  AttentionTransfer.Form form, double p, int batch) {
        return compute(teacher, images, pairSizes, java.util.Set.of(), form, p, batch);
    }

    /** As above, also keeping the raw features at {@code featurePairs}. */
    static TeacherTargets compute(Network teacher, ImageSet images, Map<String, int[]> pairSizes,
                                  java.util.Set<String> featurePairs, AttentionTransfer.Form form, double p, int batch) {
        int n = images.size();
        float[][] logits = new float[n][];
        Map<String, float[][]> maps = new LinkedHashMap<>();
        pairSizes.keySet().forEach(k -> maps.put(k, new float[n][]));
        Map<String, float[][]> features = new LinkedHashMap<>();
        featurePairs.forEach(k -> features.put(k, new float[n][]));
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int[] idx = Batches.identity(n);
        MemoryGuard memory = new MemoryGuard();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            Network.Forward out = teacher.forward(Batches.images(images, idx, from, to), Pass.EVAL);
            Batches.copyRows(out.logits(), logits, from);
            for (var e : features.entrySet()) {
                INDArray f = out.taps().get(e.getKey());
                shapes.put(e.getKey(), f.rank() == 2 ? new int[]{(int) f.size(1), 1, 1}
                        : new int[]{(int) f.size(1), (int) f.size(2), (int) f.size(3)});
                Batches.copyRows(f.reshape(f.size(0), f.length() / f.size(0)), e.getValue(), from);
            }
            for (var e : pairSizes.entrySet()) {
                // sample by sample (each sample's map is its own): a batch's features in double precision would
                // be hundreds of MB of heap per batch for the teacher's first group at 28x28
                INDArray tap = out.taps().get(e.getKey());
                int c = (int) tap.size(1);
                int th = tap.rank() == 2 ? 1 : (int) tap.size(2);
                int tw = tap.rank() == 2 ? 1 : (int) tap.size(3);
                double[] one = new double[c * th * tw];
                int hw = e.getValue()[0] * e.getValue()[1];
                float[][] dst = maps.get(e.getKey());
                for (int s = 0; s < to - from; s++) {
                    Floats.readDouble(tap, (long) s * one.length, one);
                    double[] q = AttentionTransfer.map(new LossInputs.Feature(one, c, th, tw), form, p,
                            e.getValue()[0], e.getValue()[1]);
                    float[] row = new float[hw];
                    for (int k = 0; k < hw; k++) {
                        row[k] = (float) q[k];
                    }
                    dst[from + s] = row;
                }
            }
            memory.afterStep();
        }
        teacher.release();
        TeacherTargets t = new TeacherTargets(logits, maps);
        t.features.putAll(features);
        t.featureShapes.putAll(shapes);
        return t;
    }

    /**
     * The teacher's gradient of {@code seed} with respect to each training image, in evaluation mode (the teacher
     * is frozen, so each image's gradient is its own), [N][pixels]: 784 floats per image (3.1 MB per 1 000 images,
     * 188 MB for 60 000).
     */
    static float[][] inputGradients(Network teacher, ImageSet images, StudentAccess.Seed seed,
                                    java.util.Set<String> taps, int batch) {
        int n = images.size();
        float[][] out = new float[n][];
        int[] idx = Batches.identity(n);
        MemoryGuard memory = new MemoryGuard();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            Network.Forward f = teacher.forward(Batches.images(images, idx, from, to), Pass.EVAL);
            int[] labels = Batches.labels(images, idx, from, to);
            INDArray g = StudentPasses.backward(teacher, f, StudentPasses.seed(f, seed, labels, taps));
            Batches.copyRows(g.reshape(to - from, g.length() / (to - from)), out, from);
            memory.afterStep();
        }
        teacher.release();
        return out;
    }
}
