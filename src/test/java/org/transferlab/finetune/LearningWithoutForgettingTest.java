package org.transferlab.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.data.DataKind;
import org.transferlab.engine.RunResult;
import org.transferlab.io.Json;
import picocli.CommandLine;

/** Learning without forgetting: the old head's term by hand, its gradient, that it pins the head, and runs. */
class LearningWithoutForgettingTest {

    private static FineTuneConfig lwf(TargetTask task, int perClass, int steps) {
        return FineTuneConfig.defaults().withTask(task).withData(DataKind.EMBEDDED, null).withStrategy(Strategy.LWF)
                .withPerClass(perClass).withSteps(steps).withEvaluations(2);
    }

    @Test
    void theTermByHandOnOneImageOfTwoClasses() {
        // recorded r = (0, 2ln3), T = 2: p = softmax(r/2) = softmax(0, ln3) = (1/4, 3/4)
        // old head z = (0, 0): q = (1/2, 1/2); L_old = −(1/4·ln½ + 3/4·ln½) = ln 2
        double[] r = {0, 2 * Math.log(3)};
        double[] z = {0, 0};
        double[] g = new double[2];
        double v = LearningWithoutForgetting.term(z, r, 2, 2.0, 1.0, g);
        assertEquals(Math.log(2), v, 1e-12);
        // ∂/∂z_i = λ (q_i − p_i) / (N·T) = (1/2 − 1/4)/2, (1/2 − 3/4)/2
        assertEquals(0.125, g[0], 1e-12);
        assertEquals(-0.125, g[1], 1e-12);
        // λ scales value and gradient; KL = L_old − H(p) = ln2 − (¼ln4 + ¾ln(4/3))
        double[] g3 = new double[2];
        assertEquals(3 * Math.log(2), LearningWithoutForgetting.term(z, r, 2, 2.0, 3.0, g3), 1e-12);
        assertEquals(0.375, g3[0], 1e-12);
        double h = 0.25 * Math.log(4) + 0.75 * Math.log(4.0 / 3);
        assertEquals(Math.log(2) - h, LearningWithoutForgetting.kl(z, r, 2, 2.0), 1e-12);
        // answering exactly as recorded: KL 0, gradient 0
        double[] g0 = new double[2];
        LearningWithoutForgetting.term(r.clone(), r, 2, 2.0, 1.0, g0);
        assertEquals(0, LearningWithoutForgetting.kl(r.clone(), r, 2, 2.0), 1e-12);
        assertEquals(0, g0[0], 1e-12);
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        java.util.Random rng = new java.util.Random(7);
        int n = 3;
        int k = 4;
        double[] z = new double[n * k];
        double[] r = new double[n * k];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian() * 2;
            r[i] = rng.nextGaussian() * 2;
        }
        for (double t : new double[]{1, 2, 5}) {
            double[] g = new double[z.length];
            LearningWithoutForgetting.term(z, r, k, t, 1.5, g);
            double eps = 1e-6;
            for (int i = 0; i < z.length; i++) {
                double[] up = z.clone();
                double[] down = z.clone();
                up[i] += eps;
                down[i] -= eps;
                double fd = (LearningWithoutForgetting.term(up, r, k, t, 1.5, null)
                        - LearningWithoutForgetting.term(down, r, k, t, 1.5, null)) / (2 * eps);
                assertEquals(fd, g[i], 1e-7, "T = " + t + ", logit " + i);
            }
        }
    }

    @Test
    void theTermPinsTheOldHeadToItsRecordedAnswers() {
        // the same run with λ_o = 0 (the old head is kept but free: its shared layers move under it) and λ_o = 1
        FineTuneConfig c = lwf(TargetTask.FASHION_SPLIT, 10, 30).withEvaluations(1);
        List<FineTuneListener.Forgetting> free = new ArrayList<>();
        List<FineTuneListener.Forgetting> pinned = new ArrayList<>();
        FineTuneResult a = new FineTuneRun(c.withLwf(0, 2)).addListener(new FineTuneListener() {
            @Override
            public void onForgetting(Forgetting f) {
                free.add(f);
            }
        }).run();
        FineTuneResult b = new FineTuneRun(c).addListener(new FineTuneListener() {
            @Override
            public void onForgetting(Forgetting f) {
                pinned.add(f);
            }
        }).run();
        assertEquals(RunResult.Status.COMPLETED, a.status(), a.message());
        assertEquals(RunResult.Status.COMPLETED, b.status(), b.message());
        assertEquals(0, free.get(0).epoch());
        assertTrue(free.get(0).oldHeadKl() < 1e-9, "before training the old head is the source's: KL "
                + free.get(0).oldHeadKl());
        double klFree = free.get(free.size() - 1).oldHeadKl();
        double klPinned = pinned.get(pinned.size() - 1).oldHeadKl();
        assertTrue(klPinned < klFree / 3, "KL from the recorded answers: with the term " + klPinned
                + ", without " + klFree);
        assertTrue(pinned.get(pinned.size() - 1).sourceAccuracy() > free.get(free.size() - 1).sourceAccuracy(),
                "the pinned head remembers the source task better");
    }

    /** A short LwF run of {@code c} recorded in {@code dir}: it completes, learns the target, writes the source accuracy. */
    private static void shortRunLearnsAndRecords(FineTuneConfig c, Path dir) throws Exception {
        TargetTask task = c.task();
        FineTuneRun run = new FineTuneRun(c).addListener(new FineTuneRecorder(dir));
        FineTuneResult r = run.run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        double chance = 1.0 / task.targetClassCount();
        assertTrue(r.testAccuracy() > chance + 0.25, task.id() + ": target accuracy " + r.testAccuracy());
        JsonNode s = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("lwf", s.path("strategy").asText());
        double before = s.path("source_accuracy_before").asDouble(Double.NaN);
        double after = s.path("source_accuracy_after").asDouble(Double.NaN);
        assertTrue(before > 0.6 && after > 0 && after <= 1, task.id() + ": source accuracy " + before + " → " + after);
        assertEquals(run.sourceAccuracyBefore(), before, 1e-9);
        assertEquals(run.sourceAccuracyAfter(), after, 1e-9);
        List<String> rows = Files.readAllLines(dir.resolve(FineTuneRecorder.FORGETTING));
        assertEquals(FineTuneRecorder.FORGETTING_HEADER, rows.get(0));
        assertTrue(rows.get(1).startsWith("0,0,"), rows.get(1));
        assertTrue(rows.size() >= 3, rows.toString());
        String header = Files.readAllLines(dir.resolve("metrics.csv")).get(0);
        assertTrue(header.contains(",lwf,"), header);
        FineTuneConfig back = FineTuneRecorder.readConfig(dir, null);
        assertEquals(Strategy.LWF, back.strategy());
        assertEquals(c.lwfLambda(), back.lwfLambda(), 0);
        assertEquals(c.lwfTemperature(), back.lwfTemperature(), 0);
    }

    @Test
    void aShortLwfRunOnFashionSplitLearnsTheTargetAndWritesTheSourceAccuracy(@TempDir Path tmp) throws Exception {
        shortRunLearnsAndRecords(lwf(TargetTask.FASHION_SPLIT, 10, 60).withEvaluations(1), tmp);
    }

    @Test
    void aShortLwfRunFromFashionToMnistLearnsTheTargetAndWritesTheSourceAccuracy(@TempDir Path tmp) throws Exception {
        // cnn-large: 5 digits per class, batch 25, 40 steps keep it short
        FineTuneConfig c = lwf(TargetTask.FASHION_TO_MNIST, 5, 40).withEvaluations(1);
        c = new FineTuneConfig(c.task(), c.perClass(), c.strategy(), c.lrMultiplier(), c.layers(), c.steps(), 25,
                c.learningRate(), c.seed(), c.evaluations(), c.data(), c.dataDir(), c.sourceCheckpoint(),
                c.copyLayers(), c.sourceTask(), c.architecture(), c.lwfLambda(), c.lwfTemperature());
        shortRunLearnsAndRecords(c, tmp);
    }

    @Test
    void theForgettingChartReadsARunFolderAndPairsEachSourceLineWithItsTargetLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(FineTuneRecorder.FORGETTING), FineTuneRecorder.FORGETTING_HEADER + "\n"
                + "0,0,0.8000,,0\n7,14,0.7720,0.4130,0.144\n14,28,0.5850,0.5670,0.0785\n");
        var curve = org.transferlab.export.FineTuneFigures.readForgetting(tmp, "lwf");
        assertEquals(List.of(0, 7, 14), List.copyOf(curve.source().keySet()));
        assertEquals(0.585, curve.source().get(14), 1e-12);
        assertEquals(List.of(7, 14), List.copyOf(curve.target().keySet()), "no target accuracy before training");
        var other = new org.transferlab.export.FineTuneFigures.ForgettingCurve("all", java.util.Map.of(0, 0.8, 7, 0.4),
                java.util.Map.of(7, 0.35));
        var chart = org.transferlab.export.FineTuneFigures.forgetting("t", List.of(curve, other));
        var data = chart.getXYPlot().getDataset();
        assertEquals(4, data.getSeriesCount());
        assertEquals("source task: lwf", data.getSeriesKey(0));
        assertEquals("target: all", data.getSeriesKey(3));
        var r = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        assertEquals(r.lookupSeriesPaint(1), r.lookupSeriesPaint(3), "a run's two lines share a colour");
        assertEquals(null, org.transferlab.export.FineTuneFigures.readForgetting(tmp.resolve("none"), "x"));
    }

    @Test
    void aStoppedLwfRunResumedWritesTheFilesOfARunNeverStopped(@TempDir Path tmp) throws Exception {
        FineTuneConfig c = lwf(TargetTask.FASHION_SPLIT, 3, 30).withEvaluations(5);
        Path whole = tmp.resolve("whole");
        Files.createDirectories(whole);
        assertEquals(RunResult.Status.COMPLETED, new FineTuneRun(c).outputDir(whole)
                .addListener(new FineTuneRecorder(whole)).run().status());
        Path parted = tmp.resolve("parted");
        Files.createDirectories(parted);
        FineTuneRun first = new FineTuneRun(c).outputDir(parted).addListener(new FineTuneRecorder(parted));
        first.addListener(new FineTuneListener() {
            @Override
            public void onEpoch(org.transferlab.engine.EpochMetrics e) {
                if (e.epoch() == 7) {
                    first.control().stop();
                }
            }
        });
        assertEquals(RunResult.Status.STOPPED, first.run().status());
        int epoch = Integer.parseInt(org.transferlab.models.Checkpoint.read(parted.resolve(FineTuneRun.CHECKPOINT))
                .metadata().get("epoch"));
        FineTuneResult r = new FineTuneRun(c).outputDir(parted).resumeFrom(parted.resolve(FineTuneRun.CHECKPOINT))
                .addListener(FineTuneRecorder.resuming(parted, epoch)).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parted.resolve("metrics.csv")));
        assertEquals(Files.readString(whole.resolve(FineTuneRecorder.FORGETTING)),
                Files.readString(parted.resolve(FineTuneRecorder.FORGETTING)));
        var a = Json.MAPPER.readTree(whole.resolve("summary.json").toFile());
        var b = Json.MAPPER.readTree(parted.resolve("summary.json").toFile());
        assertEquals(a.path("source_accuracy_before").asDouble(), b.path("source_accuracy_before").asDouble(), 0);
        assertEquals(a.path("source_accuracy_after").asDouble(), b.path("source_accuracy_after").asDouble(), 0);
    }

    @Test
    void impossibleSettingsAreRefusedNamingTheKey() {
        var negative = new FineTuneRun(lwf(TargetTask.FASHION_SPLIT, 3, 10).withLwf(-0.5, 2)).run();
        assertEquals(RunResult.Status.FAILED, negative.status());
        assertTrue(negative.message().startsWith("--lwf-lambda must be"), negative.message());
        var cold = new FineTuneRun(lwf(TargetTask.FASHION_SPLIT, 3, 10).withLwf(1, 0)).run();
        assertTrue(cold.message().startsWith("--lwf-temperature must be > 0"), cold.message());
        FineTuneCommand cmd = new FineTuneCommand();
        new CommandLine(cmd).parseArgs("--strategy", "lwf", "--lwf-temperature", "-1");
        var e = assertThrows(IllegalArgumentException.class, cmd::toConfig);
        assertTrue(e.getMessage().contains("--lwf-temperature"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        FineTuneCommand ok = new FineTuneCommand();
        new CommandLine(ok).parseArgs("--strategy", "lwf", "--lwf-lambda", "2");
        assertEquals(Strategy.LWF, ok.toConfig().strategy());
        assertEquals(2.0, ok.toConfig().lwfLambda(), 0);
    }
}
