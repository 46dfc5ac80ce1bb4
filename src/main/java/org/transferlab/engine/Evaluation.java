package org.transferlab.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.ImageSet;
import org.transferlab.models.ModelGraph;

/** Accuracy of a model on a whole image set, in evaluation mode (running BN statistics, no dropout). */
public final class Evaluation {
    private Evaluation() {
    }

    public static double accuracy(ModelGraph model, ImageSet set, int batch) {
        model = model.inference();
        int[] idx = Batches.identity(set.size());
        long correct = 0;
        MemoryGuard memory = new MemoryGuard();
        for (int from = 0; from < set.size(); from += batch) {
            int to = Math.min(set.size(), from + batch);
            Map<String, INDArray> ph = new HashMap<>();
            model.feed(ph, Batches.images(set, idx, from, to, model.dtype()), null);
            INDArray logits = model.sameDiff().outputSingle(ph, model.logits().name());
            int[] pred = Batches.argmax(logits);
            memory.afterStep();
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == set.label(from + i)) {
                    correct++;
                }
            }
        }
        return correct / (double) set.size();
    }
}
