package org.transferlab.multimnist;

import java.util.List;
import org.transferlab.data.MultiMnist;

/**
 * What a MultiMNIST run can learn from each canvas: the left digit and the right digit (classification, ten
 * classes, cross-entropy), and the sum of the two digits (regression: one number 1 … 17, squared error). A run
 * trains two of them. The sum is there for Kendall's regression form (a squared error, a Gaussian likelihood). It
 * is learnt standardised, (sum − mean) / sd over the training canvases, because Adam moves each weight by about
 * its learning rate per step: a raw target near 9 took the head hundreds of steps just to reach the mean, and
 * in a four-epoch test the sum's RMSE (4.8) ended worse than always answering the mean (3.8) while the digit
 * beside it lost half its accuracy. Predictions are turned back into digits for the metrics.
 *
 * <p>(The offset between the digits was tried first as the regression target: with canvases jittered by up to
 * 2 pixels the part-2 trunk, which ends in global average pooling, did not learn it at all (RMSE 0.80 px against
 * 0.82 px for always guessing the middle), so it would have shown nothing.)
 *
 * <p>The sum's "accuracy" is the share of test canvases whose prediction, rounded, is the sum; its RMSE (in
 * digits) is reported beside it.
 */
public enum MultiMnistTask {
    LEFT("left", "left digit", 10, false),
    RIGHT("right", "right digit", 10, false),
    SUM("sum", "digit sum", 1, true);

    private final String id;
    private final String label;
    private final int outputs;
    private final boolean regression;

    MultiMnistTask(String id, String label, int outputs, boolean regression) {
        this.id = id;
        this.label = label;
        this.outputs = outputs;
        this.regression = regression;
    }

    public String id() {
        return id;
    }

    /** For charts and files: "left digit", "digit sum". */
    public String label() {
        return label;
    }

    /** The head's outputs: 10 classes, or the two coordinates. */
    public int outputs() {
        return outputs;
    }

    public boolean regression() {
        return regression;
    }

    /** The task {@code id}; one line naming the choices when there is none. */
    public static MultiMnistTask parse(String id) {
        for (MultiMnistTask t : values()) {
            if (t.id.equals(id.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("--tasks: unknown task '" + id + "'; choose two of left, right, sum");
    }

    /** "left,right" to the two tasks. */
    public static List<MultiMnistTask> parseList(String ids) {
        return java.util.Arrays.stream(ids.split(",")).map(MultiMnistTask::parse).toList();
    }

    /** The standardisation of a regression target: mean and standard deviation over the training canvases. */
    public record Scale(double mean, double sd) {
        static Scale of(float[][] targets) {
            double sum = 0;
            double sq = 0;
            for (float[] t : targets) {
                sum += t[0];
                sq += (double) t[0] * t[0];
            }
            double mean = sum / targets.length;
            double var = sq / targets.length - mean * mean;
            return new Scale(mean, var > 1e-12 ? Math.sqrt(var) : 1);
        }

        float[][] standardise(float[][] targets) {
            float[][] out = new float[targets.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new float[targets[i].length];
                for (int d = 0; d < out[i].length; d++) {
                    out[i][d] = (float) ((targets[i][d] - mean) / sd);
                }
            }
            return out;
        }

        double[] unstandardise(double[] y) {
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = mean + sd * y[i];
            }
            return out;
        }
    }

    /** The regression targets of a set of canvases, per canvas one row (the sum: left + right digit). */
    static float[][] targets(MultiMnist.Set set) {
        float[][] t = new float[set.size()][1];
        for (int i = 0; i < t.length; i++) {
            t[i][0] = set.left().label(i) + set.right().label(i);
        }
        return t;
    }
}
