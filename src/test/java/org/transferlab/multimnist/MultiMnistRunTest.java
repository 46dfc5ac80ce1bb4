package org.transferlab.multimnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.engine.RunResult;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.weightings.Mgda;

/** MultiMNIST runs on the embedded digits: each architecture and weighting learns both digits; bad input is refused. */
class MultiMnistRunTest {

    private static MultiMnistConfig small(String arch, String weighting) {
        MultiMnistConfig d = MultiMnistConfig.defaults();
        return new MultiMnistConfig(arch, weighting, new double[]{1, 1}, new double[]{0, 0}, 1.5, 2000, 500, 4, 64,
                2e-3, 0, d.widths(), 10);
    }

    @Test
    void everyArchitectureAndWeightingLearnsBothDigits() {
        // every pair the registry allows (a weighting whose needs the architecture shares): 16 of 21;
        // chance is 0.1 per digit; after 4 short epochs every method is at least twice that (most far more)
        int pairs = 0;
        for (String arch : MultiMnistConfig.ARCHITECTURES) {
            for (var w : org.transferlab.weightings.Weightings.all()) {
                if (w.needs().compareTo(MultiMnistConfig.shares(arch)) > 0) {
                    continue;
                }
                MultiMnistResult res = new MultiMnistRun(small(arch, w.id())).run();
                assertEquals(RunResult.Status.COMPLETED, res.status(), arch + "/" + w.id() + ": " + res.message());
                assertTrue(res.taskAccuracy()[0] > 0.2 && res.taskAccuracy()[1] > 0.2,
                        arch + "/" + w.id() + ": " + java.util.Arrays.toString(res.taskAccuracy()));
                System.out.printf("%s / %s: left %.3f, right %.3f%n", arch, w.id(), res.taskAccuracy()[0],
                        res.taskAccuracy()[1]);
                pairs++;
            }
        }
        assertEquals(16, pairs);
    }

    @Test
    void mgdaUbWeighsTheTasksByTheMinNormPointOfTheirGradientsOnZ(@TempDir Path dir) throws Exception {
        List<MultiTaskListener.Step> steps = new ArrayList<>();
        MultiMnistRun run = new MultiMnistRun(small("hard", "mgda-ub"));
        run.addListener(new MultiMnistListener() {
            @Override
            public void onStep(MultiTaskListener.Step s) {
                steps.add(s);
            }
        }).addListener(new MultiMnistRecorder(dir));
        assertEquals(RunResult.Status.COMPLETED, run.run().status());
        for (MultiTaskListener.Step s : steps) {
            // two tasks: α₁ = clip(((g₂ − g₁)·g₂) / ‖g₁ − g₂‖², 0, 1) from the norms and the dot product of ∂L/∂Z
            double n1 = s.gradientNorms()[0] * s.gradientNorms()[0];
            double n2 = s.gradientNorms()[1] * s.gradientNorms()[1];
            double dot = s.gradientDot();
            double a1 = Math.max(0, Math.min(1, (n2 - dot) / (n1 + n2 - 2 * dot)));
            assertEquals(a1, s.weights()[0], 1e-6);
            assertEquals(1, s.weights()[0] + s.weights()[1], 1e-9);
        }
        var summary = org.transferlab.io.Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals(2, summary.path("task_accuracy").size());
        assertTrue(Files.readString(dir.resolve("metrics.csv")).startsWith("kind,structure,epoch,step,loss1,loss2"));
        assertEquals(2, Mgda.minNorm(new double[][]{{1, 0}, {0, 1}}).length);
    }

    @Test
    void crossStitchRunsRecordTheirAlphas(@TempDir Path dir) throws Exception {
        MultiMnistResult r = new MultiMnistRun(small("cross-stitch", "fixed")).addListener(new MultiMnistRecorder(dir)).run();
        assertEquals(RunResult.Status.COMPLETED, r.status());
        List<String> alphas = Files.readAllLines(dir.resolve(MultiMnistRecorder.ALPHAS));
        assertEquals("epoch,unit,alpha_aa,alpha_ab,alpha_ba,alpha_bb", alphas.get(0));
        assertEquals(1 + 4 * 2, alphas.size(), "two units after each of four epochs");
        // exportable: the figures name the digits, the α are drawn, the notebook holds the unit's code and its card
        var figures = org.transferlab.export.RunFigures.of(dir);
        assertTrue(figures.stream().anyMatch(f -> f.name().equals("cross-stitch-alpha")));
        var acc = figures.stream().filter(f -> f.name().equals("task-accuracy")).findFirst().orElseThrow();
        var keys = new java.util.TreeSet<String>();
        for (int i = 0; i < acc.chart().getXYPlot().getDataset().getSeriesCount(); i++) {
            keys.add(acc.chart().getXYPlot().getDataset().getSeriesKey(i).toString());
        }
        assertEquals(java.util.Set.of("task 1 (left digit)", "task 2 (right digit)"), keys);
        String html = org.transferlab.export.Notebook.of(dir).html();
        assertTrue(html.contains("class CrossStitchNetwork") && html.contains("The cross-stitch unit"), "source and card");
    }

    @Test
    void badInputGetsOneSentenceBeforeAnyTraining() {
        var ub = new MultiMnistRun(small("cross-stitch", "mgda-ub")).run();
        assertEquals(RunResult.Status.FAILED, ub.status());
        assertEquals("--weighting mgda-ub needs one representation Z that every task computes from the same input; "
                + "cross-stitch networks have no such Z (each column keeps its own): use --architecture hard, or "
                + "--weighting mgda (on the shared parameters)", ub.message());
        var pc = new MultiMnistRun(small("separate", "pcgrad")).run();
        assertTrue(pc.message().contains("separate networks share nothing"), pc.message());
        var arch = new MultiMnistRun(small("siamese", "fixed")).run();
        assertTrue(arch.message().contains("unknown architecture 'siamese'"), arch.message());
        var w = new MultiMnistRun(new MultiMnistConfig("hard", "fixed", new double[]{1}, new double[]{0, 0}, 1.5, 100, 50,
                1, 32, 1e-3, 0, new int[]{8, 16, 32}, 10)).run();
        assertTrue(w.message().contains("--task-weights needs 2 numbers"), w.message());
        var twice = new MultiMnistRun(small("hard", "fixed").withTasks(List.of(MultiMnistTask.LEFT, MultiMnistTask.LEFT), 0)).run();
        assertTrue(twice.message().startsWith("--tasks: give two different tasks"), twice.message());
        var widths = new MultiMnistRun(new MultiMnistConfig("hard", "fixed", new double[]{1, 1}, new double[]{0, 0}, 1.5,
                100, 50, 1, 32, 1e-3, 0, new int[]{8, 16}, 10)).run();
        assertTrue(widths.message().startsWith("--widths: give three channel counts"), widths.message());
    }

    /**
     * The digit sum (a regression) beside the left digit, under Kendall's uncertainty weighting in its two forms
     * (cross-entropy for the digit, squared error for the standardised sum): both learn; the sum's RMSE ends well
     * below the 3.83 of always answering the mean (the sum of two different digits has sd √(2·8.25 − 2·8.25/9)).
     */
    @Test
    void theDigitSumLearnsUnderKendallsRegressionForm(@TempDir Path dir) throws Exception {
        MultiMnistConfig c = new MultiMnistConfig("hard", "uncertainty", new double[]{1, 1}, new double[]{0, 0}, 1.5, 2000,
                500, 6, 64, 2e-3, 0, MultiMnistConfig.defaults().widths(), 10, List.of(MultiMnistTask.LEFT, MultiMnistTask.SUM), 0);
        MultiMnistResult r = new MultiMnistRun(c).addListener(new MultiMnistRecorder(dir)).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        System.out.printf("left digit + digit sum: accuracy %s, RMSE %s, weights %s%n",
                java.util.Arrays.toString(r.taskAccuracy()), java.util.Arrays.toString(r.taskRmse()),
                java.util.Arrays.toString(r.finalWeights()));
        assertTrue(r.taskAccuracy()[0] > 0.3, "left digit " + r.taskAccuracy()[0]);
        assertTrue(r.taskRmse()[1] < 0.85 * 3.83, "sum RMSE " + r.taskRmse()[1]);
        assertTrue(Double.isNaN(r.taskRmse()[0]));
        var summary = org.transferlab.io.Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals(2, summary.path("task_rmse").size());
        assertEquals("digit sum", org.transferlab.io.Json.MAPPER.readTree(dir.resolve("config.json").toFile())
                .path("tasks").get(1).asText());
        MultiMnistConfig back = MultiMnistRecorder.readConfig(dir);
        assertEquals(c.label(), back.label());
        assertEquals(c.tasks(), back.tasks());
    }

    /** The squared error and its gradient by hand, and against central differences. */
    @Test
    void squaredErrorByHandAndFiniteDifferences() {
        float[][] t = {{3}, {12}};
        double[] y = {3.4, 10};
        double[] g = new double[2];
        // L = 1/N Σ (y − t)² = 1/2 · (0.16 + 4) = 2.08; ∂L/∂y = 2(y − t)/N = (0.4, −2)
        assertEquals(2.08, MultiMnistRun.squaredError(y, t, new int[]{0, 1}, 0, 2, g), 1e-12);
        assertArrayEquals(new double[]{0.4, -2}, g, 1e-12);
        assertEquals(1, MultiMnistRun.exact(y, t, new int[]{0, 1}, 0, 2), "3.4 rounds to 3; 10 is not 12");
        for (int k = 0; k < 2; k++) {
            double h = 1e-6;
            double[] p = y.clone();
            double[] m = y.clone();
            p[k] += h;
            m[k] -= h;
            double fd = (MultiMnistRun.squaredError(p, t, new int[]{0, 1}, 0, 2, new double[2])
                    - MultiMnistRun.squaredError(m, t, new int[]{0, 1}, 0, 2, new double[2])) / (2 * h);
            assertEquals(fd, g[k], 1e-6);
        }
    }

    /**
     * Stopped in epoch 3, resumed from the checkpoint of epoch 2: model, Adam, the weighting's state and the batch
     * order restored, the metrics file is byte for byte that of a run that never stopped, and so are the results.
     */
    @Test
    void aResumedRunIsTheRunThatNeverStopped(@TempDir Path dir) throws Exception {
        for (String[] aw : new String[][]{{"cross-stitch", "uncertainty"}, {"hard", "dwa"}}) {
            MultiMnistConfig c = small(aw[0], aw[1]);
            Path whole = dir.resolve(aw[0] + "-whole");
            Path parts = dir.resolve(aw[0] + "-parts");
            MultiMnistResult a = new MultiMnistRun(c).outputDir(whole).addListener(new MultiMnistRecorder(whole)).run();
            MultiMnistRun first = new MultiMnistRun(c).outputDir(parts);
            first.addListener(new MultiMnistRecorder(parts)).addListener(new MultiMnistListener() {
                @Override
                public void onStep(MultiTaskListener.Step s) {
                    if (s.epoch() == 3) {
                        first.control().stop();
                    }
                }
            });
            MultiMnistResult stopped = first.run();
            assertEquals(RunResult.Status.STOPPED, stopped.status(), stopped.message());
            assertTrue(stopped.message().contains("train --resume"), stopped.message());
            MultiMnistCheckpoint ck = MultiMnistCheckpoint.read(parts.resolve(MultiMnistCheckpoint.FILE));
            assertEquals(2, ck.epoch());
            MultiMnistResult b = new MultiMnistRun(c).outputDir(parts).resumeFrom(parts.resolve(MultiMnistCheckpoint.FILE))
                    .addListener(MultiMnistRecorder.resuming(parts, ck.epoch())).run();
            assertEquals(RunResult.Status.COMPLETED, b.status(), b.message());
            assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parts.resolve("metrics.csv")));
            assertTrue(java.util.Arrays.equals(a.taskAccuracy(), b.taskAccuracy()));
            assertTrue(java.util.Arrays.equals(a.finalWeights(), b.finalWeights()));
            if (aw[0].equals("cross-stitch")) {
                assertEquals(Files.readString(whole.resolve(MultiMnistRecorder.ALPHAS)),
                        Files.readString(parts.resolve(MultiMnistRecorder.ALPHAS)));
            }
        }
        // a checkpoint of another run is refused with one line
        MultiMnistConfig other = small("hard", "fixed");
        MultiMnistResult wrong = new MultiMnistRun(other).resumeFrom(dir.resolve("hard-parts").resolve(MultiMnistCheckpoint.FILE)).run();
        assertEquals(RunResult.Status.FAILED, wrong.status());
        assertTrue(wrong.message().contains("belongs to multimnist-hard-dwa with seed 0, not to multimnist-hard-fixed"),
                wrong.message());
    }
}
