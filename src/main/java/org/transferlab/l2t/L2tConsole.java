package org.transferlab.l2t;

import org.transferlab.chapters.ProgressLine;
import org.transferlab.chapters.Resumable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.transferlab.engine.Backend;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.l2t.L2tCheckpoint;
import org.transferlab.l2t.L2tConfig;
import org.transferlab.l2t.L2tListener;
import org.transferlab.l2t.L2tMethod;
import org.transferlab.l2t.L2tRecorder;
import org.transferlab.l2t.L2tResult;
import org.transferlab.l2t.L2tRun;

/** {@code train --chapter l2t}: one L2T run headless, with a progress line, into a run folder. */
public final class L2tConsole implements L2tListener {
    private final ProgressLine line = new ProgressLine(System.err);

    public static int train(L2tConfig config, Path out) throws Exception {
        Path dir = out != null ? RunFolders.createChosen(out) : RunFolders.create(Path.of("runs"), config.label(),
                config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        return run(new L2tRun(config).outputDir(dir).addListener(new L2tRecorder(dir)), dir);
    }

    /** {@code train --resume DIR} for an L2T folder: goes on from its checkpoint, in the same folder. */
    public static int resume(Path dir) throws java.io.IOException, InterruptedException {
        Path ckpt = Resumable.checkpoint(dir, L2tCheckpoint.FILE, "first epoch ended");
        L2tConfig config = L2tRecorder.readConfig(dir);
        L2tCheckpoint c = L2tCheckpoint.read(ckpt);
        System.err.printf(Locale.ROOT, "resuming %s after epoch %d of %d%n", dir, c.epoch(), config.epochs());
        return run(new L2tRun(config).outputDir(dir).resumeFrom(ckpt).addListener(L2tRecorder.resuming(dir, c.epoch())),
                dir);
    }

    private static int run(L2tRun run, Path dir) throws InterruptedException {
        L2tResult r = ProgressLine.untilDone(run.addListener(new L2tConsole()));
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return r.status() == RunResult.Status.COMPLETED ? 0 : r.status() == RunResult.Status.STOPPED ? 130 : 1;
    }

    @Override
    public void onStart(Info i) {
        line.done(String.format(Locale.ROOT, "L2T on fashion-split, %s, %s → %s: %d labelled images, %d test, %d pairs, %,d "
                        + "parameters, %d steps", i.config().method().label(), i.config().sourceName(), i.config().target(), i.trainImages(), i.testImages(),
                i.pairs().size(), i.parameters(), i.totalSteps()));
    }

    @Override
    public void onStep(StepMetrics s) {
        line.step(s, String.format(Locale.ROOT, " (ce %.3f, transfer %.3f)", s.losses().get("loss/ce"),
                s.losses().get("loss/transfer")));
    }

    @Override
    public void onEpoch(EpochMetrics e) {
        if (!Double.isNaN(e.testAccuracy())) {
            line.done(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f  train acc %.4f  test acc %.4f",
                    e.epoch(), e.epochs(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy()));
        }
    }

    @Override
    public void onPairs(int epoch, Map<L2tMethod.Pair, PairState> pairs) {
        StringBuilder sb = new StringBuilder("  λ:");
        pairs.forEach((p, s) -> sb.append(String.format(Locale.ROOT, "  %s %.3f", p, s.lambda())));
        line.done(sb.toString());
    }
}
