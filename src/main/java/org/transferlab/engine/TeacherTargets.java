package org.transferlab.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.ImageSet;
import org.transferlab.models.ModelGraph;
import org.transferlab.transfer.AttentionTransfer;

/**
 * A frozen teacher's outputs on every training image, computed once before training (the teacher never
 * changes and the images are not augmented, so recomputing them each step would be wasted work): logits
 * [N, K] and, per AT pair, the normalised attention map [N, h·w] at the size the student's map is compared at.
 */
final class TeacherTargets {
    final float[][] logits;
    final Map<String, float[][]> maps;

    private TeacherTargets(float[][] logits, Map<String, float[][]> maps) {
        this.logits = logits;
        this.maps = maps;
    }

    /**
     * @param pairSizes pair name → {h, w} of the compared maps
     */
    static TeacherTargets compute(ModelGraph teacherModel, ImageSet images, Map<String, int[]> pairSizes,
                                  AttentionTransfer.Form form, double p, int batch) {
        ModelGraph teacher = teacherModel.inference();
        Map<String, String> outputs = new LinkedHashMap<>();
        pairSizes.forEach((pair, hw) -> {
            String name = "target/" + pair;
            if (!teacher.sameDiff().hasVariable(name)) {
                int featureHeight = teacher.architecture().attentionPoints().get(pair)[1];
                SDVariable m = AttentionTransfer.map(teacher.tap(pair), featureHeight, form, p, hw[0], hw[1]);
                m.rename(name);
            }
            outputs.put(pair, name);
        });
        int n = images.size();
        float[][] logits = new float[n][];
        Map<String, float[][]> maps = new LinkedHashMap<>();
        outputs.keySet().forEach(k -> maps.put(k, new float[n][]));
        List<String> wanted = new ArrayList<>(outputs.values());
        wanted.add(teacher.logits().name());
        int[] idx = Batches.identity(n);
        MemoryGuard memory = new MemoryGuard();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            Map<String, INDArray> ph = new java.util.HashMap<>();
            teacher.feed(ph, Batches.images(images, idx, from, to, teacher.dtype()), null);
            Map<String, INDArray> out = teacher.sameDiff().output(ph, wanted);
            copyRows(out.get(teacher.logits().name()), logits, from);
            for (var e : outputs.entrySet()) {
                copyRows(out.get(e.getValue()), maps.get(e.getKey()), from);
            }
            memory.afterStep();
        }
        return new TeacherTargets(logits, maps);
    }

    private static void copyRows(INDArray a, float[][] dst, int offset) {
        float[][] m = a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
        System.arraycopy(m, 0, dst, offset, m.length);
    }
}
