package org.transferlab.l2t;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.io.Json;

/** Every method of the table learns the five target classes from few labels; L2T's λ stay non-negative. */
class L2tRunTest {

    private static L2tConfig quick(L2tMethod m) {
        return new L2tConfig(m, 10, 40, 25, 2e-3, 0.5, 1e-3, 1, 0.1, 0, 4, org.transferlab.data.DataKind.EMBEDDED);
    }

    @Test
    void everyMethodLearnsFromFewLabels() {
        for (L2tMethod m : L2tMethod.values()) {
            List<Map<L2tMethod.Pair, L2tListener.PairState>> seen = new ArrayList<>();
            L2tResult r = new L2tRun(quick(m)).addListener(new L2tListener() {
                @Override
                public void onPairs(int epoch, Map<L2tMethod.Pair, L2tListener.PairState> pairs) {
                    seen.add(pairs);
                }
            }).run();
            assertEquals(RunResult.Status.COMPLETED, r.status(), m + ": " + r.message());
            System.out.printf("%s: test accuracy %.4f, %.1f s, λ %s%n", m.id(), r.testAccuracy(), r.seconds(), r.lambda());
            // chance is 0.2 on five classes
            assertTrue(r.testAccuracy() > 0.35, m + ": test accuracy " + r.testAccuracy());
            if (m != L2tMethod.SCRATCH) {
                assertTrue(!seen.isEmpty(), m + " reports its pairs");
                for (var pairs : seen) {
                    pairs.values().forEach(s -> {
                        assertTrue(s.lambda() >= 0, "λ ≥ 0");
                        double sum = 0;
                        for (double w : s.channelWeights()) {
                            sum += w;
                        }
                        assertEquals(1, sum, 1e-9, "channel weights sum to 1");
                    });
                }
            }
        }
    }

    /**
     * Stopped in epoch 3, resumed from the checkpoint of epoch 2: the target, its Adam moments, the regressors, φ
     * with its Adam state and the batch order restored; metrics, λ and channel weights are byte for byte those of
     * a run that never stopped, and so are the results.
     */
    @Test
    void aResumedRunIsTheRunThatNeverStopped(@TempDir Path dir) throws Exception {
        L2tConfig c = new L2tConfig(L2tMethod.L2T_WW, 10, 5, 25, 2e-3, 0.5, 1e-2, 1, 0.1, 3, 5,
                org.transferlab.data.DataKind.EMBEDDED);
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        L2tResult a = new L2tRun(c).outputDir(whole).addListener(new L2tRecorder(whole)).run();
        assertEquals(RunResult.Status.COMPLETED, a.status(), a.message());
        L2tRun first = new L2tRun(c).outputDir(parts);
        first.addListener(new L2tRecorder(parts)).addListener(new L2tListener() {
            @Override
            public void onStep(StepMetrics s) {
                if (s.epoch() == 3) {
                    first.control().stop();
                }
            }
        });
        L2tResult stopped = first.run();
        assertEquals(RunResult.Status.STOPPED, stopped.status(), stopped.message());
        assertTrue(stopped.message().contains("train --resume"), stopped.message());
        L2tCheckpoint ck = L2tCheckpoint.read(parts.resolve(L2tCheckpoint.FILE));
        assertEquals(2, ck.epoch());
        L2tResult b = new L2tRun(L2tRecorder.readConfig(parts)).outputDir(parts)
                .resumeFrom(parts.resolve(L2tCheckpoint.FILE)).addListener(L2tRecorder.resuming(parts, ck.epoch())).run();
        assertEquals(RunResult.Status.COMPLETED, b.status(), b.message());
        for (String f : List.of("metrics.csv", L2tRecorder.LAMBDA, L2tRecorder.CHANNELS)) {
            assertEquals(Files.readString(whole.resolve(f)), Files.readString(parts.resolve(f)), f);
        }
        assertEquals(a.testAccuracy(), b.testAccuracy());
        assertEquals(a.lambda(), b.lambda());
        assertEquals(a.steps(), b.steps());
        // a checkpoint of other settings is refused in one line, before any training
        L2tConfig other = new L2tConfig(L2tMethod.L2T_WW, 10, 5, 25, 2e-3, 0.5, 1e-3, 1, 0.1, 3, 5,
                org.transferlab.data.DataKind.EMBEDDED);
        L2tResult wrong = new L2tRun(other).resumeFrom(parts.resolve(L2tCheckpoint.FILE)).run();
        assertEquals(RunResult.Status.FAILED, wrong.status());
        assertTrue(wrong.message().contains("was written under other settings") && !wrong.message().contains("\n"),
                wrong.message());
        assertEquals(0, wrong.steps());
    }

    /**
     * A lookahead that blows up (α = 10 for T = 10 steps) turns the meta-gradient infinite on the first step: the
     * run stops as diverged naming the term and what to lower, and its folder keeps the config, the metrics header
     * and a summary saying so.
     */
    @Test
    void anInfiniteMetaGradientStopsTheRunNamingTheTerm(@TempDir Path dir) throws Exception {
        L2tConfig c = new L2tConfig(L2tMethod.L2T_WW, 10, 3, 25, 1e-3, 0.5, 1e-4, 10, 10, 0, 3,
                org.transferlab.data.DataKind.EMBEDDED);
        L2tResult r = new L2tRun(c).outputDir(dir).addListener(new L2tRecorder(dir)).run();
        assertEquals(RunResult.Status.DIVERGED, r.status(), r.message());
        assertTrue(r.message().startsWith("the meta-gradient turned NaN or infinite in "), r.message());
        assertTrue(r.message().contains("--inner-lr") && r.message().contains("(epoch 1, step 1)"), r.message());
        var summary = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("diverged", summary.path("status").asText());
        assertEquals(r.message(), summary.path("message").asText());
        assertEquals("l2t-ww", Json.MAPPER.readTree(dir.resolve("config.json").toFile()).path("method").asText());
        assertTrue(Files.readString(dir.resolve("metrics.csv")).startsWith("kind,epoch,step"));
    }

    /** A larger source into a small target (the paper's direction): the pairs join maps of different widths. */
    @Test
    void aCnnLargeSourceTeachesACnnSmallTarget() {
        L2tConfig c = quick(L2tMethod.FM_ONE).withNetworks(L2tConfig.LARGE, L2tConfig.SMALL);
        L2tResult r = new L2tRun(c).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        assertTrue(r.testAccuracy() > 0.35, "test accuracy " + r.testAccuracy());
        assertEquals(3, r.lambda().size());
    }

    /** Sources that cannot serve are refused in one sentence before any training. */
    @Test
    void unfitSourcesAreRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        // the shipped teacher saw all ten classes, the target's among them
        Path teacher = dir.resolve("teacher.tlck");
        try (var in = L2tRunTest.class.getResourceAsStream("/teachers/cnn-large-fashion-mnist.tlck")) {
            Files.copy(in, teacher);
        }
        L2tResult r = new L2tRun(quick(L2tMethod.FM_ONE).withNetworks(teacher.toString(), L2tConfig.SMALL)).run();
        assertEquals(RunResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("predicts 10 classes") && r.message().contains("classes 0–4 only"),
                r.message());
        assertEquals(0, r.steps());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> quick(L2tMethod.FM_ONE).withNetworks(dir.resolve("none.tlck").toString(), L2tConfig.SMALL)
                        .validate());
        assertTrue(e.getMessage().contains("neither a shipped source"), e.getMessage());
        var t = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> quick(L2tMethod.FM_ONE).withNetworks(L2tConfig.SMALL, "mlp-large").validate());
        assertTrue(t.getMessage().startsWith("--target must be one of"), t.getMessage());
    }
}
