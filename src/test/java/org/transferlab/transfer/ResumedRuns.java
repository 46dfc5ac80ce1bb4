package org.transferlab.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
import org.transferlab.models.Checkpoint;

/**
 * A method's resume test in one call: the run trained whole, and the same run stopped at step 10 (in epoch 3 of
 * a 4-steps-per-epoch run), resumed from its checkpoint of epoch 2 and finished; their metrics must be equal.
 */
final class ResumedRuns {
    /** The two runs' final checkpoints' arrays (whole, then stopped and resumed) and their folders. */
    record Pair(Map<String, float[]> whole, Map<String, float[]> resumed, Path wholeDir, Path resumedDir) {
    }

    private ResumedRuns() {
    }

    static Pair compare(TrainingConfig c, Path dir) throws Exception {
        Path whole = Files.createDirectories(dir.resolve("whole"));
        RunResult w = new TrainingRun(c).outputDir(whole).addListener(new RunRecorder(whole)).run();
        assertEquals(RunResult.Status.COMPLETED, w.status(), w.message());
        Path cut = Files.createDirectories(dir.resolve("cut"));
        TrainingRun first = new TrainingRun(c).outputDir(cut).addListener(new RunRecorder(cut));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(org.transferlab.engine.StepMetrics s) {
                if (s.step() == 10) { // 4 steps per epoch: in epoch 3
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
        return new Pair(a, b, whole, cut);
    }
}
