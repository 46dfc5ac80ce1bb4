package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.transferlab.data.DataKind;
import org.transferlab.nn.Kernels;

/**
 * 20 training steps through the real training loop (embedded data, batch 32) under the Java kernels and again
 * under the ND4J-op kernels, same seed: the losses of every step agree to 1e-4 (relative). A1 trains cnn-small
 * with KD + AT from the shipped teacher (whose outputs come from evaluation passes under the same kernels) and
 * asks for snapshots, so some steps run the backward pass once per loss term before the real one; the
 * teacher exercise trains cnn-large with CE.
 *
 * <p>cnn-large at the default learning rate 1e-3 amplifies float32 rounding chaotically: differences of
 * 1e-8 in the first loss grow about tenfold per step to 1e-4 by step 4 and 1e-3 by step 10, and two ND4J
 * variants that differ only in how the batch statistics are summed (float32 two-pass against double)
 * diverge from each other just as far (8.6e-4 within 20 steps, measured). So cnn-large is held to 1e-4 at
 * learning rate 1e-4 (measured: 4.4e-5), and at 1e-3 to 1e-4 for the first three steps and 5e-3 over 20.
 */
class KernelParityTrainingTest {
    static final int STEPS = 20;
    static final double TOLERANCE = 1e-4;

    @AfterEach
    void automatic() {
        Kernels.use(null);
    }

    private static List<Double> losses(Kernels kernels, Exercise exercise, double learningRate) {
        Kernels.use(kernels);
        int batch = 32;
        TrainingConfig c = TrainingConfig.builder().exercise(exercise).data(DataKind.EMBEDDED)
                .student(exercise == Exercise.TEACHER ? null : "cnn-small").trainSize(STEPS * batch).epochs(1)
                .batchSize(batch).learningRate(learningRate).seed(5).build();
        List<Double> losses = new ArrayList<>();
        TrainingRun run = new TrainingRun(c).snapshotEvery(7, 0, 1, 2);
        run.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                losses.add(s.total());
                if (losses.size() == STEPS) {
                    run.control().stop(); // before the epoch's test evaluation
                }
            }
        });
        long t0 = System.nanoTime();
        RunResult r = run.run();
        System.out.printf(Locale.ROOT, "%s lr %.0e %s: %d steps in %.1f s%n", exercise.id(), learningRate, kernels.id(), losses.size(),
                (System.nanoTime() - t0) / 1e9);
        assertEquals(STEPS, losses.size(), r.message());
        return losses;
    }

    /** The largest relative difference of the losses over the first {@code steps} steps. */
    private static double worst(List<Double> java, List<Double> nd4j, int steps) {
        double worst = 0;
        for (int i = 0; i < steps; i++) {
            worst = Math.max(worst, Math.abs(java.get(i) - nd4j.get(i)) / Math.abs(java.get(i)));
        }
        return worst;
    }

    private static void compare(Exercise exercise, String model, double learningRate, int strictSteps, double loose) {
        List<Double> java = losses(Kernels.JAVA, exercise, learningRate);
        List<Double> nd4j = losses(Kernels.ND4J, exercise, learningRate);
        double strict = worst(java, nd4j, strictSteps);
        double all = worst(java, nd4j, STEPS);
        System.out.printf(Locale.ROOT, "parity %s (%s) lr %.0e: loss %.5f -> %.5f (java) vs %.5f -> %.5f (nd4j), max "
                        + "relative difference %.2e over %d steps, %.2e over the first %d%n", exercise.id(), model,
                learningRate, java.get(0), java.get(STEPS - 1), nd4j.get(0), nd4j.get(STEPS - 1), all, STEPS, strict,
                strictSteps);
        assertTrue(java.get(STEPS - 1) < java.get(0), "the loss went down: " + java);
        assertTrue(strict <= TOLERANCE, "losses differ by " + strict + ": java " + java + ", nd4j " + nd4j);
        assertTrue(all <= loose, "losses differ by " + all + ": java " + java + ", nd4j " + nd4j);
    }

    @Test
    void studentCnnSmallWithKdAndAt() {
        compare(Exercise.A1, "cnn-small", 1e-3, STEPS, TOLERANCE);
    }

    @Test
    void teacherCnnLarge() {
        compare(Exercise.TEACHER, "cnn-large", 1e-4, STEPS, TOLERANCE);
    }

    @Test
    void teacherCnnLargeAtTheDefaultLearningRate() {
        compare(Exercise.TEACHER, "cnn-large", 1e-3, 3, 5e-3);
    }
}
