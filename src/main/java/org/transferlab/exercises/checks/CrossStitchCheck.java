package org.transferlab.exercises.checks;

import java.lang.reflect.Method;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.StudentCode;

/**
 * Chapter 4, the cross-stitch unit: {@code crossStitch(sd, xA, xB, alpha)} = per channel c the 2×2 mix
 * α^c · (x_A^c, x_B^c), stacked [2, N, C, H, W], column A first. Checked on random maps with an α whose four
 * entries differ in every channel (so a transposed or diagonal-only α, or the outputs swapped, show), values and
 * gradients with respect to both inputs and α.
 */
final class CrossStitchCheck implements CardChecker {
    static final String SIGNATURE = "public static SDVariable crossStitch(SameDiff sd, SDVariable xA, SDVariable xB, "
            + "SDVariable alpha)";
    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 2;
    private static final int W = 3;

    static Method method(StudentCode code) throws StudentCode.StudentException {
        return code.method("crossStitch", SIGNATURE, SameDiff.class, SDVariable.class, SDVariable.class, SDVariable.class);
    }

    @Override
    public Outcome check(StudentCode code) throws StudentCode.StudentException {
        Method m = method(code);
        Outcome out = new Outcome();
        Random rng = new Random(41);
        LossCase c = new LossCase("cross-stitch unit")
                .input("xA", Tensor.normal(rng, 1, N, C, H, W), true)
                .input("xB", Tensor.normal(rng, 1, N, C, H, W), true)
                .input("alpha", Tensor.normal(rng, 0.7, C, 2, 2), true)
                .output(2, N, C, H, W)
                .reference(in -> mix(in, false, false, false))
                .mistake("transposed", in -> mix(in, true, false, false))
                .mistake("no-mix", in -> mix(in, false, true, false))
                .mistake("swapped-outputs", in -> mix(in, false, false, true));
        c.run((sd, in) -> (SDVariable) StudentCode.call(m, sd, in.get("xA"), in.get("xB"), in.get("alpha")), out);
        return out;
    }

    /** out[i][n][c][h][w] = Σ_j α[c][i][j] · x_j[n][c][h][w], with the variants of the known mistakes. */
    static double[] mix(java.util.Map<String, double[]> in, boolean transposed, boolean diagonal, boolean swapped) {
        double[][] x = {in.get("xA"), in.get("xB")};
        double[] a = in.get("alpha");
        int per = H * W;
        int size = N * C * per;
        double[] out = new double[2 * size];
        for (int i = 0; i < 2; i++) {
            int slot = swapped ? 1 - i : i;
            for (int n = 0; n < N; n++) {
                for (int ch = 0; ch < C; ch++) {
                    for (int k = 0; k < per; k++) {
                        int at = (n * C + ch) * per + k;
                        double v = 0;
                        for (int j = 0; j < 2; j++) {
                            if (diagonal && j != i) {
                                continue;
                            }
                            double alpha = transposed ? a[ch * 4 + j * 2 + i] : a[ch * 4 + i * 2 + j];
                            v += alpha * x[j][at];
                        }
                        out[slot * size + at] = v;
                    }
                }
            }
        }
        return out;
    }
}
