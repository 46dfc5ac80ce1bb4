package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.transferlab.data.DataKind;
import org.transferlab.io.Json;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.Network;
import org.transferlab.models.ModelZoo;

/**
 * Every training path on the embedded data, short: a small teacher is trained first (cnn-small, so the
 * suite stays fast on two cores), then each student exercise learns from it.
 */
class TrainingRunTest {
    @TempDir
    static Path shared;
    static Path teacherCheckpoint;
    static double teacherAccuracy;

    /** Records every event of a run. */
    static final class Recorder implements TrainingListener {
        final List<StepMetrics> steps = new CopyOnWriteArrayList<>();
        final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
        final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
        RunInfo info;

        @Override
        public void onStart(RunInfo i) {
            info = i;
        }

        @Override
        public void onStep(StepMetrics s) {
            steps.add(s);
        }

        @Override
        public void onEpoch(EpochMetrics e) {
            epochs.add(e);
        }

        @Override
        public void onSnapshot(Snapshot s) {
            snapshots.add(s);
        }
    }

    static TrainingConfig.Builder student(Exercise e) {
        return TrainingConfig.builder().exercise(e).data(DataKind.EMBEDDED).teacher("cnn-small").student("cnn-small")
                .teacherCheckpoint(teacherCheckpoint).trainSize(1000).epochs(4).batchSize(64).seed(1);
    }

    @BeforeAll
    static void trainTeacher() throws Exception {
        Path dir = shared.resolve("teacher");
        TrainingConfig c = TrainingConfig.builder().exercise(Exercise.TEACHER).data(DataKind.EMBEDDED)
                .teacher("cnn-small").student(null).trainSize(3000).epochs(3).batchSize(64).seed(0).build();
        Recorder rec = new Recorder();
        RunResult r = new TrainingRun(c).outputDir(dir).addListener(new RunRecorder(dir)).addListener(rec).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        teacherCheckpoint = dir.resolve(TrainingRun.CHECKPOINT);
        teacherAccuracy = r.summary().testAccuracy();
        assertTrue(teacherAccuracy > 0.6, "teacher test accuracy " + teacherAccuracy);
        assertTrue(rec.epochs.get(2).trainLoss() < rec.epochs.get(0).trainLoss());
    }

    @ParameterizedTest
    @EnumSource(value = Exercise.class, names = {"Q1", "Q2", "Q3", "A1"})
    void everyStudentExerciseLearns(Exercise exercise) {
        Recorder rec = new Recorder();
        RunResult r = new TrainingRun(student(exercise).epochs(8).build()).addListener(rec).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        // the total holds α·T²·(teacher entropy), a constant, so judge learning by the CE term and accuracy
        int perEpoch = rec.info.stepsPerEpoch();
        double ceFirst = rec.steps.subList(0, perEpoch).stream().mapToDouble(s -> s.losses().get("loss/ce")).average().orElseThrow();
        double ceLast = rec.steps.subList(rec.steps.size() - perEpoch, rec.steps.size()).stream()
                .mapToDouble(s -> s.losses().get("loss/ce")).average().orElseThrow();
        System.out.printf("%s: CE %.4f -> %.4f, test accuracy %.4f%n", exercise, ceFirst, ceLast,
                r.summary().testAccuracy());
        assertTrue(ceLast < 0.75 * ceFirst, exercise + ": CE " + ceFirst + " -> " + ceLast);
        assertTrue(rec.epochs.get(rec.epochs.size() - 1).trainLoss() < rec.epochs.get(0).trainLoss());
        assertTrue(r.summary().testAccuracy() > 0.5, exercise + ": test accuracy " + r.summary().testAccuracy());
        var losses = rec.steps.get(0).losses();
        assertTrue(losses.containsKey("loss/ce"));
        assertEquals(exercise.methods().contains("kd"), losses.containsKey("loss/kd"), losses.toString());
        assertEquals(exercise.methods().contains("at"), losses.containsKey("loss/at/group2"), losses.toString());
        if (exercise.needsTeacher()) {
            assertEquals(teacherAccuracy, r.summary().teacherTestAccuracy(), 1e-9);
        } else {
            assertNull(r.summary().teacherTestAccuracy());
        }
    }

    @Test
    void sameSeedSameRunOnTheCpu() {
        TrainingConfig c = student(Exercise.A1).epochs(1).trainSize(256).build();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        new TrainingRun(c).addListener(a).run();
        new TrainingRun(c).addListener(b).run();
        assertEquals(a.steps.size(), b.steps.size());
        for (int i = 0; i < a.steps.size(); i++) {
            assertEquals(a.steps.get(i).total(), b.steps.get(i).total(), 0, "step " + i);
        }
        Recorder other = new Recorder();
        new TrainingRun(student(Exercise.A1).epochs(1).trainSize(256).seed(2).build()).addListener(other).run();
        assertTrue(other.steps.get(0).total() != a.steps.get(0).total());
    }

    @Test
    void stopMidRunKeepsMetricsAndSummary(@TempDir Path dir) throws Exception {
        TrainingRun run = new TrainingRun(student(Exercise.Q2).epochs(50).build()).outputDir(dir)
                .addListener(new RunRecorder(dir));
        run.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                if (s.step() == 20) {
                    run.control().stop();
                }
            }
        });
        run.start();
        RunResult r = run.await();
        assertEquals(RunResult.Status.STOPPED, r.status());
        assertEquals(20, r.summary().steps());
        JsonNode summary = Json.MAPPER.readTree(dir.resolve(RunRecorder.SUMMARY).toFile());
        assertEquals("stopped", summary.get("status").asText());
        List<String> rows = Files.readAllLines(dir.resolve(RunRecorder.METRICS));
        assertEquals(RunRecorder.header(List.of("loss/ce", "loss/kd")), rows.get(0));
        assertEquals("kind,epoch,step,ce,kd,total,train_accuracy,test_accuracy", rows.get(0), "one loss column per term");
        assertEquals(20 + 1 + 1, rows.size(), "header, 20 steps and one finished epoch");
        // the checkpoint of the finished epoch loads
        Network g = Network.create(ModelZoo.get("cnn-small"), 10, 0);
        assertEquals("1", Checkpoint.load(g, dir.resolve(TrainingRun.CHECKPOINT)).metadata().get("epoch"));
    }

    @Test
    void pauseHoldsTheLoopAndResumeContinues() throws Exception {
        TrainingRun run = new TrainingRun(student(Exercise.Q1).epochs(1).trainSize(512).build());
        List<Long> stepTimes = new ArrayList<>();
        run.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                stepTimes.add(System.nanoTime());
                if (s.step() == 2) {
                    run.control().pause();
                }
            }
        });
        run.start();
        while (stepTimes.size() < 2) {
            Thread.sleep(10);
        }
        Thread.sleep(700);
        assertEquals(2, stepTimes.size(), "no step while paused");
        assertTrue(run.control().isPaused());
        run.control().resume();
        assertEquals(RunResult.Status.COMPLETED, run.await().status());
        assertEquals(8, stepTimes.size());
        assertTrue((stepTimes.get(2) - stepTimes.get(1)) / 1e6 > 600);
    }

    @Test
    void snapshotsCarryMapsAndLogitsOfBothModels() {
        Recorder rec = new Recorder();
        TrainingRun run = new TrainingRun(student(Exercise.A1).epochs(1).trainSize(256).build())
                .snapshotEvery(2, 3, 5).addListener(rec);
        run.run();
        // a snapshot every 2 steps (4 steps), one as the epoch ends (the one a run folder keeps for the epoch
        // slider), then the final one after the last epoch
        assertEquals(4, rec.snapshots.size());
        assertEquals(rec.snapshots.get(1).step(), rec.snapshots.get(2).step(), "the epoch's end follows its last step");
        assertEquals(rec.snapshots.get(2).step(), rec.snapshots.get(3).step(), "the final snapshot follows the last step");
        assertEquals(1, rec.snapshots.get(2).epoch());
        Snapshot s = rec.snapshots.get(0);
        assertEquals(2, s.images().length);
        assertEquals(784, s.images()[0].length);
        assertEquals(10, s.studentLogits()[1].length);
        assertNotNull(s.teacherLogits());
        for (String tap : List.of("group1", "group2", "group3")) {
            int[] side = s.mapSides().get(tap);
            float[] m = s.studentMaps().get(tap)[0];
            assertEquals(side[0] * side[1], m.length);
            double norm = 0;
            for (float v : m) {
                norm += v * v;
                assertTrue(v >= 0);
            }
            assertEquals(1, Math.sqrt(norm), 1e-4, "maps are L2-normalised");
            assertEquals(m.length, s.teacherMaps().get(tap)[0].length);
        }
        assertEquals(List.of(3, 5), List.of(s.sampleIndices()[0], s.sampleIndices()[1]));
    }

    @Test
    void periodicSnapshotsKeepToTheirShareOfTheTime() {
        Recorder every = new Recorder();
        Recorder capped = new Recorder();
        TrainingConfig c = student(Exercise.A1).epochs(1).trainSize(640).batchSize(32).build(); // 20 steps
        new TrainingRun(c).snapshotEvery(1).addListener(every).run();
        new TrainingRun(c).snapshotEvery(1).snapshotShare(0.05).addListener(capped).run();
        // uncapped: one per step, the epoch's end and the final one
        assertEquals(22, every.snapshots.size());
        // capped at 5 %: a snapshot (a backward pass per loss term, and the teacher's and student's forward on
        // the samples) costs more than a step's 5 %, so after the first, most are skipped
        long periodic = capped.snapshots.size() - 2;
        assertTrue(periodic >= 1 && periodic <= 10, "periodic snapshots within 5 % of the time: " + periodic);
        assertThrows(IllegalArgumentException.class, () -> new TrainingRun(c).snapshotShare(0));
    }

    @Test
    void divergenceStopsAtOnceAndNamesTheTerm() {
        // β beyond the setting's range (1e6) cannot be typed; the term itself is built to force the overflow
        RunResult r = new TrainingRun(student(Exercise.Q3).epochs(1).trainSize(256).build())
                .terms(c -> List.of(new org.transferlab.transfer.AttentionTransfer(
                        org.transferlab.transfer.AttentionTransfer.Form.TUTORIAL, 1, 1e39, List.of("group1", "group2"))))
                .run();
        assertEquals(RunResult.Status.DIVERGED, r.status());
        assertTrue(r.message().contains("the AT term"), r.message());
        assertTrue(r.message().contains("Lower the learning rate"), r.message());
        assertEquals(0, r.summary().steps());
    }

    @Test
    void runFolderHoldsTheFilesOtherToolsRead(@TempDir Path dir) throws Exception {
        TrainingConfig c = student(Exercise.Q2).epochs(2).evalEvery(2).trainSize(256).build();
        RunResult r = new TrainingRun(c).outputDir(dir).addListener(new RunRecorder(dir)).run();
        assertEquals(RunResult.Status.COMPLETED, r.status());
        JsonNode s = Json.MAPPER.readTree(dir.resolve(RunRecorder.SUMMARY).toFile());
        for (String key : List.of("exercise", "test_accuracy", "teacher_test_accuracy", "train_size", "epochs",
                "seconds", "steps_per_second", "backend")) {
            assertTrue(s.has(key), "summary.json lacks " + key);
        }
        assertEquals("q2", s.get("exercise").asText());
        assertEquals(256, s.get("train_size").asInt());
        double acc = s.get("test_accuracy").asDouble();
        assertTrue(acc > 0 && acc <= 1);
        JsonNode config = Json.MAPPER.readTree(dir.resolve(RunRecorder.CONFIG).toFile());
        assertEquals(4.0, config.get("settings").get("kd").get("temperature").asDouble());
        assertEquals(List.of("kd"), List.of(config.get("methods").get(0).asText()));
        assertEquals(8.0, config.get("loss_weights").get("loss/kd").asDouble(), 1e-12);
        List<String> rows = Files.readAllLines(dir.resolve(RunRecorder.METRICS));
        assertEquals(1 + 8 + 2, rows.size());
        assertTrue(rows.get(5).startsWith("epoch,1,"), rows.get(5));
        assertTrue(rows.get(5).endsWith(",") || rows.get(5).split(",").length >= 9);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"fitnets", "fitnets two-stage", "kd,fitnets"})
    void fitNetsLearns(String how) {
        TrainingConfig.Builder b = student(Exercise.STUDENT).methods(List.of(how.split(" ")[0].split(","))).epochs(8);
        if (how.endsWith("two-stage")) {
            b.set("fitnets", "schedule", "two-stage").set("fitnets", "stage1_epochs", 2);
        }
        Recorder rec = new Recorder();
        RunResult r = new TrainingRun(b.build()).addListener(rec).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        int perEpoch = rec.info.stepsPerEpoch();
        double hintFirst = rec.steps.subList(0, perEpoch).stream().mapToDouble(s -> s.losses().get("loss/hint")).average().orElseThrow();
        double hintLater = rec.steps.subList(perEpoch, 2 * perEpoch).stream().mapToDouble(s -> s.losses().get("loss/hint")).average().orElseThrow();
        System.out.printf("%s: hint %.4f -> %.4f, test accuracy %.4f%n", how, hintFirst, hintLater, r.summary().testAccuracy());
        assertTrue(hintLater < 0.8 * hintFirst, how + ": hint " + hintFirst + " -> " + hintLater);
        assertTrue(r.summary().testAccuracy() > 0.5, how + ": test accuracy " + r.summary().testAccuracy());
        if (how.endsWith("two-stage")) {
            // stage 1 trains on the hint alone: the total is λ·hint, CE is reported but not trained
            StepMetrics s = rec.steps.get(perEpoch);
            assertEquals(s.losses().get("loss/hint"), s.total(), 1e-9);
            // stage 2: no hint any more
            assertTrue(!rec.steps.get(rec.steps.size() - 1).losses().containsKey("loss/hint"));
            assertTrue(rec.epochs.get(1).testAccuracy() < rec.epochs.get(7).testAccuracy());
        }
    }

    /**
     * A part-1 run stopped in its third epoch and resumed from the second epoch's checkpoint (model, Adam's moments,
     * the FitNets regressor) writes, byte for byte, the metrics and the final checkpoint of the run never stopped.
     */
    @Test
    void aResumedRunIsTheRunThatNeverStopped(@TempDir Path dir) throws Exception {
        TrainingConfig c = student(Exercise.STUDENT).methods(List.of("kd", "fitnets")).epochs(4).trainSize(512).build();
        Path whole = dir.resolve("whole");
        Files.createDirectories(whole);
        assertEquals(RunResult.Status.COMPLETED, new TrainingRun(c).outputDir(whole)
                .addListener(new RunRecorder(whole)).run().status());
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        TrainingRun first = new TrainingRun(c).outputDir(cut).addListener(new RunRecorder(cut));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                if (s.step() == 20) { // 8 steps per epoch: in epoch 3
                    first.control().stop();
                }
            }
        });
        assertEquals(RunResult.Status.STOPPED, first.run().status());
        Path ck = cut.resolve(TrainingRun.CHECKPOINT);
        int done = Integer.parseInt(Checkpoint.read(ck).metadata().get("epoch"));
        assertEquals(2, done);
        RunResult resumed = new TrainingRun(c).outputDir(cut).resumeFrom(ck, done)
                .addListener(RunRecorder.resuming(cut, done)).run();
        assertEquals(RunResult.Status.COMPLETED, resumed.status(), resumed.message());
        assertEquals(Files.readString(whole.resolve(RunRecorder.METRICS)), Files.readString(cut.resolve(RunRecorder.METRICS)));
        var a = Checkpoint.read(whole.resolve(TrainingRun.CHECKPOINT)).arrays();
        var b = Checkpoint.read(ck).arrays();
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().stream().anyMatch(k -> k.startsWith("method/fitnets/")), a.keySet().toString());
        assertTrue(a.keySet().stream().anyMatch(k -> k.startsWith("adam/m/")), a.keySet().toString());
        a.forEach((k, v) -> assertTrue(java.util.Arrays.equals(v, b.get(k)), k));
    }
}
