package org.transferlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.data.DataKind;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskExercise;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskResult;
import org.transferlab.part2.MultiTaskRun;

/**
 * "Train with my code": a run in the sandbox with the card's solution follows the engine's own run of the same
 * settings and seed step by step, learns, and leaves a complete run folder; a student loss that hangs mid-run is
 * stopped and reported.
 */
class StudentTrainingTest {

    private static TrainingConfig kdConfig(int images, int epochs) {
        TrainingConfig d = TrainingConfig.defaults();
        return d.toBuilder().exercise(Exercise.Q2).data(DataKind.EMBEDDED).trainSize(images).epochs(epochs)
                .batchSize(64).learningRate(3e-3).seed(0).evalEvery(1).build();
    }

    @Test
    void studentKdTrainsLikeTheEnginesKd(@TempDir Path dir) throws Exception {
        TrainingConfig cfg = kdConfig(500, 6);
        List<StepMetrics> mine = new ArrayList<>();
        List<EpochMetrics> myEpochs = new ArrayList<>();
        StudentRun run = StudentRun.part1("kd", Cards.get("kd").solution(), cfg, dir.resolve("yours"));
        Files.createDirectories(run.runDir());
        run.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                mine.add(s);
            }

            @Override
            public void onEpoch(EpochMetrics e) {
                myEpochs.add(e);
            }
        });
        run.start();
        RunResult r = run.await();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());

        List<StepMetrics> ref = new ArrayList<>();
        new TrainingRun(cfg).addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                ref.add(s);
            }
        }).run();
        assertEquals(ref.size(), mine.size());
        double worst = 0;
        for (int i = 0; i < ref.size(); i++) {
            double a = mine.get(i).total();
            double b = ref.get(i).total();
            worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
            assertEquals(b, a, 2e-3 * Math.abs(b), "step " + (i + 1) + ": yours " + a + ", engine " + b);
        }
        System.out.printf("student KD vs engine KD: %d steps, largest relative difference of the total loss %.2e%n",
                ref.size(), worst);
        EpochMetrics last = myEpochs.get(myEpochs.size() - 1);
        assertTrue(last.trainLoss() < myEpochs.get(0).trainLoss() - 0.5,
                "loss falls: " + myEpochs.get(0).trainLoss() + " → " + last.trainLoss());
        assertTrue(last.testAccuracy() > 0.3, "test accuracy " + last.testAccuracy() + " (chance 0.1)");
        for (String f : List.of("config.json", "metrics.csv", "summary.json", "checkpoint.tlck")) {
            assertTrue(Files.isRegularFile(run.runDir().resolve(f)), f);
        }
    }

    @Test
    void studentTwoTaskModelMatchesTheEnginesFirstStepAndLearns(@TempDir Path dir) throws Exception {
        MultiTaskConfig d = MultiTaskConfig.defaults(MultiTaskExercise.Q2);
        MultiTaskConfig cfg = new MultiTaskConfig(MultiTaskExercise.Q2, "fixed", d.fixedWeights(), d.initialS(),
                d.gradNormAlpha(), DataKind.EMBEDDED, null, 500, 4, 64, 2e-3, 0, 1, d.widths());
        List<MultiTaskListener.Step> mine = new ArrayList<>();
        List<MultiTaskListener.Epoch> epochs = new ArrayList<>();
        StudentRun run = StudentRun.part2("mtl-independent-bn", Cards.get("mtl-independent-bn").solution(), cfg,
                Files.createDirectories(dir.resolve("yours")));
        run.addListener(new MultiTaskListener() {
            @Override
            public void onStep(Step s) {
                mine.add(s);
            }

            @Override
            public void onEpoch(Epoch e) {
                epochs.add(e);
            }
        });
        run.start();
        MultiTaskResult r = run.awaitMultiTask();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());

        List<MultiTaskListener.Step> ref = new ArrayList<>();
        MultiTaskConfig oneEpoch = new MultiTaskConfig(cfg.exercise(), cfg.weighting(), cfg.fixedWeights(),
                cfg.initialS(), cfg.gradNormAlpha(), cfg.data(), null, cfg.trainSize(), 1, cfg.batchSize(),
                cfg.learningRate(), cfg.seed(), 1, cfg.widths());
        new MultiTaskRun(oneEpoch).addListener(new MultiTaskListener() {
            @Override
            public void onStep(Step s) {
                ref.add(s);
            }
        }).run();
        System.out.printf("student model vs engine: first-step losses %s vs %s; fourth %s vs %s%n",
                java.util.Arrays.toString(mine.get(0).losses()), java.util.Arrays.toString(ref.get(0).losses()),
                java.util.Arrays.toString(mine.get(3).losses()), java.util.Arrays.toString(ref.get(3).losses()));
        for (int t = 0; t < 2; t++) {
            assertEquals(ref.get(0).losses()[t], mine.get(0).losses()[t], 1e-4, "task " + (t + 1) + " first-step loss");
            assertEquals(ref.get(3).losses()[t], mine.get(3).losses()[t], 2e-2, "task " + (t + 1) + " fourth-step loss");
        }
        double[] first = epochs.get(0).trainLoss();
        double[] last = epochs.get(epochs.size() - 1).trainLoss();
        double[] acc = epochs.get(epochs.size() - 1).testAccuracy();
        assertTrue(last[0] < first[0] && last[1] < first[1], "losses fall");
        assertTrue(acc[0] > 0.2 && acc[1] > 0.3, "test accuracy above chance (0.1): " + acc[0] + ", " + acc[1]);
    }

    @Test
    void studentUncertaintyWeightingLearnsItsWeights(@TempDir Path dir) throws Exception {
        MultiTaskConfig d = MultiTaskConfig.defaults(MultiTaskExercise.Q2);
        MultiTaskConfig cfg = new MultiTaskConfig(MultiTaskExercise.Q2, "uncertainty", d.fixedWeights(),
                new double[]{0.5, -0.5}, d.gradNormAlpha(), DataKind.EMBEDDED, null, 300, 2, 64, 2e-3, 0, 1, d.widths());
        List<MultiTaskListener.Step> mine = new ArrayList<>();
        StudentRun run = StudentRun.part2("uncertainty", Cards.get("uncertainty").solution(), cfg,
                Files.createDirectories(dir.resolve("yours")));
        run.addListener(new MultiTaskListener() {
            @Override
            public void onStep(Step s) {
                mine.add(s);
            }
        });
        run.start();
        MultiTaskResult r = run.awaitMultiTask();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        MultiTaskListener.Step s0 = mine.get(0);
        assertEquals(Math.exp(-0.5), s0.weights()[0], 1e-6, "weight = exp(−s) at the start");
        assertEquals(Math.exp(0.5), s0.weights()[1], 1e-6);
        MultiTaskListener.Step last = mine.get(mine.size() - 1);
        // with L ≈ 2.3 > ½·exp(s), ∂/∂s = −exp(−s)·L + ½ < 0: both s rise, both weights fall
        assertTrue(last.state().get("s1") > 0.5 && last.state().get("s2") > -0.5, last.state().toString());
        assertTrue(last.weights()[0] < s0.weights()[0] && last.weights()[1] < s0.weights()[1]);
    }

    @Test
    void aLossThatHangsMidRunIsStoppedAndReported(@TempDir Path dir) throws Exception {
        String hang = "import org.nd4j.autodiff.samediff.*;\npublic class Solution {\n"
                + "    static int calls;\n"
                + "    public static SDVariable distillationLoss(SameDiff sd, SDVariable s, SDVariable t, double T) {\n"
                + "        if (++calls > 1) { while (true) { Thread.onSpinWait(); } }\n"
                + "        return sd.nn().softmax(t.div(T)).mul(sd.nn().logSoftmax(s.div(T))).sum(1).neg().mean().mul(T * T);\n"
                + "    }\n}\n";
        StudentRun run = StudentRun.part1("kd", hang, kdConfig(200, 2), Files.createDirectories(dir.resolve("hang")))
                .stallLimit(15);
        run.start();
        RunResult r = run.await();
        assertEquals(RunResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("more than 15 s for one training step"), r.message());
    }
}
