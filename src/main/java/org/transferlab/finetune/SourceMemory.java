package org.transferlab.finetune;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.ImageSet;
import org.transferlab.engine.Batches;
import org.transferlab.engine.Evaluation;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.CheckpointException;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Pass;

/**
 * What the fine-tuned network still knows of the source task. It holds the source network as it was (to record
 * its answers on the target's training images, LwF's targets, and to measure the source task's test accuracy
 * before training) and a probe: the network being fine-tuned, its shared layers (weights and batch-norm
 * statistics) copied in at each measurement, topped with the source's head — the original head, untouched, for
 * every strategy but LwF, and LwF's trained old head for LwF. The probe's accuracy on the source task's test
 * images is the source accuracy "after"; its answers on the target's training images, compared with the recorded
 * ones (KL at LwF's temperature), say how far the old head has moved.
 */
final class SourceMemory {
    private static final int BATCH = 500;

    private final Network original;
    private final Network probe;
    private final ImageSet sourceTest;
    private final ImageSet targetTrain;
    private final int sourceClasses;
    private final double[] recorded;
    private final double before;

    /** Reads the source into two fresh networks, records its logits on {@code targetTrain}, measures it on {@code sourceTest}. */
    SourceMemory(FineTuneConfig c, Checkpoint.Contents source, ImageSet sourceTest, ImageSet targetTrain)
            throws CheckpointException {
        this.sourceClasses = headClasses(source);
        this.sourceTest = sourceTest;
        this.targetTrain = targetTrain;
        String name = SourceNetworks.describe(c.task(), c.sourceCheckpoint());
        original = Network.create(ModelZoo.get(c.trainedArchitecture()), sourceClasses, c.seed());
        Checkpoint.apply(original.architecture().name(), original.state(), source, name, false);
        probe = Network.create(ModelZoo.get(c.trainedArchitecture()), sourceClasses, c.seed());
        Checkpoint.apply(probe.architecture().name(), probe.state(), source, name, false);
        recorded = logits(original, targetTrain);
        before = Evaluation.accuracy(original, sourceTest, BATCH);
    }

    /** The number of classes of a checkpoint's head. */
    static int headClasses(Checkpoint.Contents source) {
        long[] shape = source.shapes().get(LayerPlan.HEAD + "/b");
        if (shape == null) {
            throw new IllegalArgumentException("the source network has no head " + LayerPlan.HEAD);
        }
        return (int) shape[shape.length - 1];
    }

    int sourceClasses() {
        return sourceClasses;
    }

    /** The source task's test accuracy of the source network itself. */
    double before() {
        return before;
    }

    /** The source network's logits on every target training image, row-major [n·K_s], in the image order. */
    double[] recorded() {
        return recorded;
    }

    /** The recorded logits of target training images {@code order[from..to)}, row-major. */
    double[] recorded(int[] order, int from, int to) {
        double[] out = new double[(to - from) * sourceClasses];
        for (int i = from; i < to; i++) {
            System.arraycopy(recorded, order[i] * sourceClasses, out, (i - from) * sourceClasses, sourceClasses);
        }
        return out;
    }

    /** A measurement: the source task's test accuracy and the old head's KL from its recorded answers. */
    record Measure(double sourceAccuracy, double oldHeadKl) {
    }

    /**
     * Measures {@code net}: its shared layers under the source's head, or under the old-head columns
     * {@code oldHeadFrom..} of its own head when it keeps one (LwF; -1 otherwise).
     */
    Measure measure(Network net, int oldHeadFrom, double temperature) {
        Map<String, INDArray> own = net.state();
        for (Map.Entry<String, INDArray> e : probe.state().entrySet()) {
            boolean head = LayerPlan.layerOf(e.getKey()).equals(LayerPlan.HEAD);
            if (!head) {
                e.getValue().assign(own.get(e.getKey()));
            } else if (oldHeadFrom >= 0) {
                INDArray mine = own.get(e.getKey());
                long cols = mine.size(1);
                e.getValue().assign(mine.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(oldHeadFrom, cols)));
            }
        }
        double acc = Evaluation.accuracy(probe, sourceTest, BATCH);
        double kl = LearningWithoutForgetting.kl(logits(probe, targetTrain), recorded, sourceClasses, temperature);
        return new Measure(acc, kl);
    }

    /** Writes the source's head into columns {@code from..} of {@code net}'s head (LwF's old head, as it starts). */
    static void placeOldHead(Network net, Checkpoint.Contents source, int from) {
        int k = headClasses(source);
        float[] w = source.arrays().get(LayerPlan.HEAD + "/W");
        float[] b = source.arrays().get(LayerPlan.HEAD + "/b");
        INDArray nw = net.parameter(LayerPlan.HEAD + "/W").value();
        INDArray nb = net.parameter(LayerPlan.HEAD + "/b").value();
        long in = nw.size(0);
        if (w == null || b == null || w.length != in * k || nw.size(1) != from + k) {
            throw new IllegalArgumentException("the source's head does not fit: " + (w == null ? 0 : w.length)
                    + " weights for " + in + " inputs and " + k + " classes");
        }
        for (int r = 0; r < in; r++) {
            for (int i = 0; i < k; i++) {
                nw.putScalar(new long[]{r, from + i}, w[r * k + i]);
            }
        }
        for (int i = 0; i < k; i++) {
            nb.putScalar(new long[]{0, from + i}, b[i]);
        }
    }

    /** Logits of a network on a whole set in evaluation mode, row-major. */
    static double[] logits(Network net, ImageSet set) {
        int[] idx = Batches.identity(set.size());
        double[] out = null;
        for (int from = 0; from < set.size(); from += BATCH) {
            int to = Math.min(set.size(), from + BATCH);
            double[] z = Floats.readDouble(net.forward(Batches.images(set, idx, from, to), Pass.EVAL).logits());
            if (out == null) {
                out = new double[set.size() * (z.length / (to - from))];
            }
            System.arraycopy(z, 0, out, from * (z.length / (to - from)), z.length);
        }
        net.release();
        return out == null ? new double[0] : out;
    }

    /** Accuracy over the first {@code columns} logits only (the new head of an LwF network), evaluation mode. */
    static double accuracy(Network net, ImageSet set, int columns) {
        double[] z = logits(net, set);
        int width = z.length / Math.max(1, set.size());
        long correct = 0;
        for (int n = 0; n < set.size(); n++) {
            int best = 0;
            for (int i = 1; i < columns; i++) {
                if (z[n * width + i] > z[n * width + best]) {
                    best = i;
                }
            }
            correct += best == set.label(n) ? 1 : 0;
        }
        return set.size() == 0 ? Double.NaN : correct / (double) set.size();
    }
}
