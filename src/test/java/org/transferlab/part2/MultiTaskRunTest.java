package org.transferlab.part2;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Every part-2 path learns on the embedded data, and its run folder holds what the README promises. */
class MultiTaskRunTest {
    @TempDir
    Path dir;

    private static MultiTaskConfig config(MultiTaskExercise ex, String weighting, int epochs) {
        MultiTaskConfig d = MultiTaskConfig.defaults(ex);
        return new MultiTaskConfig(ex, weighting, d.fixedWeights(), d.initialS(), 1.5, DataKind.EMBEDDED, null, 512,
                epochs, 64, 2e-3, 0, epochs, d.widths());
    }

    @Test
    void q2LearnsBothTasksUnderEveryWeighting() throws Exception {
        for (String w : List.of("fixed", "uncertainty", "gradnorm", "mgda", "dwa", "pcgrad")) {
            Path out = dir.resolve(w);
            Files.createDirectories(out);
            List<MultiTaskListener.Step> steps = new ArrayList<>();
            MultiTaskRun run = new MultiTaskRun(config(MultiTaskExercise.Q2, w, 8)).addListener(new MultiTaskRecorder(out))
                    .addListener(new MultiTaskListener() {
                        @Override
                        public void onStep(Step s) {
                            steps.add(s);
                        }
                    });
            MultiTaskResult r = run.run();
            assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
            double[] acc = r.structures().get(0).testAccuracy();
            // chance is 0.1 for both ten-class tasks (after these 64 steps; BN's running statistics lag
            // the weights early on, so test accuracy trails training accuracy here)
            assertTrue(acc[0] > 0.25 && acc[1] > 0.25, w + ": test accuracy " + acc[0] + " / " + acc[1]);
            double first = steps.get(0).losses()[0] + steps.get(0).losses()[1];
            double last = steps.get(steps.size() - 1).losses()[0] + steps.get(steps.size() - 1).losses()[1];
            assertTrue(last < 0.8 * first, w + ": loss " + first + " -> " + last);
            System.out.printf("%s: test accuracy %.4f / %.4f, loss %.3f -> %.3f%n", w, acc[0], acc[1], first, last);
            JsonNode summary = Json.MAPPER.readTree(out.resolve(MultiTaskRecorder.SUMMARY).toFile());
            assertEquals(2, summary.get("task_accuracy").size());
            assertEquals(acc[0], summary.get("task_accuracy").get(0).asDouble(), 1e-6);
            assertEquals(2, summary.get("final_weights").size());
            if (w.equals("gradnorm")) {
                double sum = summary.get("final_weights").get(0).asDouble() + summary.get("final_weights").get(1).asDouble();
                assertEquals(2.0, sum, 1e-3, "GradNorm's weights sum to the number of tasks");
            }
            if (w.equals("mgda")) {
                steps.forEach(s -> assertEquals(1.0, s.weights()[0] + s.weights()[1], 1e-9));
            }
            if (w.equals("pcgrad")) {
                steps.forEach(s -> assertEquals(List.of(1.0, 1.0), List.of(s.weights()[0], s.weights()[1])));
                assertTrue(steps.stream().anyMatch(s -> s.cosine() < 0), "some steps conflict, so PCGrad projected");
            }
        }
        // MGDA-UB needs one representation both tasks compute from the same input: part 2 says so before training
        MultiTaskConfig d = config(MultiTaskExercise.Q2, "mgda-ub", 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, d::validate);
        assertTrue(e.getMessage().startsWith("--weighting mgda-ub needs one representation Z that every task computes "
                + "from the same input; part 2's tasks bring their own images"), e.getMessage());
    }

    @Test
    void a2TrainsEveryStructureAndWritesTheTable() throws Exception {
        MultiTaskRun run = new MultiTaskRun(config(MultiTaskExercise.A2, "fixed", 1)).addListener(new MultiTaskRecorder(dir));
        MultiTaskResult r = run.run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        assertEquals(7, r.structures().size());
        List<String> csv = Files.readAllLines(dir.resolve(MultiTaskRecorder.STRUCTURES));
        assertEquals(8, csv.size());
        assertEquals(1, csv.stream().skip(1).filter(l -> l.endsWith(",best")).count());
        long separate = r.structures().get(0).parameters();
        long shared = r.structures().get(5).parameters();
        assertTrue(separate > shared, "sharing saves parameters: " + separate + " vs " + shared);
    }

    @Test
    void stopEndsTheRunAndKeepsWhatWasRecorded() throws Exception {
        MultiTaskConfig c = config(MultiTaskExercise.Q1, "fixed", 50);
        c = new MultiTaskConfig(c.exercise(), c.weighting(), c.fixedWeights(), c.initialS(), 1.5, c.data(), null, 512, 50,
                64, 2e-3, 0, 1, c.widths());
        MultiTaskRun run = new MultiTaskRun(c).addListener(new MultiTaskRecorder(dir));
        run.addListener(new MultiTaskListener() {
            @Override
            public void onEpoch(Epoch e) {
                if (e.epoch() == 2) {
                    run.control().stop();
                }
            }
        });
        MultiTaskResult r = run.run();
        assertEquals(RunResult.Status.STOPPED, r.status());
        assertEquals("stopped", Json.MAPPER.readTree(dir.resolve(MultiTaskRecorder.SUMMARY).toFile()).get("status").asText());
        assertTrue(Files.readAllLines(dir.resolve(MultiTaskRecorder.METRICS)).stream().filter(l -> l.startsWith("epoch,")).count() >= 2);
    }

    /** Trains {@code c} into {@code out}, stopping at the first step of (structure, epoch) when {@code stopAt} is set. */
    private static MultiTaskResult train(MultiTaskConfig c, Path out, int[] stopAt) throws Exception {
        Files.createDirectories(out);
        MultiTaskRun run = new MultiTaskRun(c).outputDir(out).addListener(new MultiTaskRecorder(out));
        if (stopAt != null) {
            run.addListener(new MultiTaskListener() {
                @Override
                public void onStep(Step s) {
                    if (s.structure() == stopAt[0] && s.epoch() == stopAt[1]) {
                        run.control().stop();
                    }
                }
            });
        }
        return run.run();
    }

    /**
     * Stopped mid-epoch, then resumed from the checkpoint of the epoch before: with the model, Adam's moments, the
     * weighting's state and the batch order restored, the run's metrics file is byte for byte the one of a run that
     * never stopped, and so are its accuracies and final weights.
     */
    @Test
    void aResumedRunIsTheRunThatNeverStopped() throws Exception {
        for (String w : List.of("uncertainty", "gradnorm", "dwa")) {
            MultiTaskConfig c = config(MultiTaskExercise.Q2, w, 4);
            Path whole = dir.resolve(w + "-whole");
            Path parts = dir.resolve(w + "-resumed");
            MultiTaskResult a = train(c, whole, null);
            MultiTaskResult stopped = train(c, parts, new int[]{0, 3});
            assertEquals(RunResult.Status.STOPPED, stopped.status(), stopped.message());
            MultiTaskCheckpoint ck = MultiTaskCheckpoint.read(parts.resolve(MultiTaskCheckpoint.FILE));
            assertEquals(2, ck.epoch(), "the checkpoint of the last finished epoch");
            assertTrue(ck.weighting().size() >= 1, w + " saves its state: " + ck.weighting().keySet());
            MultiTaskResult b = new MultiTaskRun(c).outputDir(parts).resumeFrom(parts.resolve(MultiTaskCheckpoint.FILE))
                    .addListener(MultiTaskRecorder.resuming(parts, ck.structure(), ck.epoch())).run();
            assertEquals(RunResult.Status.COMPLETED, b.status(), b.message());
            assertEquals(Files.readString(whole.resolve(MultiTaskRecorder.METRICS)),
                    Files.readString(parts.resolve(MultiTaskRecorder.METRICS)), w + ": metrics of the resumed run");
            MultiTaskListener.Structure sa = a.structures().get(0);
            MultiTaskListener.Structure sb = b.structures().get(0);
            assertTrue(java.util.Arrays.equals(sa.testAccuracy(), sb.testAccuracy()), w + ": test accuracy");
            assertTrue(java.util.Arrays.equals(sa.finalWeights(), sb.finalWeights()), w + ": final weights "
                    + java.util.Arrays.toString(sa.finalWeights()) + " vs " + java.util.Arrays.toString(sb.finalWeights()));
            System.out.printf("%s resumed after epoch 2: test accuracy %s, weights %s, identical to the whole run%n", w,
                    java.util.Arrays.toString(sb.testAccuracy()), java.util.Arrays.toString(sb.finalWeights()));
        }
    }

    /** A2 stopped in its third structure: the finished structures are kept and the table is the whole run's. */
    @Test
    void aResumedA2KeepsItsFinishedStructures() throws Exception {
        MultiTaskConfig d = config(MultiTaskExercise.A2, "uncertainty", 2);
        MultiTaskConfig c = new MultiTaskConfig(d.exercise(), d.weighting(), d.fixedWeights(), d.initialS(), 1.5,
                d.data(), null, 256, 2, 64, 2e-3, 0, 1, d.widths());
        Path whole = dir.resolve("a2-whole");
        Path parts = dir.resolve("a2-resumed");
        train(c, whole, null);
        assertEquals(RunResult.Status.STOPPED, train(c, parts, new int[]{2, 2}).status());
        MultiTaskCheckpoint ck = MultiTaskCheckpoint.read(parts.resolve(MultiTaskCheckpoint.FILE));
        assertEquals(2, ck.structure());
        assertEquals(2, ck.done().size());
        MultiTaskResult b = new MultiTaskRun(c).outputDir(parts).resumeFrom(parts.resolve(MultiTaskCheckpoint.FILE))
                .addListener(MultiTaskRecorder.resuming(parts, ck.structure(), ck.epoch())).run();
        assertEquals(RunResult.Status.COMPLETED, b.status(), b.message());
        assertEquals(7, b.structures().size());
        assertEquals(Files.readString(whole.resolve(MultiTaskRecorder.STRUCTURES)),
                Files.readString(parts.resolve(MultiTaskRecorder.STRUCTURES)));
        assertEquals(Files.readString(whole.resolve(MultiTaskRecorder.METRICS)),
                Files.readString(parts.resolve(MultiTaskRecorder.METRICS)));
    }

    /** A checkpoint of another run, a part-1 checkpoint or a damaged one is refused with a message; nothing trains. */
    @Test
    void aForeignCheckpointIsRefused() throws Exception {
        MultiTaskConfig c = config(MultiTaskExercise.Q2, "uncertainty", 1);
        Path out = dir.resolve("one");
        assertEquals(RunResult.Status.COMPLETED, train(c, out, null).status());
        Path ck = out.resolve(MultiTaskCheckpoint.FILE);
        MultiTaskConfig otherSeed = new MultiTaskConfig(c.exercise(), c.weighting(), c.fixedWeights(), c.initialS(),
                1.5, c.data(), null, 512, 1, 64, 2e-3, 7, 1, c.widths());
        MultiTaskResult r = new MultiTaskRun(otherSeed).resumeFrom(ck).run();
        assertEquals(RunResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("seed 0, not to mtl-q2 with seed 7"), r.message());
        MultiTaskConfig q1 = config(MultiTaskExercise.Q1, "uncertainty", 1);
        r = new MultiTaskRun(q1).resumeFrom(ck).run();
        assertTrue(r.message().contains("belongs to mtl-q2"), r.message());
        MultiTaskConfig fixed = config(MultiTaskExercise.Q2, "fixed", 1);
        r = new MultiTaskRun(fixed).resumeFrom(ck).run();
        assertEquals(RunResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("keeps no state"), r.message());
        byte[] bytes = Files.readAllBytes(ck);
        Files.write(ck, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        r = new MultiTaskRun(c).resumeFrom(ck).run();
        assertTrue(r.message().contains("damaged or truncated"), r.message());
    }
}
