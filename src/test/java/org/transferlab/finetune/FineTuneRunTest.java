package org.transferlab.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.data.DataKind;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunResult;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/** Fine-tuning on the embedded Fashion-MNIST: what trains, from where, how fast, and that every strategy learns. */
class FineTuneRunTest {

    private static FineTuneConfig split(Strategy s, int perClass, int steps) {
        return FineTuneConfig.defaults().withData(DataKind.EMBEDDED, null).withStrategy(s).withPerClass(perClass)
                .withSteps(steps).withEvaluations(1);
    }

    private static Map<String, float[]> values(Network net) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            m.put(p.name(), Floats.read(p.value(), null));
        }
        return m;
    }

    @Test
    void aFrozenLayerIsBitIdenticalAfterTrainingAndTheHeadIsNot() throws Exception {
        FineTuneConfig c = split(Strategy.top(1), 3, 20);
        FineTuneRun run = new FineTuneRun(c);
        Map<String, float[]> before = values(FineTuneRun.startingNetwork(c, 5));
        FineTuneResult r = run.run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        Map<String, float[]> after = values(run.network());
        for (String name : List.of("g1_conv1/W", "g1_conv1/b", "g1_conv1_bn/gamma", "g2_conv1/W", "g2_conv1_bn/beta")) {
            assertArrayEquals(before.get(name), after.get(name), name + " is frozen under top-1");
        }
        for (String name : List.of("g3_conv1/W", "g3_conv1_bn/gamma", "logits/W")) {
            assertFalse(java.util.Arrays.equals(before.get(name), after.get(name)), name + " trains under top-1");
        }
    }

    @Test
    void theLearningRateMultiplierScalesAdamsFirstStep() {
        // Adam's first step moves every parameter by lr·multiplier·g/(|g| + ε), i.e. lr·multiplier against the
        // gradient's sign wherever |g| ≫ ε: the hand-computed value of one step
        Network net = Network.create(ModelZoo.get("cnn-small"), 5, 0);
        LayerPlan plan = LayerPlan.of(net, Strategy.ALL, 0.1, Map.of("g1_conv1", "frozen"));
        Map<String, float[]> before = values(net);
        for (Parameter p : net.parameters()) {
            float[] g = new float[(int) p.value().length()];
            for (int i = 0; i < g.length; i++) {
                g[i] = (i % 2 == 0 ? 1 : -1) * (0.5f + i % 3);
            }
            Floats.write(p.grad(), g);
        }
        AdamOptimizer adam = new AdamOptimizer(1e-3);
        adam.nextStep();
        for (Parameter p : net.parameters()) {
            if (plan.multiplier(p) > 0) {
                adam.update(p.name(), p.value(), p.grad(), plan.multiplier(p));
            }
        }
        Map<String, float[]> after = values(net);
        Map<String, Double> expected = Map.of("g1_conv1/W", 0.0, "g2_conv1/W", 1e-4, "g3_conv1_bn/gamma", 1e-4,
                "logits/W", 1e-3, "logits/b", 1e-3);
        expected.forEach((name, step) -> {
            float[] b = before.get(name);
            float[] a = after.get(name);
            for (int i = 0; i < a.length; i++) {
                double sign = i % 2 == 0 ? 1 : -1;
                assertEquals(b[i] - sign * step, a[i], 1e-7, name + "[" + i + "]");
            }
        });
    }

    @Test
    void theBatchNormPatchTrainsExactlyGammaBetaAndTheHead() throws Exception {
        Network net = Network.create(ModelZoo.get("cnn-small"), 5, 0);
        LayerPlan plan = LayerPlan.of(net, Strategy.BN_PATCH, 1, Map.of());
        // γ and β of 8 + 16 + 32 channels, and the head 32·5 + 5
        assertEquals(2 * (8 + 16 + 32) + 32 * 5 + 5, plan.trainableParameters());
        assertEquals(net.parameterCount(), plan.totalParameters());
        for (Parameter p : net.parameters()) {
            boolean patch = p.name().endsWith("/gamma") || p.name().endsWith("/beta") || p.name().startsWith("logits/");
            assertEquals(patch, plan.multiplier(p) > 0, p.name());
        }
        FineTuneConfig c = split(Strategy.BN_PATCH, 3, 15);
        Map<String, float[]> before = values(FineTuneRun.startingNetwork(c, 5));
        FineTuneRun run = new FineTuneRun(c);
        assertEquals(RunResult.Status.COMPLETED, run.run().status());
        Map<String, float[]> after = values(run.network());
        long changed = 0;
        for (var e : before.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), after.get(e.getKey()))) {
                changed += e.getValue().length;
            }
        }
        assertEquals(plan.trainableParameters(), changed, "exactly the patch and the head changed");
    }

    @Test
    void aFineTunedRunStartsFromTheSourcesWeights() throws Exception {
        FineTuneConfig c = split(Strategy.ALL, 3, 1);
        Network start = FineTuneRun.startingNetwork(c, 5);
        Network source = Network.create(ModelZoo.get("cnn-small"), 5, 0);
        Checkpoint.apply(source, SourceNetworks.read(TargetTask.FASHION_SPLIT, null), "source");
        var images = FineTuneRun.images(c).train();
        var x = org.transferlab.engine.Batches.images(images, org.transferlab.engine.Batches.identity(images.size()), 0, 8);
        float[] a = Floats.read(start.forward(x, Pass.EVAL).taps().get("embedding"), null);
        float[] b = Floats.read(source.forward(x, Pass.EVAL).taps().get("embedding"), null);
        assertArrayEquals(b, a, 0f, "the trunk is the source's, up to the head");
        assertNotEquals(Floats.read(source.parameter("logits/W").value(), null)[0],
                Floats.read(start.parameter("logits/W").value(), null)[0], "the head is new");
        // scratch does not read the source
        Network scratch = FineTuneRun.startingNetwork(c.withStrategy(Strategy.SCRATCH), 5);
        assertFalse(java.util.Arrays.equals(b, Floats.read(scratch.forward(x, Pass.EVAL).taps().get("embedding"), null)));
    }

    @Test
    void everyStrategyLearnsWellAboveChance() {
        // five classes: chance is 0.2
        for (Strategy s : List.of(Strategy.SCRATCH, Strategy.LINEAR_PROBE, Strategy.top(2), Strategy.ALL,
                Strategy.BN_PATCH)) {
            FineTuneResult r = new FineTuneRun(split(s, 10, 100)).run();
            assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
            assertTrue(r.testAccuracy() > 0.4, s + ": " + r.testAccuracy());
        }
    }

    @Test
    void badInputGetsOneSentenceBeforeAnyTraining(@TempDir Path tmp) throws Exception {
        var top = new FineTuneRun(split(Strategy.top(4), 3, 10)).run();
        assertEquals(RunResult.Status.FAILED, top.status());
        assertTrue(top.message().contains("has only 3 conv layers"), top.message());
        var many = new FineTuneRun(split(Strategy.ALL, 5000, 10)).run();
        assertTrue(many.message().contains("more labels per class than the target has"), many.message());
        var nothing = new FineTuneRun(split(Strategy.LINEAR_PROBE, 3, 10).withLayers(Map.of("logits", "frozen"))).run();
        assertTrue(nothing.message().contains("nothing is left to train"), nothing.message());
        var unknown = new FineTuneRun(split(Strategy.ALL, 3, 10).withLayers(Map.of("g9_conv1", "frozen"))).run();
        assertTrue(unknown.message().contains("has no layer g9_conv1"), unknown.message());
        // a source of another architecture: the shipped cnn-large teacher offered as the cnn-small source
        Path teacher = tmp.resolve("teacher.tlck");
        try (var in = getClass().getResourceAsStream("/teachers/cnn-large-fashion-mnist.tlck")) {
            Files.copy(in, teacher);
        }
        var foreign = new FineTuneRun(split(Strategy.ALL, 3, 10).withSource(teacher, -1)).run();
        assertEquals(RunResult.Status.FAILED, foreign.status());
        assertTrue(foreign.message().contains("is a cnn-large network, but this setting fine-tunes a cnn-small"),
                foreign.message());
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("top-x"));
        assertThrows(IllegalArgumentException.class, () -> TargetTask.parse("cifar"));
    }

    @Test
    void aStoppedRunResumedWritesTheFilesOfARunNeverStopped(@TempDir Path tmp) throws Exception {
        FineTuneConfig c = split(Strategy.top(2), 3, 30).withEvaluations(5);
        Path whole = tmp.resolve("whole");
        Files.createDirectories(whole);
        assertEquals(RunResult.Status.COMPLETED, new FineTuneRun(c).outputDir(whole)
                .addListener(new FineTuneRecorder(whole)).run().status());
        Path parted = tmp.resolve("parted");
        Files.createDirectories(parted);
        FineTuneRun first = new FineTuneRun(c).outputDir(parted).addListener(new FineTuneRecorder(parted));
        first.addListener(new FineTuneListener() {
            @Override
            public void onEpoch(EpochMetrics e) {
                if (e.epoch() == 7) { // after the checkpoint of epoch 6, part of the way into the next interval
                    first.control().stop();
                }
            }
        });
        assertEquals(RunResult.Status.STOPPED, first.run().status());
        int epoch = Integer.parseInt(Checkpoint.read(parted.resolve(FineTuneRun.CHECKPOINT)).metadata().get("epoch"));
        assertTrue(epoch > 0 && epoch < 15, "checkpoint of epoch " + epoch);
        FineTuneResult r = new FineTuneRun(c).outputDir(parted).resumeFrom(parted.resolve(FineTuneRun.CHECKPOINT))
                .addListener(FineTuneRecorder.resuming(parted, epoch)).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(parted.resolve("metrics.csv")));
        assertEquals(Files.readString(whole.resolve(FineTuneRecorder.DRIFT)),
                Files.readString(parted.resolve(FineTuneRecorder.DRIFT)));
        var summary = org.transferlab.io.Json.MAPPER.readTree(parted.resolve("summary.json").toFile());
        assertEquals("top-2", summary.path("strategy").asText());
        assertEquals(3, summary.path("per_class").asInt());
        assertEquals(8 * 9 * 16 + 16 + 2 * 16 + 16 * 9 * 32 + 32 + 2 * 32 + 32 * 5 + 5,
                summary.path("trainable_parameters").asLong());
        assertTrue(summary.path("test_accuracy").asDouble() > 0.2);
        // the drift of a frozen layer stays at zero
        List<String> drift = Files.readAllLines(parted.resolve(FineTuneRecorder.DRIFT));
        assertEquals("epoch,step,g1_conv1,g2_conv1,g3_conv1,logits", drift.get(0));
        String[] last = drift.get(drift.size() - 1).split(",");
        assertEquals(0.0, Double.parseDouble(last[2]), "g1_conv1 is frozen: " + drift.get(drift.size() - 1));
        assertTrue(Double.parseDouble(last[4]) > 0, "g3_conv1 trains: " + drift.get(drift.size() - 1));
    }
}
