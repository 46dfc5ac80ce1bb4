package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transferlab.models.CnnLarge;
import org.transferlab.models.CnnSmall;
import org.transferlab.models.ModelZoo;
import org.transferlab.testing.GradientCheck;

/**
 * VID: the Gaussian negative log-likelihood of the teacher's feature under a 1×1-convolution mean and a learned
 * per-channel variance, checked by hand, against a computation written from the formula with plain loops, and by
 * finite differences with respect to the student's feature, the regressor and α; then as a term in the objective,
 * its refusals, and a student learning with it.
 */
class VidTest {
    private static final int N = 3;

    private static double[] gaussian(Random r, int size) {
        double[] v = new double[size];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static double loss(LossInputs.Feature s, double[] t, int ct, int h, int w, double[] wt, double[] b,
                               double[] a) {
        return Vid.pair(s, t, ct, h, w, wt, b, a, 1, null, null, null, null);
    }

    @Test
    void handComputedValues() {
        // one sample, one channel, 1×2, identity regressor, σ² = 4: differences 1 and 2 →
        // mean of (log 2 + d²/8) = log 2 + (1 + 4)/16
        double a4 = Vid.inverseSoftplus(4 - Vid.EPS);
        var s = new LossInputs.Feature(new double[]{1, 3}, 1, 1, 2);
        assertEquals(Math.log(2) + 5.0 / 16, loss(s, new double[]{0, 1}, 1, 1, 2, new double[]{1}, new double[]{0},
                new double[]{a4}), 1e-12);
        // pooled 2×2 → 1×1: mean 2.5, μ = 2·2.5 + 1 = 6 against 5, σ² = softplus(0) + ε = log 2 + ε
        var p = new LossInputs.Feature(new double[]{1, 2, 3, 4}, 1, 2, 2);
        double v = Math.log(2) + Vid.EPS;
        assertEquals(0.5 * Math.log(v) + 1 / (2 * v), loss(p, new double[]{5}, 1, 1, 1, new double[]{2},
                new double[]{1}, new double[]{0}), 1e-12);
        // two teacher channels with different variances (σ² = 1 and 9), one student channel, one position:
        // μ = (1·2, −1·2 + 1) = (2, −1) against (0, 2): [½log1 + 4/2 + ½log9 + 9/18] / 2
        double a1 = Vid.inverseSoftplus(1 - Vid.EPS);
        double a9 = Vid.inverseSoftplus(9 - Vid.EPS);
        var one = new LossInputs.Feature(new double[]{2}, 1, 1, 1);
        assertEquals((2 + 0.5 * Math.log(9) + 0.5) / 2, loss(one, new double[]{0, 2}, 2, 1, 1, new double[]{1, -1},
                new double[]{0, 1}, new double[]{a1, a9}), 1e-12);
    }

    @Test
    void softplusAndItsInverse() {
        for (double y : new double[]{1e-4, 0.3, 1, 5, 40, 200}) {
            assertEquals(y, Vid.softplus(Vid.inverseSoftplus(y)), 1e-12 * Math.max(1, y), "y = " + y);
        }
        assertEquals(Math.log(2), Vid.softplus(0), 1e-15);
        assertEquals(1000, Vid.softplus(1000), 1e-12);
    }

    /** −log N(t; μ, σ²) − ½log 2π, averaged, with pooling and the regressor written as plain loops from the formula. */
    private static double naive(double[] s, int n, int cs, int bigH, int bigW, double[] t, int ct, int h, int w,
                                double[] wt, double[] b, double[] a) {
        int kh = bigH / h;
        int kw = bigW / w;
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < ct; o++) {
                double var = Math.log(1 + Math.exp(a[o])) + 1e-5;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double mu = b[o];
                        for (int c = 0; c < cs; c++) {
                            double pooled = 0;
                            for (int dy = 0; dy < kh; dy++) {
                                for (int dx = 0; dx < kw; dx++) {
                                    pooled += s[((i * cs + c) * bigH + y * kh + dy) * bigW + x * kw + dx];
                                }
                            }
                            mu += wt[o * cs + c] * pooled / (kh * kw);
                        }
                        double target = t[((i * ct + o) * h + y) * w + x];
                        double density = Math.exp(-(target - mu) * (target - mu) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
                        total += -Math.log(density) - 0.5 * Math.log(2 * Math.PI);
                    }
                }
            }
        }
        return total / (n * ct * h * w);
    }

    private static final int[][] SHAPES = {{2, 3, 4, 3, 3, 3, 3}, {3, 2, 5, 4, 4, 2, 2}, {2, 4, 2, 6, 6, 3, 3},
            {1, 2, 3, 6, 4, 2, 1}};

    @Test
    void matchesIndependentComputation() {
        Random r = new Random(2);
        for (int[] sh : SHAPES) {
            int n = sh[0], cs = sh[1], ct = sh[2], bigH = sh[3], bigW = sh[4], h = sh[5], w = sh[6];
            double[] s = gaussian(r, n * cs * bigH * bigW);
            double[] t = gaussian(r, n * ct * h * w);
            double[][] reg = HintRegression.initialRegressor(cs, ct, r);
            double[] a = gaussian(r, ct);
            assertEquals(naive(s, n, cs, bigH, bigW, t, ct, h, w, reg[0], reg[1], a),
                    loss(new LossInputs.Feature(s, cs, bigH, bigW), t, ct, h, w, reg[0], reg[1], a), 1e-10,
                    java.util.Arrays.toString(sh));
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(4);
        for (int[] sh : SHAPES) {
            int n = sh[0], cs = sh[1], ct = sh[2], bigH = sh[3], bigW = sh[4], h = sh[5], w = sh[6];
            double[] s = gaussian(r, n * cs * bigH * bigW);
            double[] t = gaussian(r, n * ct * h * w);
            double[][] reg = HintRegression.initialRegressor(cs, ct, r);
            double[] wt = reg[0];
            double[] b = reg[1];
            double[] a = gaussian(r, ct);
            double weight = 0.7;
            double[] gs = new double[s.length];
            double[] gw = new double[wt.length];
            double[] gb = new double[b.length];
            double[] ga = new double[a.length];
            Vid.pair(new LossInputs.Feature(s, cs, bigH, bigW), t, ct, h, w, wt, b, a, weight, gs, gw, gb, ga);
            String at = java.util.Arrays.toString(sh);
            GradientCheck.check("student " + at, s, x -> weight * loss(new LossInputs.Feature(x, cs, bigH, bigW), t, ct,
                    h, w, wt, b, a), gs, 1, 1e-5);
            GradientCheck.check("W " + at, wt, x -> weight * loss(new LossInputs.Feature(s, cs, bigH, bigW), t, ct,
                    h, w, x, b, a), gw, 1, 1e-5);
            GradientCheck.check("b " + at, b, x -> weight * loss(new LossInputs.Feature(s, cs, bigH, bigW), t, ct,
                    h, w, wt, x, a), gb, 1, 1e-5);
            GradientCheck.check("alpha " + at, a, x -> weight * loss(new LossInputs.Feature(s, cs, bigH, bigW), t, ct,
                    h, w, wt, b, x), ga, 1, 1e-5);
        }
    }

    @Test
    void gradientsAreAddedNotWritten() {
        Random r = new Random(6);
        double[] s = gaussian(r, 2 * 2 * 4);
        double[] t = gaussian(r, 2 * 3 * 4);
        double[][] reg = HintRegression.initialRegressor(2, 3, r);
        double[] a = gaussian(r, 3);
        var f = new LossInputs.Feature(s, 2, 2, 2);
        double[][] once = {new double[s.length], new double[6], new double[3], new double[3]};
        double[][] twice = {new double[s.length], new double[6], new double[3], new double[3]};
        Vid.pair(f, t, 3, 2, 2, reg[0], reg[1], a, 1, once[0], once[1], once[2], once[3]);
        Vid.pair(f, t, 3, 2, 2, reg[0], reg[1], a, 1, twice[0], twice[1], twice[2], twice[3]);
        Vid.pair(f, t, 3, 2, 2, reg[0], reg[1], a, 1, twice[0], twice[1], twice[2], twice[3]);
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < once[k].length; i++) {
                assertEquals(2 * once[k][i], twice[k][i], 1e-12);
            }
        }
    }

    /** At the optimum of σ² for a fixed μ, σ_c² equals the channel's mean squared error, so ∂L/∂α vanishes. */
    @Test
    void theVarianceGradientVanishesWhereSigmaSquaredIsTheMeanSquaredError() {
        var s = new LossInputs.Feature(new double[]{1, 3, 0, 2}, 1, 2, 2);
        double[] t = {0, 1, 2, 0}; // identity μ: errors 1, 2, −2, 2 → mean square 13/4
        double[] ga = new double[1];
        Vid.pair(s, t, 1, 2, 2, new double[]{1}, new double[]{0}, new double[]{Vid.inverseSoftplus(13.0 / 4 - Vid.EPS)},
                1, null, null, null, ga);
        assertEquals(0, ga[0], 1e-12);
        Vid.pair(s, t, 1, 2, 2, new double[]{1}, new double[]{0}, new double[]{Vid.inverseSoftplus(1)}, 1, null, null,
                null, ga);
        assertTrue(ga[0] < 0, "too small a variance is pushed up: " + ga[0]);
    }

    private static Vid built(List<String> pairs, double lambda) {
        Vid v = new Vid(pairs, lambda, 5.0);
        v.validate(new ObjectiveContext(new CnnSmall(), new CnnLarge(), 7));
        return v;
    }

    private static LossInputs.Feature feature(Random r, int c, int h, int w) {
        return new LossInputs.Feature(gaussian(r, N * c * h * w), c, h, w);
    }

    @Test
    void eachPairHasARegressorAndVariancesStartingAtTheInitialValue() {
        Vid v = built(List.of("group1", "group2", "group3"), 1);
        int[][] s = {new CnnSmall().features().get("group1"), new CnnSmall().features().get("group2"),
                new CnnSmall().features().get("group3")};
        int[][] t = {new CnnLarge().features().get("group1"), new CnnLarge().features().get("group2"),
                new CnnLarge().features().get("group3")};
        List<MethodParameter> p = v.parameters();
        assertEquals(9, p.size());
        assertEquals(List.of("vid/group1/W", "vid/group1/b", "vid/group1/alpha"),
                p.subList(0, 3).stream().map(MethodParameter::name).toList());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(new long[]{t[k][0], s[k][0]}, p.get(3 * k).shape());
            assertArrayEquals(new long[]{t[k][0]}, p.get(3 * k + 2).shape());
        }
        for (double[] var : v.variances().values()) {
            for (double x : var) {
                assertEquals(5.0, x, 1e-5, "σ² starts at the initial variance (float α)");
            }
        }
        assertArrayEquals(p.get(0).value(), built(List.of("group1", "group2", "group3"), 1).parameters().get(0).value(),
                "the run's seed draws the regressor");
    }

    @Test
    void theTermSumsThePairsWeightedByLambdaAndItsGradientsReachStudentRegressorAndAlpha() {
        Random r = new Random(3);
        Vid v = built(List.of("group2", "group3"), 2.5);
        var s2 = feature(r, 16, 7, 7);
        var t2 = feature(r, 64, 7, 7);
        int[] s3 = new CnnSmall().features().get("group3");
        int[] t3 = new CnnLarge().features().get("group3");
        var fs3 = feature(r, s3[0], s3[1], s3[2]);
        var ft3 = feature(r, t3[0], t3[1], t3[2]);
        LossInputs in = new LossInputs(N, 10, gaussian(r, N * 10), new int[]{1, 2, 3}, Map.of("group2", s2, "group3", fs3),
                null, Map.of(), Map.of("group2", t2, "group3", ft3));
        LossGradients g = new LossGradients(N * 10);
        List<TransferTerm.Component> c = v.evaluate(in, g);
        assertEquals(List.of("loss/vid", "loss/vid/group2", "loss/vid/group3"),
                c.stream().map(TransferTerm.Component::name).toList());
        assertEquals(c.get(1).value() + c.get(2).value(), c.get(0).value(), 1e-12);
        assertEquals(2.5, c.get(0).weight());
        List<MethodParameter> p = v.parameters();
        double[] gs = new double[s2.values().length];
        double[] gw = new double[p.get(0).value().length];
        double[] gb = new double[p.get(1).value().length];
        double[] ga = new double[p.get(2).value().length];
        double expected = Vid.pair(s2, t2.values(), 64, 7, 7, p.get(0).values(), p.get(1).values(), p.get(2).values(),
                1.0, gs, gw, gb, ga);
        assertEquals(expected, c.get(1).value(), 1e-12);
        double[] tap = g.taps().get("group2");
        for (int i = 0; i < tap.length; i++) {
            assertEquals(2.5 * gs[i], tap[i], 1e-12);
        }
        for (int i = 0; i < ga.length; i++) {
            assertEquals((float) (2.5 * ga[i]), p.get(2).grad()[i], 1e-6 * Math.max(1, Math.abs(ga[i])));
        }
        for (int i = 0; i < gw.length; i++) {
            assertEquals((float) (2.5 * gw[i]), p.get(0).grad()[i], 1e-6 * Math.max(1, Math.abs(gw[i])));
        }
        // in the objective: CE + λ·VID, and the declared reads
        ObjectiveContext ctx = new ObjectiveContext(new CnnSmall(), new CnnLarge(), 1);
        Objective o = Objective.build(ctx, List.of(new Vid(List.of("group2", "group3"), 2.5, 5.0)));
        assertEquals(java.util.Set.of("group2", "group3"), ctx.teacherFeaturesUsed());
        assertEquals(java.util.Set.of("group2", "group3"), ctx.studentTapsUsed());
        Objective.Result res = o.evaluate(in);
        assertEquals(res.components().get("loss/ce") + 2.5 * res.components().get("loss/vid"), res.total(), 1e-9);
    }

    /** Central differences on the term's own float parameters, through the term as the engine calls it. */
    @Test
    void parameterGradientsThroughTheTermMatchFiniteDifferences() {
        Random r = new Random(5);
        Vid v = built(List.of("group2"), 1.0);
        LossInputs in = new LossInputs(N, 10, gaussian(r, N * 10), new int[]{1, 2, 3},
                Map.of("group2", feature(r, 16, 7, 7)), null, Map.of(), Map.of("group2", feature(r, 64, 7, 7)));
        v.evaluate(in, new LossGradients(N * 10));
        for (MethodParameter p : v.parameters()) {
            float[] analytic = p.grad().clone();
            for (int i = 0; i < p.value().length; i += 13) {
                float old = p.value()[i];
                float h = 1e-2f;
                p.value()[i] = old + h;
                double up = v.evaluate(in, new LossGradients(N * 10)).get(0).value();
                p.value()[i] = old - h;
                double down = v.evaluate(in, new LossGradients(N * 10)).get(0).value();
                p.value()[i] = old;
                double numeric = (up - down) / ((double) (old + h) - (double) (old - h));
                assertEquals(numeric, analytic[i], 1e-3 * Math.max(1e-3, Math.abs(numeric)) + 1e-7, p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void refusesBadSettingsInOneSentenceNamingTheKey() {
        ObjectiveContext ctx = new ObjectiveContext(new CnnSmall(), new CnnLarge(), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> new Vid(List.of("group2"), -1, 5).validate(ctx));
        assertEquals("vid.lambda must be >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Vid(List.of("group2"), 1, 0).validate(ctx));
        assertEquals("vid.init_variance must be > 1.0E-5 (the variance floor), got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Vid(List.of(), 1, 5).validate(ctx));
        assertEquals("vid.pairs: VID needs at least one layer pair", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Vid(List.of("group5"), 1, 5).validate(ctx));
        assertEquals("vid.pairs: the student cnn-small has no feature 'group5'; it has group1, group2, group3, embedding",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Vid(List.of("group1"), 1, 5)
                .validate(new ObjectiveContext(ModelZoo.get("mlp-tiny"), ModelZoo.get("mlp-large"), 0)));
        assertTrue(e.getMessage().startsWith("vid.pairs: the student mlp-tiny has no feature 'group1'"), e.getMessage());
        // through the registry's settings: the range check names vid.KEY
        e = assertThrows(IllegalArgumentException.class,
                () -> TransferMethods.get("vid").setting("lambda").check("vid", -2.0));
        assertTrue(e.getMessage().contains("vid.lambda"), e.getMessage());
    }

    @Test
    void registeredWithItsSettings() {
        TransferMethod m = TransferMethods.get("vid");
        assertTrue(TransferMethods.ids().contains("vid"));
        assertEquals(List.of("pairs", "lambda", "init_variance"), m.settings().stream().map(Setting::key).toList());
        assertEquals(List.of("group1", "group2", "group3"), m.setting("pairs").defaultValue());
        assertEquals(1.0, m.setting("lambda").defaultValue());
        assertEquals(5.0, m.setting("init_variance").defaultValue());
    }

    /**
     * VID alone and with KD, on the embedded data with the shipped cnn-large teacher: the VID term and CE fall and
     * test accuracy is well above the 0.1 of chance (measured after 3 epochs on 512 images: 0.476 and 0.413).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"vid", "kd,vid"})
    void aStudentLearnsWithVid(String methods) {
        var config = org.transferlab.engine.TrainingConfig.builder().methods(List.of(methods.split(",")))
                .data(org.transferlab.data.DataKind.EMBEDDED).trainSize(512).epochs(3).batchSize(32).seed(1).build();
        List<org.transferlab.engine.StepMetrics> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        var r = new org.transferlab.engine.TrainingRun(config).addListener(new org.transferlab.engine.TrainingListener() {
            @Override
            public void onStep(org.transferlab.engine.StepMetrics s) {
                steps.add(s);
            }
        }).run();
        assertEquals(org.transferlab.engine.RunResult.Status.COMPLETED, r.status(), r.message());
        int k = 16;
        double first = steps.subList(0, k).stream().mapToDouble(s -> s.losses().get("loss/vid")).average().orElseThrow();
        double last = steps.subList(steps.size() - k, steps.size()).stream().mapToDouble(s -> s.losses().get("loss/vid"))
                .average().orElseThrow();
        double ceFirst = steps.subList(0, k).stream().mapToDouble(s -> s.losses().get("loss/ce")).average().orElseThrow();
        double ceLast = steps.subList(steps.size() - k, steps.size()).stream().mapToDouble(s -> s.losses().get("loss/ce"))
                .average().orElseThrow();
        System.out.printf("%s: VID %.4f -> %.4f, CE %.4f -> %.4f, test accuracy %.4f%n", methods, first, last, ceFirst,
                ceLast, r.summary().testAccuracy());
        // measured (seed 1, 48 steps): VID 2.764 -> 2.669 (vid) and 2.765 -> 2.671 (kd,vid); the variances move at
        // Adam's step size, so the term falls slowly at first
        assertTrue(last < first - 0.05, methods + ": VID " + first + " -> " + last);
        assertTrue(ceLast < 0.95 * ceFirst, methods + ": CE " + ceFirst + " -> " + ceLast);
        assertTrue(r.summary().testAccuracy() > 0.25, methods + ": test accuracy " + r.summary().testAccuracy());
    }

    /**
     * A VID run stopped in its third epoch and resumed from the second epoch's checkpoint writes the metrics and the
     * final checkpoint (the regressors and α included) of the run never stopped, byte for byte.
     */
    @Test
    void aResumedVidRunIsTheRunThatNeverStopped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var c = org.transferlab.engine.TrainingConfig.builder().methods(List.of("vid"))
                .data(org.transferlab.data.DataKind.EMBEDDED).trainSize(256).epochs(3).batchSize(64).seed(2).build();
        ResumedRuns.Pair runs = ResumedRuns.compare(c, dir);
        var whole = runs.wholeDir();
        var cut = runs.resumedDir();
        var a = runs.whole();
        var b = runs.resumed();
        assertTrue(a.keySet().contains("method/vid/group2/alpha"), a.keySet().toString());
        a.forEach((k, v) -> assertTrue(java.util.Arrays.equals(v, b.get(k)), k));
        // each teacher channel's σ after the last epoch, in the run folder, the same on both
        List<String> rows = java.nio.file.Files.readAllLines(whole.resolve(Vid.SIGMA_FILE));
        assertEquals("epoch,pair,channel,sigma,variance", rows.get(0));
        int channels = 0;
        for (String pair : List.of("group1", "group2", "group3")) {
            channels += new CnnLarge().features().get(pair)[0];
        }
        assertEquals(1 + channels, rows.size());
        assertTrue(rows.get(1).startsWith("3,group1,0,"), rows.get(1));
        double sigma = Double.parseDouble(rows.get(1).split(",")[3]);
        assertTrue(sigma > 0 && Math.abs(sigma - Math.sqrt(5)) > 1e-4 && Math.abs(sigma - Math.sqrt(5)) < 0.5,
                "σ has moved from √5, a little: " + sigma);
        assertEquals(java.nio.file.Files.readString(whole.resolve(Vid.SIGMA_FILE)),
                java.nio.file.Files.readString(cut.resolve(Vid.SIGMA_FILE)));
        // drawn from the file: one series per pair, one point per teacher channel
        var fig = org.transferlab.export.RunFigures.of(whole).stream().filter(f -> f.name().equals("vid-sigma"))
                .findFirst().orElseThrow();
        var data = fig.chart().getXYPlot().getDataset();
        assertEquals(3, data.getSeriesCount());
        assertEquals(new CnnLarge().features().get("group2")[0], data.getItemCount(1));
        assertEquals(sigma, data.getYValue(0, 0), 1e-6);
    }
}
