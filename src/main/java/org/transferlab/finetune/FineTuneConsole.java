package org.transferlab.finetune;

import org.transferlab.chapters.ProgressLine;
import org.transferlab.chapters.Resumable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.transferlab.engine.Backend;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.finetune.FineTuneConfig;
import org.transferlab.finetune.FineTuneListener;
import org.transferlab.finetune.FineTuneRecorder;
import org.transferlab.finetune.FineTuneResult;
import org.transferlab.finetune.FineTuneRun;
import org.transferlab.finetune.LayerPlan;

/** {@code train --chapter finetune}: one fine-tuning run headless, with a progress line, into a run folder. */
public final class FineTuneConsole implements FineTuneListener {
    private final ProgressLine line = new ProgressLine(System.err);

    public static int train(FineTuneConfig config, Path out) throws IOException, InterruptedException {
        Path dir = out != null ? RunFolders.createChosen(out) : RunFolders.create(Path.of("runs"), config.label(),
                config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        return run(new FineTuneRun(config).outputDir(dir).addListener(new FineTuneRecorder(dir)), dir);
    }

    /** {@code train --resume DIR} for a fine-tuning folder: goes on from its checkpoint, in the same folder. */
    public static int resume(Path dir, Path dataDir) throws IOException, InterruptedException {
        Path ckpt = Resumable.checkpoint(dir, FineTuneRun.CHECKPOINT, "first evaluation");
        FineTuneConfig config = FineTuneRecorder.readConfig(dir, dataDir);
        int epoch = Integer.parseInt(org.transferlab.models.Checkpoint.read(ckpt).metadata().getOrDefault("epoch", "0"));
        System.err.println("resuming " + dir + " after epoch " + epoch);
        return run(new FineTuneRun(config).outputDir(dir).resumeFrom(ckpt)
                .addListener(FineTuneRecorder.resuming(dir, epoch)), dir);
    }

    /** Runs to the end on this thread; Ctrl-C stops it cleanly (the folder keeps what was done). */
    public static FineTuneResult runQuietly(FineTuneRun run) throws InterruptedException {
        return ProgressLine.untilDone(run);
    }

    private static int run(FineTuneRun run, Path dir) throws InterruptedException {
        run.addListener(new FineTuneConsole());
        FineTuneResult r = runQuietly(run);
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return r.status() == RunResult.Status.COMPLETED ? 0 : r.status() == RunResult.Status.STOPPED ? 130 : 1;
    }

    @Override
    public void onStart(Info i) {
        FineTuneConfig c = i.config();
        line.done(String.format(Locale.ROOT, "%s, %s: %s from %s; %,d labelled images (%d per class, %s), %,d test "
                        + "images; %d epochs, %d steps", c.task().id(), c.strategy().label(), c.task().architecture(),
                i.sourceNetwork(), i.trainImages(), c.perClass(), i.dataSource(), i.testImages(), i.epochs(),
                i.totalSteps()));
        StringBuilder sb = new StringBuilder("layers:");
        for (LayerPlan.Layer l : i.layers()) {
            sb.append(String.format(Locale.ROOT, "  %s %s", l.name(), l.mode() == LayerPlan.Mode.FROZEN ? "frozen"
                    : (l.mode() == LayerPlan.Mode.PATCH ? "γβ " : "") + "×" + l.multiplier()));
        }
        line.done(sb + String.format(Locale.ROOT, "  — %,d of %,d parameters train", i.trainableParameters(),
                i.totalParameters()));
    }

    @Override
    public void onStep(StepMetrics s) {
        line.step(s);
    }

    @Override
    public void onEpoch(EpochMetrics e) {
        line.epoch(e);
    }
}
