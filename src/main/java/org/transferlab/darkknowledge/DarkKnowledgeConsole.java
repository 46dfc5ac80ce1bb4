package org.transferlab.darkknowledge;

import java.nio.file.Path;
import java.util.Locale;
import org.transferlab.chapters.ProgressLine;
import org.transferlab.chapters.Resumable;
import org.transferlab.engine.Backend;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.StepMetrics;

/** {@code train dark-knowledge}: one run headless, with a progress line, into a run folder. */
public final class DarkKnowledgeConsole implements DarkKnowledgeListener {
    private final ProgressLine line = new ProgressLine(System.err);

    /** Checks the digits against the settings (one sentence, nothing trained, no folder made), then trains. */
    public static int train(DarkKnowledgeConfig config, Path dataDir, Path out) throws Exception {
        DarkKnowledgeData data = DarkKnowledgeData.load(config, dataDir);
        Path dir = out != null ? RunFolders.createChosen(out) : RunFolders.create(Path.of("runs"), config.label(),
                config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        return untilDone(new DarkKnowledgeRun(config).data(data).outputDir(dir)
                .addListener(new DarkKnowledgeRecorder(dir)), dir);
    }

    /** Trains {@code run} with a progress line, then says how it ended and where its folder is; the exit code. */
    private static int untilDone(DarkKnowledgeRun run, Path dir) throws Exception {
        DarkKnowledgeResult r = ProgressLine.untilDone(run.addListener(new DarkKnowledgeConsole()));
        System.err.println(r.status() == org.transferlab.engine.RunResult.Status.COMPLETED ? r.message()
                : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return Resumable.exitCode(r.status());
    }

    /**
     * {@code train --resume DIR}: loads the networks the folder saved (from the first, up to the first missing) and
     * trains the rest, in the same folder.
     */
    public static int resume(Path dir, Path dataDir) throws Exception {
        return untilDone(resumable(dir, dataDir), dir);
    }

    /**
     * The run that continues {@code dir} (not started), with its recorder: it loads the networks the folder saved,
     * from the first up to the first missing, and trains the rest in the same folder. Throws, in one sentence, for a
     * finished folder or one with no finished network. The command line's {@code train --resume} and the app's
     * Resume both use it.
     */
    public static DarkKnowledgeRun resumable(Path dir, Path dataDir) throws Exception {
        if (Resumable.finished(dir)) {
            throw new IllegalArgumentException("--resume: " + dir + " already finished");
        }
        DarkKnowledgeConfig config = DarkKnowledgeRecorder.readConfig(dir);
        java.util.Set<String> finished = new java.util.LinkedHashSet<>();
        int runEpoch = 0;
        for (var n : DarkKnowledgeRecorder.networks(dir).entrySet()) {
            if (n.getValue() == 0) {
                continue; // the teacher given by --teacher, loaded again
            }
            if (!java.nio.file.Files.isRegularFile(DarkKnowledgeRun.networkFile(dir, n.getKey()))) {
                break;
            }
            finished.add(n.getKey());
            runEpoch += n.getValue();
        }
        if (finished.isEmpty()) {
            throw new IllegalArgumentException("--resume: " + dir + " has no finished network yet (each is saved when "
                    + "it finishes); start it again instead");
        }
        DarkKnowledgeData data = DarkKnowledgeData.load(config, dataDir);
        System.err.printf(Locale.ROOT, "resuming %s after %s%n", dir, String.join(", ", finished));
        return new DarkKnowledgeRun(config).data(data).resumeFrom(dir)
                .addListener(DarkKnowledgeRecorder.resuming(dir, runEpoch, finished));
    }

    @Override
    public void onRestored(Phase p) {
        line.done(p.title() + ": loaded from its checkpoint");
    }

    @Override
    public void onStart(Info i) {
        line.done(String.format(Locale.ROOT, "%s on %s (%s): %d training, %d validation, %d transfer%s, %d "
                        + "test; %d networks, %d steps", i.config().experiment().title(),
                i.config().dataset() == org.transferlab.data.DatasetId.MNIST ? "MNIST digits" : "Fashion-MNIST",
                i.dataSource(),
                i.teacherImages(), i.validationImages(), i.transferImages(), i.smallImages() > 0 ? " (" + i.smallImages()
                        + " in the small share)" : "", i.testImages(), i.phases().size(), i.totalSteps()));
    }

    @Override
    public void onPhase(Phase p) {
        line.done(p.epochs() == 0 ? p.title() + ": loaded from --teacher" : String.format(Locale.ROOT,
                "%s: %d images, %d epochs of %d steps%s", p.title(), p.images(), p.epochs(), p.stepsPerEpoch(),
                p.teacher() == null ? "" : String.format(Locale.ROOT, ", taught by %s (α %s)", p.teacher(),
                        DarkKnowledgeRun.num(p.alpha()))));
    }

    @Override
    public void onStep(StepMetrics s) {
        line.step(s, "");
    }

    @Override
    public void onEpoch(EpochMetrics e) {
    }

    @Override
    public void onPhaseEpoch(PhaseEpoch e) {
        line.done(String.format(Locale.ROOT, "  %s epoch %d/%d  train loss %.4f  train acc %.4f  test errors %d "
                        + "(acc %.4f)  %s", e.phase(), e.epoch(), e.epochs(), e.trainLoss(), e.trainAccuracy(),
                e.testErrors(), e.testAccuracy(), ProgressLine.duration(e.seconds())));
    }
}
