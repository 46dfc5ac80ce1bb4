package org.transferlab.oneinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.multitask.MultiTaskListener;
import org.transferlab.multitask.Mgda;

/** MultiMNIST runs on the embedded digits: each architecture and weighting learns both digits; bad input is refused. */
class OneInputRunTest {

    private static OneInputConfig small(String arch, String weighting) {
        OneInputConfig d = OneInputConfig.defaults();
        return new OneInputConfig(arch, weighting, new double[]{1, 1}, new double[]{0, 0}, 1.5, 2000, 500, 4, 64,
                2e-3, 0, d.widths(), 10);
    }

    @Test
    void everyArchitectureAndWeightingLearnsBothDigits() {
        // chance is 0.1 per digit; after 4 short epochs every method is at least twice that (most far more)
        String[][] runs = {{"separate", "fixed"}, {"hard", "fixed"}, {"cross-stitch", "fixed"}, {"hard", "uncertainty"},
                {"hard", "gradnorm"}, {"hard", "mgda"}, {"hard", "mgda-ub"}, {"hard", "dwa"}, {"hard", "pcgrad"},
                {"cross-stitch", "pcgrad"}};
        for (String[] r : runs) {
            OneInputResult res = new OneInputRun(small(r[0], r[1])).run();
            assertEquals(RunResult.Status.COMPLETED, res.status(), r[0] + "/" + r[1] + ": " + res.message());
            assertTrue(res.taskAccuracy()[0] > 0.2 && res.taskAccuracy()[1] > 0.2,
                    r[0] + "/" + r[1] + ": " + java.util.Arrays.toString(res.taskAccuracy()));
        }
    }

    @Test
    void mgdaUbWeighsTheTasksByTheMinNormPointOfTheirGradientsOnZ(@TempDir Path dir) throws Exception {
        List<MultiTaskListener.Step> steps = new ArrayList<>();
        OneInputRun run = new OneInputRun(small("hard", "mgda-ub"));
        run.addListener(new OneInputListener() {
            @Override
            public void onStep(MultiTaskListener.Step s) {
                steps.add(s);
            }
        }).addListener(new OneInputRecorder(dir));
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
        OneInputResult r = new OneInputRun(small("cross-stitch", "fixed")).addListener(new OneInputRecorder(dir)).run();
        assertEquals(RunResult.Status.COMPLETED, r.status());
        List<String> alphas = Files.readAllLines(dir.resolve(OneInputRecorder.ALPHAS));
        assertEquals("epoch,unit,alpha_aa,alpha_ab,alpha_ba,alpha_bb", alphas.get(0));
        assertEquals(1 + 4 * 2, alphas.size(), "two units after each of four epochs");
    }

    @Test
    void badInputGetsOneSentenceBeforeAnyTraining() {
        var ub = new OneInputRun(small("cross-stitch", "mgda-ub")).run();
        assertEquals(RunResult.Status.FAILED, ub.status());
        assertTrue(ub.message().contains("needs a representation Z that both tasks share"), ub.message());
        var pc = new OneInputRun(small("separate", "pcgrad")).run();
        assertTrue(pc.message().contains("separate networks share nothing"), pc.message());
        var arch = new OneInputRun(small("siamese", "fixed")).run();
        assertTrue(arch.message().contains("unknown architecture 'siamese'"), arch.message());
        var w = new OneInputRun(new OneInputConfig("hard", "fixed", new double[]{1}, new double[]{0, 0}, 1.5, 100, 50,
                1, 32, 1e-3, 0, new int[]{8, 16, 32}, 10)).run();
        assertTrue(w.message().contains("--task-weights needs 2 numbers"), w.message());
    }
}
