package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class RelationalKdTest {

    // a 3-4-5 right triangle (right angle at point 0) and three points on a line, 1-D
    private static final double[] TRIANGLE = {0, 0, 3, 0, 0, 4};
    private static final double[] LINE = {0, 1, 2};

    @Test
    void handComputedDistanceMatrix() {
        // distances 3, 4, 5 (each twice off the diagonal): μ = 24/6 = 4
        double[] psi = RelationalKd.distanceMatrix(TRIANGLE, 2, 3);
        double[] expected = {0, 0.75, 1, 0.75, 0, 1.25, 1, 1.25, 0};
        for (int k = 0; k < 9; k++) {
            assertEquals(expected[k], psi[k], 1e-12, "entry " + k);
        }
    }

    @Test
    void handComputedDistanceLoss() {
        // line: distances 1, 2, 1, μ = 4/3 → ψ = 0.75, 1.5, 0.75 for the pairs (0,1), (0,2), (1,2);
        // triangle: 0.75, 1, 1.25 → differences 0, 0.5, −0.5 → huber 0, 0.125, 0.125, each pair twice, over 9
        assertEquals(0.5 / 9, RelationalKd.distance(LINE, 1, TRIANGLE, 2, 3, 1, null), 1e-12);
        // the linear part of the Huber loss: student 0, 1, 100 (μ = 200/3) against teacher 0, 100, 101
        // (μ = 202/3): ψ(0,1) = 0.015 vs 300/202, ψ(0,2) = 1.5 vs 303/202 = 1.5, ψ(1,2) = 1.485 vs 3/202
        double[] student = {0, 1, 100};
        double[] teacher = {0, 100, 101};
        double d01 = 0.015 - 300 / 202.0;
        double d12 = 1.485 - 3 / 202.0;
        assertTrue(Math.abs(d01) > 1 && Math.abs(d12) > 1, "both pairs should be in the linear part");
        double expected = 2 * ((Math.abs(d01) - 0.5) + (Math.abs(d12) - 0.5)) / 9;
        assertEquals(expected, RelationalKd.distance(student, 1, teacher, 1, 3, 1, null), 1e-12);
    }

    private static double h(double x) {
        return Math.abs(x) < 1 ? 0.5 * x * x : Math.abs(x) - 0.5;
    }

    @Test
    void handComputedAngleLoss() {
        // vertex j, arms i and k: ψ = 1 when i = k ≠ j, 0 when i = j or k = j, else the cosine at j.
        // triangle cosines at vertices 0, 1, 2: 0, 9/15 = 0.6, 16/20 = 0.8; line: 1, −1, 1.
        // differences 1, −1.6, 0.2 → huber 0.5, 1.1, 0.02, each twice, over 27 → 3.24/27 = 0.12
        assertEquals(0.12, RelationalKd.angle(LINE, 1, TRIANGLE, 2, 3, 1, null), 1e-12);
        assertEquals(0.12, naiveAngle(LINE, 1, TRIANGLE, 2, 3), 1e-12);
    }

    @Test
    void identicalRelationsGiveZeroAndTheLossesIgnoreScaleAndTranslation() {
        Random r = new Random(11);
        int n = 6;
        double[] s = gaussian(r, n * 3);
        // the teacher: the student rotated into 4-D (an orthonormal 3×4 map), scaled by 3 and shifted
        double[][] q = orthonormalRows(r, 3, 4);
        double[] t = new double[n * 4];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < 4; c++) {
                double v = 5 + c;
                for (int k = 0; k < 3; k++) {
                    v += 3 * s[a * 3 + k] * q[k][c];
                }
                t[a * 4 + c] = v;
            }
        }
        assertEquals(0, RelationalKd.distance(s, 3, t, 4, n, 1, null), 1e-12);
        assertEquals(0, RelationalKd.angle(s, 3, t, 4, n, 1, null), 1e-12);

        double[] other = gaussian(r, n * 4);
        double[] scaled = s.clone();
        double[] moved = s.clone();
        for (int k = 0; k < s.length; k++) {
            scaled[k] *= 7.5;
            moved[k] = 0.2 * s[k] + (k % 3 - 1) * 40;
        }
        double d = RelationalKd.distance(s, 3, other, 4, n, 1, null);
        assertTrue(d > 1e-3);
        assertEquals(d, RelationalKd.distance(scaled, 3, other, 4, n, 1, null), 1e-12);
        double ang = RelationalKd.angle(s, 3, other, 4, n, 1, null);
        assertTrue(ang > 1e-3);
        assertEquals(ang, RelationalKd.angle(scaled, 3, other, 4, n, 1, null), 1e-12);
        assertEquals(ang, RelationalKd.angle(moved, 3, other, 4, n, 1, null), 1e-10);
    }

    @Test
    void matchesIndependentComputation() {
        for (int seed = 0; seed < 4; seed++) {
            Random r = new Random(20 + seed);
            int n = 3 + 4 * seed;
            int ds = 1 + seed;
            int dt = 2 + 3 * seed;
            double[] s = gaussian(r, n * ds);
            double[] t = gaussian(r, n * dt);
            if (seed == 3) {
                t[0] += 30; // an outlier, so the linear part of the Huber loss shows up
            }
            assertEquals(naiveDistance(s, ds, t, dt, n), RelationalKd.distance(s, ds, t, dt, n, 1, null), 1e-12,
                    "distance n=" + n);
            assertEquals(naiveAngle(s, ds, t, dt, n), RelationalKd.angle(s, ds, t, dt, n, 1, null), 1e-12,
                    "angle n=" + n);
            double[] psi = RelationalKd.distanceMatrix(s, ds, n);
            double[][] ref = naivePsi(rows(s, ds, n));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(ref[i][j], psi[i * n + j], 1e-12);
                }
            }
        }
    }

    @Test
    void identicalSamplesGiveZeroDirectionsAndFiniteGradients() {
        Random r = new Random(30);
        int n = 5;
        double[] s = gaussian(r, n * 3);
        System.arraycopy(s, 0, s, 6, 3); // sample 2 = sample 0
        double[] t = gaussian(r, n * 4);
        System.arraycopy(t, 4, t, 12, 4); // sample 3 = sample 1
        assertEquals(naiveAngle(s, 3, t, 4, n), RelationalKd.angle(s, 3, t, 4, n, 1, null), 1e-12);
        assertEquals(naiveDistance(s, 3, t, 4, n), RelationalKd.distance(s, 3, t, 4, n, 1, null), 1e-12);
        double[] g = new double[s.length];
        RelationalKd.angle(s, 3, t, 4, n, 1, g);
        RelationalKd.distance(s, 3, t, 4, n, 1, g);
        for (double v : g) {
            assertFalse(Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > 10);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (int n = 5; n <= 7; n++) {
            Random r = new Random(40 + n);
            double[] s = gaussian(r, n * 3);
            double[] t = gaussian(r, n * 4);
            if (n == 7) {
                t[2] += 20; // an outlier: distance differences beyond the Huber threshold
            }
            int size = n;
            checkGradient("distance n=" + n, s, v -> RelationalKd.distance(v, 3, t, 4, size, 1, null),
                    (v, g) -> RelationalKd.distance(v, 3, t, 4, size, 2.5, g));
            checkGradient("angle n=" + n, s, v -> RelationalKd.angle(v, 3, t, 4, size, 1, null),
                    (v, g) -> RelationalKd.angle(v, 3, t, 4, size, 2.5, g));
        }
    }

    @Test
    void gradientsAreAddedNotWritten() {
        Random r = new Random(50);
        double[] s = gaussian(r, 15);
        double[] t = gaussian(r, 20);
        double[] a = new double[15];
        double[] b = new double[15];
        RelationalKd.angle(s, 3, t, 4, 5, 1, a);
        RelationalKd.distance(s, 3, t, 4, 5, 1, b);
        double[] both = new double[15];
        java.util.Arrays.fill(both, 1);
        RelationalKd.angle(s, 3, t, 4, 5, 1, both);
        RelationalKd.distance(s, 3, t, 4, 5, 1, both);
        for (int k = 0; k < 15; k++) {
            assertEquals(1 + a[k] + b[k], both[k], 1e-15);
        }
    }

    @Test
    void degenerateBatchesAndBadShapes() {
        assertEquals(0, RelationalKd.distance(new double[]{1, 2}, 2, new double[]{3}, 1, 1, 1, new double[2]));
        assertEquals(0, RelationalKd.angle(new double[]{1, 2}, 2, new double[]{3}, 1, 1, 1, new double[2]));
        var e = assertThrows(IllegalArgumentException.class,
                () -> RelationalKd.angle(new double[6], 3, new double[6], 4, 2, 1, null));
        assertEquals("RKD: expected a student of 2x3 and a teacher of 2x4 values, got 6 and 6", e.getMessage());
    }

    /** Central differences on every element against a gradient computed with weight 2.5 (see {@link org.transferlab.testing.GradientCheck}). */
    private static void checkGradient(String what, double[] x, ToDoubleFunction<double[]> loss,
                                      java.util.function.BiConsumer<double[], double[]> gradient) {
        double[] analytic = new double[x.length];
        gradient.accept(x, analytic);
        for (int i = 0; i < analytic.length; i++) {
            analytic[i] /= 2.5;
        }
        org.transferlab.testing.GradientCheck.checkAgainstLargest(what, x, loss, analytic, 1e-5);
    }

    // ---- an independent computation written from the formulas (naive loops, arrays of rows) ----

    private static double[][] rows(double[] x, int d, int n) {
        double[][] m = new double[n][d];
        for (int a = 0; a < n; a++) {
            System.arraycopy(x, a * d, m[a], 0, d);
        }
        return m;
    }

    private static double[][] naivePsi(double[][] x) {
        int n = x.length;
        double[][] d = new double[n][n];
        double sum = 0;
        int positive = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double sq = 0;
                    for (int c = 0; c < x[i].length; c++) {
                        sq += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]);
                    }
                    d[i][j] = Math.sqrt(Math.max(sq, 1e-12));
                }
                if (d[i][j] > 0) {
                    sum += d[i][j];
                    positive++;
                }
            }
        }
        for (double[] row : d) {
            for (int j = 0; j < n; j++) {
                row[j] /= sum / positive;
            }
        }
        return d;
    }

    private static double naiveDistance(double[] s, int ds, double[] t, int dt, int n) {
        double[][] ps = naivePsi(rows(s, ds, n));
        double[][] pt = naivePsi(rows(t, dt, n));
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += h(ps[i][j] - pt[i][j]);
            }
        }
        return sum / (n * n);
    }

    /** F.normalize(x_b − x_a): divided by max(norm, 1e-12). */
    private static double[] direction(double[][] x, int a, int b) {
        int d = x[a].length;
        double[] v = new double[d];
        double norm = 0;
        for (int c = 0; c < d; c++) {
            v[c] = x[b][c] - x[a][c];
            norm += v[c] * v[c];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        for (int c = 0; c < d; c++) {
            v[c] /= norm;
        }
        return v;
    }

    /** ψ_A[j,i,k] = ⟨e_ij, e_kj⟩ with the O(N³·d) triplet loop. */
    private static double[] naiveAngles(double[][] x) {
        int n = x.length;
        double[] a = new double[n * n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double[] ei = direction(x, j, i);
                    double[] ek = direction(x, j, k);
                    double dot = 0;
                    for (int c = 0; c < ei.length; c++) {
                        dot += ei[c] * ek[c];
                    }
                    a[(j * n + i) * n + k] = dot;
                }
            }
        }
        return a;
    }

    private static double naiveAngle(double[] s, int ds, double[] t, int dt, int n) {
        double[] as = naiveAngles(rows(s, ds, n));
        double[] at = naiveAngles(rows(t, dt, n));
        double sum = 0;
        for (int k = 0; k < as.length; k++) {
            sum += h(as[k] - at[k]);
        }
        return sum / as.length;
    }

    private static double[] gaussian(Random r, int size) {
        double[] v = new double[size];
        for (int k = 0; k < size; k++) {
            v[k] = r.nextGaussian();
        }
        return v;
    }

    /** rows × cols with orthonormal rows (Gram–Schmidt on Gaussian rows), rows ≤ cols. */
    private static double[][] orthonormalRows(Random r, int rows, int cols) {
        double[][] q = new double[rows][];
        for (int a = 0; a < rows; a++) {
            double[] v = gaussian(r, cols);
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int c = 0; c < cols; c++) {
                    dot += v[c] * q[b][c];
                }
                for (int c = 0; c < cols; c++) {
                    v[c] -= dot * q[b][c];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            for (int c = 0; c < cols; c++) {
                v[c] /= Math.sqrt(norm);
            }
            q[a] = v;
        }
        return q;
    }

    // ---- RKD as a plug-in term: weights, points, and learning in the engine ----

    @Test
    void theTermIsTheTwoLossesWeightedAndItsGradientReachesTheStudentsEmbedding() {
        Random r = new Random(11);
        int n = 6;
        double[] s = new double[n * 32];
        double[] t = new double[n * 128];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextGaussian();
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextGaussian();
        }
        RelationalKd term = new RelationalKd(25, 50, "embedding", "embedding");
        term.validate(new ObjectiveContext(new org.transferlab.models.CnnSmall(), new org.transferlab.models.CnnLarge(), 0));
        LossInputs in = new LossInputs(n, 10, new double[n * 10], new int[n],
                java.util.Map.of("embedding", new LossInputs.Feature(s, 32, 1, 1)), null, java.util.Map.of(),
                java.util.Map.of("embedding", new LossInputs.Feature(t, 128, 1, 1)));
        LossGradients g = new LossGradients(n * 10);
        var parts = term.evaluate(in, g);
        double[] gd = new double[s.length];
        double[] ga = new double[s.length];
        double d = RelationalKd.distance(s, 32, t, 128, n, 1, gd);
        double a = RelationalKd.angle(s, 32, t, 128, n, 1, ga);
        assertEquals("loss/rkd", parts.get(0).name());
        assertEquals(25 * d + 50 * a, parts.get(0).value(), 1e-12);
        assertEquals(1.0, parts.get(0).weight());
        assertEquals(d, parts.get(1).value(), 1e-15);
        assertEquals(a, parts.get(2).value(), 1e-15);
        double[] tap = g.taps().get("embedding");
        for (int i = 0; i < tap.length; i++) {
            assertEquals(25 * gd[i] + 50 * ga[i], tap[i], 1e-12);
        }
        Objective o = Objective.build(new ObjectiveContext(new org.transferlab.models.CnnSmall(),
                new org.transferlab.models.CnnLarge(), 0), java.util.List.of(new RelationalKd(25, 50, "embedding", "embedding")));
        assertTrue(o.context().studentTapsUsed().contains("embedding"));
        assertTrue(o.context().teacherFeaturesUsed().contains("embedding"));
        assertEquals(1.0, o.componentWeights().get("loss/rkd"));
    }

    @Test
    void refusesPointsANetworkDoesNotHave() {
        var ctx = new ObjectiveContext(org.transferlab.models.ModelZoo.get("mlp-tiny"),
                new org.transferlab.models.CnnLarge(), 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RelationalKd(25, 50, "group2", "embedding").validate(ctx));
        assertEquals("rkd.student_point: the student mlp-tiny has no feature 'group2'; it has embedding", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RelationalKd(-1, 50, "embedding", "embedding").validate(ctx));
        assertTrue(e.getMessage().startsWith("rkd: the weights must be >= 0"), e.getMessage());
    }

    /**
     * RKD alone and with KD, on the embedded data with the shipped cnn-large teacher, at the paper's weights: the
     * student learns (the RKD and CE terms fall, test accuracy well above the 0.1 of chance). Both soft terms slow
     * a tiny student early on (measured: after 20 epochs at batch 128, CE alone 0.708, KD 0.492, RKD 0.501,
     * KD+RKD 0.213), so the test trains on small batches for more steps.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rkd", "kd,rkd"})
    void aStudentLearnsWithRkd(String methods) {
        var config = org.transferlab.engine.TrainingConfig.builder().methods(java.util.List.of(methods.split(",")))
                .data(org.transferlab.data.DataKind.EMBEDDED).trainSize(1000).epochs(6).batchSize(32).seed(1).build();
        java.util.List<org.transferlab.engine.StepMetrics> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        var r = new org.transferlab.engine.TrainingRun(config).addListener(new org.transferlab.engine.TrainingListener() {
            @Override
            public void onStep(org.transferlab.engine.StepMetrics s) {
                steps.add(s);
            }
        }).run();
        assertEquals(org.transferlab.engine.RunResult.Status.COMPLETED, r.status(), r.message());
        double first = steps.subList(0, 32).stream().mapToDouble(s -> s.losses().get("loss/rkd")).average().orElseThrow();
        double last = steps.subList(steps.size() - 32, steps.size()).stream().mapToDouble(s -> s.losses().get("loss/rkd"))
                .average().orElseThrow();
        double ceFirst = steps.subList(0, 32).stream().mapToDouble(s -> s.losses().get("loss/ce")).average().orElseThrow();
        double ceLast = steps.subList(steps.size() - 32, steps.size()).stream().mapToDouble(s -> s.losses().get("loss/ce"))
                .average().orElseThrow();
        System.out.printf("%s: RKD %.4f -> %.4f, CE %.4f -> %.4f, test accuracy %.4f%n", methods, first, last, ceFirst,
                ceLast, r.summary().testAccuracy());
        assertTrue(last < 0.8 * first, methods + ": RKD " + first + " -> " + last);
        assertTrue(ceLast < 0.95 * ceFirst, methods + ": CE " + ceFirst + " -> " + ceLast);
        assertTrue(r.summary().testAccuracy() > 0.25, methods + ": test accuracy " + r.summary().testAccuracy());
        assertEquals(methods.replace(',', '+'), config.label());
    }
}
