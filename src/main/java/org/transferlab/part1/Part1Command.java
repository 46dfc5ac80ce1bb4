package org.transferlab.part1;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.transferlab.chapters.CommonOptions;
import org.transferlab.chapters.ProgressLine;
import org.transferlab.chapters.Resumable;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.engine.Backend;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
import org.transferlab.models.Checkpoint;
import org.transferlab.transfer.Setting;
import org.transferlab.transfer.TransferMethods;
import org.transferlab.transfer.TransferSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train part1}: the teacher, or a student with any combination of transfer methods, headless. */
@Command(name = "part1", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Part 1: train the teacher, or a student with any combination of transfer methods "
                + "(--method; `transferlab methods` lists them with their settings).",
                "The exercises q1 (baseline), q2 (KD), q3 (AT) and a1 (KD+AT) are the methods ce, kd, at and kd,at; "
                        + "the KD/AT options below are short forms of --set."})
public final class Part1Command implements Callable<Integer> {
    @Option(names = "--exercise", completionCandidates = ExerciseIds.class,
            description = "${COMPLETION-CANDIDATES} (default: q2, or the --method given)")
    String exercise;

    @Option(names = "--method", paramLabel = "ID[,ID...]", completionCandidates = MethodIds.class,
            description = "transfer methods added to cross-entropy, any of ${COMPLETION-CANDIDATES}, e.g. kd,rkd; "
                    + "ce alone is the baseline")
    String method;

    @Option(names = "--set", paramLabel = "METHOD.KEY=VALUE",
            description = "any method setting, repeatable, e.g. --set kd.temperature=8 --set at.pairs=group2,group3")
    List<String> sets;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist or mnist (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--teacher", defaultValue = "cnn-large", completionCandidates = ModelNames.class,
            description = "teacher model, one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; `transferlab models` "
                    + "describes them)")
    String teacher;

    @Option(names = "--student", completionCandidates = ModelNames.class,
            description = "student model, one of ${COMPLETION-CANDIDATES} (default: cnn-small; not with --exercise teacher)")
    String student;

    @Option(names = "--train-size", description = "first N images of a seeded shuffle; 0 = all (default: 1000 for students, all for the teacher)")
    Integer trainSize;

    @Option(names = "--per-class", description = "a balanced, seeded training subset of N images per class "
            + "(instead of --train-size; the data set's first 10·N would not be balanced)")
    Integer perClass;

    @Option(names = {"--temperature", "-T"}, description = "= --set kd.temperature (default 4)")
    Double temperature;

    @Option(names = "--alpha", description = "= --set kd.alpha (default 0.5)")
    Double alpha;

    @Option(names = "--beta", description = "= --set at.beta (default: 1 tutorial, 1000 paper)")
    Double beta;

    @Option(names = "--at-form", description = "= --set at.form: tutorial or paper (default tutorial)")
    String atForm;

    @Option(names = "--at-p", description = "= --set at.p (default: 1 tutorial, 2 paper)")
    Double atP;

    @Option(names = "--pairs", split = ",", description = "= --set at.pairs (default: group1,group2,group3)")
    List<String> pairs;

    @Option(names = "--teacher-checkpoint", description = "teacher weights (default: the shipped pre-trained teacher)")
    Path teacherCheckpoint;

    @Option(names = "--eval-every", defaultValue = "1", description = "test-set evaluation every N epochs (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--keep-snapshots", defaultValue = "" + org.transferlab.engine.EpochSnapshots.DEFAULT_KEPT,
            description = "how many epochs' attention maps and outputs the run folder keeps for the app's epoch slider"
                    + " (thinned to the first, the newest and every 2nd, 10th, 20th, 100th… epoch; about 125 KB each; 0: none; default: ${DEFAULT-VALUE})")
    int keepSnapshots;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** The exercise ids, for --exercise's help and completion. */
    static final class ExerciseIds extends ArrayList<String> {
        ExerciseIds() {
            super(Exercise.ids().stream().filter(id -> !id.equals("student")).toList());
        }
    }

    /** The model zoo's names, for --teacher's and --student's help. */
    static final class ModelNames extends ArrayList<String> {
        ModelNames() {
            super(org.transferlab.models.ModelZoo.names());
        }
    }

    /** The registered transfer methods, for --method's help and completion. */
    static final class MethodIds extends ArrayList<String> {
        MethodIds() {
            super(TransferMethods.ids());
        }
    }

    @Override
    public Integer call() throws Exception {
        common.applyKernels();
        TrainingConfig config = toConfig();
        config.validate();
        if (keepSnapshots < 0) {
            throw new IllegalArgumentException("--keep-snapshots must be 0 or more, not " + keepSnapshots);
        }
        if (teacherCheckpoint != null && config.needsTeacher()) {
            Checkpoint.read(teacherCheckpoint); // unreadable or foreign: fail before any training
        }
        Path dir = common.out != null ? RunFolders.createChosen(common.out)
                : RunFolders.create(Path.of("runs"), config.label(), config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        if (Backend.fallbackNotice() != null) {
            System.err.println("note: " + Backend.fallbackNotice());
        }
        TrainingRun run = new TrainingRun(config).outputDir(dir)
                .addListener(new RunRecorder(dir).keepSnapshots(keepSnapshots)).addListener(new Console());
        if (perClass != null) {
            var split = new org.transferlab.data.DatasetLocator(config.dataDir()).load(config.dataset(), config.data());
            run.data(org.transferlab.finetune.LabelledSubset.draw(split.train(), perClass, config.seed()), split.test());
        }
        RunResult r = ProgressLine.untilDone(run);
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return Resumable.exitCode(r.status());
    }

    /** {@code train --resume DIR} for a part-1 folder: goes on after its last finished epoch, in the same folder. */
    static int resume(Path dir, Path dataDir) throws Exception {
        Path ckpt = dir.resolve(TrainingRun.CHECKPOINT);
        if (!Files.isRegularFile(ckpt)) {
            throw new IllegalArgumentException("--resume: " + dir + " has no checkpoint: the run stopped before its "
                    + "first epoch ended; start it again instead");
        }
        int done = Integer.parseInt(Checkpoint.read(ckpt).metadata().getOrDefault("epoch", "0"));
        TrainingConfig config = RunRecorder.readConfig(dir, dataDir);
        if (done >= config.epochs()) {
            throw new IllegalArgumentException("--resume: " + dir + " already finished its " + config.epochs() + " epochs");
        }
        System.err.println("resuming " + dir + " after epoch " + done + " of " + config.epochs());
        TrainingRun run = new TrainingRun(config).outputDir(dir).resumeFrom(ckpt, done)
                .addListener(RunRecorder.resuming(dir, done)).addListener(new Console());
        RunResult r = ProgressLine.untilDone(run);
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        return Resumable.exitCode(r.status());
    }

    /** --per-class N as a training-set size (10 classes), refused beside --train-size. */
    private int perClassSize() {
        if (trainSize != null) {
            throw new IllegalArgumentException("--per-class and --train-size both choose the training set; give one");
        }
        if (perClass < 1) {
            throw new IllegalArgumentException("--per-class must be at least 1, got " + perClass);
        }
        return perClass * 10;
    }

    TrainingConfig toConfig() {
        Exercise ex = Exercise.parse(exercise != null ? exercise : method != null ? "student" : "q2");
        boolean teacherRun = ex == Exercise.TEACHER;
        TrainingConfig.Builder b = TrainingConfig.builder()
                .exercise(ex)
                .dataset(DatasetId.parse(dataset))
                .data(DataKind.parse(common.data))
                .dataDir(common.dataDir)
                .teacher(teacher)
                .student(teacherRun ? student : (student == null ? "cnn-small" : student))
                .trainSize(perClass != null ? perClassSize() : trainSize != null ? trainSize : teacherRun ? 0 : 1000)
                .epochs(common.epochsOr(teacherRun ? 5 : 100))
                .batchSize(common.batchOr(128))
                .learningRate(common.lr)
                .seed(common.seed)
                .teacherCheckpoint(teacherCheckpoint)
                .evalEvery(evalEvery);
        if (method != null) {
            if (exercise != null && !teacherRun && !ex.methods().isEmpty()) {
                throw new IllegalArgumentException("--method and --exercise " + ex.id() + " both name methods; give one");
            }
            b.methods(TransferMethods.parse(method));
        }
        TransferSettings t = TransferSettings.defaults();
        t = alias(t, "--at-form", "at.form", atForm);
        t = alias(t, "--temperature", "kd.temperature", temperature);
        t = alias(t, "--alpha", "kd.alpha", alpha);
        t = alias(t, "--at-p", "at.p", atP);
        t = alias(t, "--beta", "at.beta", beta);
        t = alias(t, "--pairs", "at.pairs", pairs == null ? null : String.join(",", pairs));
        if (sets != null) {
            // choices first: a choice's presets (at.form=paper sets p and β) never undo a value given beside it
            List<String> ordered = new ArrayList<>(sets);
            ordered.sort(java.util.Comparator.comparing(a -> isChoice(a) ? 0 : 1));
            for (String a : ordered) {
                t = t.set(a);
            }
        }
        return b.transfer(t).build();
    }

    private static boolean isChoice(String assignment) {
        try {
            int dot = assignment.indexOf('.');
            int eq = assignment.indexOf('=');
            return TransferMethods.get(assignment.substring(0, dot)).setting(assignment.substring(dot + 1, eq)).type()
                    == Setting.Type.CHOICE;
        } catch (RuntimeException e) {
            return false; // set() says what is wrong with it
        }
    }

    /** A KD/AT short option as the --set it stands for; an error names the option the user typed. */
    private static TransferSettings alias(TransferSettings t, String option, String key, Object value) {
        if (value == null) {
            return t;
        }
        try {
            return t.set(key + "=" + (value instanceof Double d ? Setting.format(d) : value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** Prints the progress line with ETA, and one line per evaluated epoch. */
    static final class Console implements TrainingListener {
        private final ProgressLine line = new ProgressLine(System.err);

        @Override
        public void onStart(RunInfo info) {
            line.done(String.format(Locale.ROOT, "%s: %s (%,d parameters) on %,d %s images (%s), %d steps%s",
                    info.config().label(), info.trainedModel(), info.parameterCount(), info.trainImages(),
                    info.config().dataset().id(), info.dataSource(), info.totalSteps(),
                    info.teacherTestAccuracy() == null ? "" : String.format(Locale.ROOT,
                            "; teacher %s test accuracy %.4f", info.config().teacher(), info.teacherTestAccuracy())));
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
}
