package org.transferlab.multimnist;

import org.transferlab.chapters.ProgressLine;
import org.transferlab.chapters.Resumable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.transferlab.engine.Backend;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunResult;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.multimnist.MultiMnistCheckpoint;
import org.transferlab.multimnist.MultiMnistConfig;
import org.transferlab.multimnist.MultiMnistListener;
import org.transferlab.multimnist.MultiMnistRecorder;
import org.transferlab.multimnist.MultiMnistResult;
import org.transferlab.multimnist.MultiMnistRun;

/** {@code train --chapter multimnist}: one MultiMNIST run headless, with a progress line, into a run folder. */
public final class MultiMnistConsole implements MultiMnistListener {
    private final ProgressLine line = new ProgressLine(System.err);

    public static int train(MultiMnistConfig config, Path out) throws Exception {
        Path dir = out != null ? RunFolders.createChosen(out) : RunFolders.create(Path.of("runs"), config.label(),
                config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        return run(new MultiMnistRun(config).outputDir(dir).addListener(new MultiMnistRecorder(dir)), dir);
    }

    /** {@code train --resume DIR} for a MultiMNIST folder: goes on from its checkpoint, in the same folder. */
    public static int resume(Path dir) throws java.io.IOException, InterruptedException {
        Path ckpt = Resumable.checkpoint(dir, MultiMnistCheckpoint.FILE, "first epoch ended");
        MultiMnistConfig config = MultiMnistRecorder.readConfig(dir);
        MultiMnistCheckpoint c = MultiMnistCheckpoint.read(ckpt);
        System.err.printf(Locale.ROOT, "resuming %s after epoch %d of %d%n", dir, c.epoch(), config.epochs());
        return run(new MultiMnistRun(config).outputDir(dir).resumeFrom(ckpt)
                .addListener(MultiMnistRecorder.resuming(dir, c.epoch())), dir);
    }

    private static int run(MultiMnistRun run, Path dir) throws InterruptedException {
        MultiMnistResult r = ProgressLine.untilDone(run.addListener(new MultiMnistConsole()));
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return r.status() == RunResult.Status.COMPLETED ? 0 : r.status() == RunResult.Status.STOPPED ? 130 : 1;
    }

    private java.util.List<String> names = java.util.List.of("left", "right");

    @Override
    public void onStart(Info i) {
        names = i.config().tasks().stream().map(org.transferlab.multimnist.MultiMnistTask::id).toList();
        line.done(String.format(Locale.ROOT, "MultiMNIST, %s with %s, tasks %s: %,d training and %,d test canvases, %,d "
                        + "parameters, %d steps", i.config().architecture(), i.config().weighting(),
                String.join(" and ", names), i.trainImages(), i.testImages(), i.parameters(), i.totalSteps()));
    }

    @Override
    public void onStep(MultiTaskListener.Step s) {
        line.step(s, String.format(Locale.ROOT, " (%.3f / %.3f)  weights %.2f / %.2f", s.losses()[0], s.losses()[1],
                s.weights()[0], s.weights()[1]));
    }

    @Override
    public void onEpoch(MultiTaskListener.Epoch e) {
        line.done(String.format(Locale.ROOT, "epoch %d/%d  test acc %s %.4f %s %.4f  weights %.3f / %.3f",
                e.epoch(), e.epochs(), names.get(0), e.testAccuracy()[0], names.get(1), e.testAccuracy()[1],
                e.weights()[0], e.weights()[1]));
    }

    @Override
    public void onAlphas(int epoch, Map<String, double[]> a) {
        StringBuilder sb = new StringBuilder("  cross-stitch α (mean over channels: AA AB BA BB):");
        a.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.3f %.3f %.3f %.3f", k.replace("/alpha", ""),
                v[0], v[1], v[2], v[3])));
        line.done(sb.toString());
    }
}
