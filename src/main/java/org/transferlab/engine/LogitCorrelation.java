package org.transferlab.engine;

import java.util.Locale;
import org.transferlab.data.ImageSet;
import org.transferlab.models.Network;
import org.transferlab.nn.Pass;

/**
 * The figure of the CRD paper: how the classes' logits co-vary over a test set, for teacher and student. For K
 * classes, {@code C[i][j]} is the Pearson correlation, over the test images, between the logits of classes i and
 * j; {@code |C_T − C_S|} small means the student has taken over the teacher's structure between classes, not only
 * its answers. Written by every part-1 student run that can load a teacher (the baseline and KD too, so runs can
 * be compared) into {@value #FILE}.
 */
public final class LogitCorrelation {
    /** The run folder's file: {@code row,column,teacher,student,abs_difference}, K·K rows. */
    public static final String FILE = "logit_correlation.csv";

    private LogitCorrelation() {
    }

    /** The K×K correlation matrix (row-major) of the columns of {@code logits} [n][K]; a constant column gives 0s. */
    public static double[] matrix(float[][] logits) {
        int n = logits.length;
        int k = n == 0 ? 0 : logits[0].length;
        double[] mean = new double[k];
        for (float[] row : logits) {
            for (int i = 0; i < k; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < k; i++) {
            mean[i] /= n;
        }
        double[] cov = new double[k * k];
        for (float[] row : logits) {
            for (int i = 0; i < k; i++) {
                double a = row[i] - mean[i];
                for (int j = 0; j < k; j++) {
                    cov[i * k + j] += a * (row[j] - mean[j]);
                }
            }
        }
        double[] c = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = Math.sqrt(cov[i * k + i] * cov[j * k + j]);
                c[i * k + j] = d > 0 ? cov[i * k + j] / d : 0;
            }
        }
        return c;
    }

    /** Logits [n][K] of a whole image set, in evaluation mode. */
    public static float[][] logits(Network model, ImageSet set, int batch) {
        int[] idx = Batches.identity(set.size());
        float[][] out = new float[set.size()][];
        for (int from = 0; from < set.size(); from += batch) {
            int to = Math.min(set.size(), from + batch);
            Batches.copyRows(model.forward(Batches.images(set, idx, from, to), Pass.EVAL).logits(), out, from);
        }
        model.release();
        return out;
    }

    /** The file's text for the two matrices (K·K each). */
    public static String csv(double[] teacher, double[] student) {
        int k = (int) Math.round(Math.sqrt(teacher.length));
        StringBuilder b = new StringBuilder("row,column,teacher,student,abs_difference\n");
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double t = teacher[i * k + j];
                double s = student[i * k + j];
                b.append(i).append(',').append(j).append(',')
                        .append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f", t, s, Math.abs(t - s))).append('\n');
            }
        }
        return b.toString();
    }

    /** The mean of |C_T − C_S| over the off-diagonal entries (the diagonal is 1 on both). */
    public static double meanOffDiagonal(double[] teacher, double[] student) {
        int k = (int) Math.round(Math.sqrt(teacher.length));
        double s = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    s += Math.abs(teacher[i * k + j] - student[i * k + j]);
                }
            }
        }
        return k < 2 ? 0 : s / (k * (k - 1.0));
    }
}
