package org.transferlab.part2;

import org.transferlab.chapters.ProgressLine;
import org.transferlab.chapters.Resumable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.transferlab.engine.Backend;
import org.transferlab.engine.RunResult;
import org.transferlab.part2.MultiTaskCheckpoint;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskRecorder;
import org.transferlab.part2.MultiTaskResult;
import org.transferlab.part2.MultiTaskRun;

/** {@code train --exercise mtl-…}: runs part 2 headless with a progress line, and writes its run folder. */
public final class MultiTaskConsole implements MultiTaskListener {
    private final ProgressLine line = new ProgressLine(System.err);

    public static int train(MultiTaskConfig config, Path out) throws IOException, InterruptedException {
        Path dir = out != null ? org.transferlab.engine.RunFolders.createChosen(out)
                : org.transferlab.engine.RunFolders.create(Path.of("runs"), config.exercise().id(), config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        if (Backend.fallbackNotice() != null) {
            System.err.println("note: " + Backend.fallbackNotice());
        }
        return run(new MultiTaskRun(config).outputDir(dir).addListener(new MultiTaskRecorder(dir)), dir);
    }

    /** {@code train --resume DIR} for a part-2 run folder: goes on from its checkpoint, in the same folder. */
    public static int resume(Path dir, Path dataDir) throws IOException, InterruptedException {
        Path ckpt = Resumable.checkpoint(dir, MultiTaskCheckpoint.FILE, "first epoch ended");
        MultiTaskConfig config = MultiTaskRecorder.readConfig(dir, dataDir);
        MultiTaskCheckpoint c = MultiTaskCheckpoint.read(ckpt);
        System.err.printf(Locale.ROOT, "resuming %s at structure %d of %d, after epoch %d of %d%n", dir,
                c.structure() + 1, config.exercise().structures().size(), c.epoch(), config.epochs());
        return run(new MultiTaskRun(config).outputDir(dir).resumeFrom(ckpt)
                .addListener(MultiTaskRecorder.resuming(dir, c.structure(), c.epoch())), dir);
    }

    private static int run(MultiTaskRun run, Path dir) throws InterruptedException {
        run.addListener(new MultiTaskConsole());
        MultiTaskResult r = ProgressLine.untilDone(run);
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return r.status() == RunResult.Status.COMPLETED ? 0 : r.status() == RunResult.Status.STOPPED ? 130 : 1;
    }

    @Override
    public void onStart(Info info) {
        line.done(String.format(Locale.ROOT, "%s with %s weighting: tasks %s on %,d images each (%s), %d structure(s)",
                info.config().exercise().id(), info.config().weighting(), info.tasks(), info.trainImages(),
                String.join(", ", info.dataSources()), info.structures()));
    }

    @Override
    public void onStructureStart(int index, String label, long parameters) {
        line.done(String.format(Locale.ROOT, "structure %d: %s (%,d parameters)", index + 1, label, parameters));
    }

    @Override
    public void onStep(Step s) {
        line.step(s, String.format(Locale.ROOT, " (%.3f / %.3f)  weights %.2f / %.2f  cos %.2f", s.losses()[0],
                s.losses()[1], s.weights()[0], s.weights()[1], s.cosine()));
    }

    @Override
    public void onEpoch(Epoch e) {
        if (!Double.isNaN(e.testAccuracy()[0])) {
            line.done(String.format(Locale.ROOT, "epoch %d/%d  test acc %.4f / %.4f  weights %.3f / %.3f", e.epoch(),
                    e.epochs(), e.testAccuracy()[0], e.testAccuracy()[1], e.weights()[0], e.weights()[1]));
        }
    }

    @Override
    public void onStructureEnd(Structure s) {
        line.done(String.format(Locale.ROOT, "  %s: test accuracy %.4f / %.4f, %,d parameters, %.0f s", s.label(),
                s.testAccuracy()[0], s.testAccuracy()[1], s.parameters(), s.seconds()));
    }
}
