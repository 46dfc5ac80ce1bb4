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
    /** What {@code train --resume} says of a dark-knowledge folder. */
    public static final String NO_RESUME = "dark-knowledge runs cannot be resumed (each network trains in a minute or "
            + "two); train again, with --teacher DIR/" + DarkKnowledgeRun.TEACHER_FILE + " to reuse the teacher the "
            + "run saved";
    private final ProgressLine line = new ProgressLine(System.err);

    /** Checks the digits against the settings (one sentence, nothing trained, no folder made), then trains. */
    public static int train(DarkKnowledgeConfig config, Path dataDir, Path out) throws Exception {
        DarkKnowledgeData data = DarkKnowledgeData.load(config, dataDir);
        Path dir = out != null ? RunFolders.createChosen(out) : RunFolders.create(Path.of("runs"), config.label(),
                config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        DarkKnowledgeRun run = new DarkKnowledgeRun(config).data(data).outputDir(dir)
                .addListener(new DarkKnowledgeRecorder(dir)).addListener(new DarkKnowledgeConsole());
        DarkKnowledgeResult r = ProgressLine.untilDone(run);
        System.err.println(r.status() == org.transferlab.engine.RunResult.Status.COMPLETED ? r.message()
                : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return Resumable.exitCode(r.status());
    }

    @Override
    public void onStart(Info i) {
        line.done(String.format(Locale.ROOT, "%s on MNIST digits (%s): %d training, %d validation, %d transfer%s, %d "
                        + "test; %d networks, %d steps", i.config().experiment().title(), i.dataSource(),
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
