package org.transferlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.transferlab.engine.Backend;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.multitask.MultiTaskListener;
import org.transferlab.oneinput.OneInputCheckpoint;
import org.transferlab.oneinput.OneInputConfig;
import org.transferlab.oneinput.OneInputListener;
import org.transferlab.oneinput.OneInputRecorder;
import org.transferlab.oneinput.OneInputResult;
import org.transferlab.oneinput.OneInputRun;

/** {@code train --chapter multimnist}: one MultiMNIST run headless, with a progress line, into a run folder. */
final class OneInputConsole implements OneInputListener {
    private final ProgressLine line = new ProgressLine(System.err);

    static int train(OneInputConfig config, Path out) throws Exception {
        Path dir = out != null ? RunFolders.createChosen(out) : RunFolders.create(Path.of("runs"), config.label(),
                config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        return run(new OneInputRun(config).outputDir(dir).addListener(new OneInputRecorder(dir)), dir);
    }

    /** {@code train --resume DIR} for a MultiMNIST folder: goes on from its checkpoint, in the same folder. */
    static int resume(Path dir) throws java.io.IOException, InterruptedException {
        Path ckpt = Resumable.checkpoint(dir, OneInputCheckpoint.FILE, "first epoch ended");
        OneInputConfig config = OneInputRecorder.readConfig(dir);
        OneInputCheckpoint c = OneInputCheckpoint.read(ckpt);
        System.err.printf(Locale.ROOT, "resuming %s after epoch %d of %d%n", dir, c.epoch(), config.epochs());
        return run(new OneInputRun(config).outputDir(dir).resumeFrom(ckpt)
                .addListener(OneInputRecorder.resuming(dir, c.epoch())), dir);
    }

    private static int run(OneInputRun run, Path dir) throws InterruptedException {
        OneInputResult r = ProgressLine.untilDone(run.addListener(new OneInputConsole()));
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return r.status() == RunResult.Status.COMPLETED ? 0 : r.status() == RunResult.Status.STOPPED ? 130 : 1;
    }

    private java.util.List<String> names = java.util.List.of("left", "right");

    @Override
    public void onStart(Info i) {
        names = i.config().tasks().stream().map(org.transferlab.oneinput.OneInputTask::id).toList();
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
