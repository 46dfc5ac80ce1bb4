package org.transferlab.engine;

import org.transferlab.data.ImageSet;
import org.transferlab.models.Network;
import org.transferlab.nn.Pass;

/** Accuracy of a model on a whole image set, in evaluation mode (running BN statistics, no dropout). */
public final class Evaluation {
    private Evaluation() {
    }

    public static double accuracy(Network model, ImageSet set, int batch) {
        int[] idx = Batches.identity(set.size());
        long correct = 0;
        MemoryGuard memory = new MemoryGuard();
        for (int from = 0; from < set.size(); from += batch) {
            int to = Math.min(set.size(), from + batch);
            int[] pred = Batches.argmax(model.forward(Batches.images(set, idx, from, to), Pass.EVAL).logits());
            memory.afterStep();
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == set.label(from + i)) {
                    correct++;
                }
            }
        }
        model.release();
        return correct / (double) set.size();
    }

    /** Accuracy of task {@code task} of a multi-task model on a whole image set, in evaluation mode. */
    public static double accuracy(org.transferlab.models.MultiTaskModel model, int task, ImageSet set, int batch) {
        int[] idx = Batches.identity(set.size());
        long correct = 0;
        for (int from = 0; from < set.size(); from += batch) {
            int to = Math.min(set.size(), from + batch);
            int[] pred = Batches.argmax(model.forward(task, Batches.images(set, idx, from, to), Pass.EVAL));
            for (int i = 0; i < pred.length; i++) {
                correct += pred[i] == set.label(from + i) ? 1 : 0;
            }
        }
        model.release();
        return correct / (double) set.size();
    }
}
