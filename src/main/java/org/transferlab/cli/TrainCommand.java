package org.transferlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.engine.Backend;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskExercise;
import org.transferlab.models.Checkpoint;
import org.transferlab.transfer.TransferMethods;
import org.transferlab.transfer.TransferSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one part-1 exercise headless and writes its run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train headless: the teacher, or a student with any combination of transfer methods "
                + "(--method; `transferlab methods` lists them with their settings), or part 2's multi-task exercises.",
                "The exercises q1 (baseline), q2 (KD), q3 (AT) and a1 (KD+AT) are the methods ce, kd, at and kd,at; "
                        + "the KD/AT options below are short forms of --set."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--exercise",
            description = "teacher, q1, q2, q3, a1; mtl-single, mtl-q1, mtl-q2, mtl-a2 (default: q2, or the --method given)")
    String exercise;

    @Option(names = "--method", paramLabel = "ID[,ID...]",
            description = "transfer methods added to cross-entropy, e.g. kd, at, fitnets, rkd, kd,rkd; ce alone is the baseline")
    String method;

    @Option(names = "--set", paramLabel = "METHOD.KEY=VALUE",
            description = "any method setting, repeatable, e.g. --set kd.temperature=8 --set at.pairs=group2,group3")
    List<String> sets;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist or mnist (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data", defaultValue = "auto",
            description = "embedded (shipped subset), full (fails if absent) or auto (full if found, else embedded); default ${DEFAULT-VALUE}")
    String data;

    @Option(names = "--data-dir", description = "folder holding the four IDX files (.gz or raw)")
    Path dataDir;

    @Option(names = "--teacher", defaultValue = "cnn-large", description = "teacher model (default: ${DEFAULT-VALUE})")
    String teacher;

    @Option(names = "--student", description = "student model (default: cnn-small; not with --exercise teacher)")
    String student;

    @Option(names = "--train-size", description = "first N images of a seeded shuffle; 0 = all (default: 1000 for students, all for the teacher)")
    Integer trainSize;

    @Option(names = "--epochs", description = "default: 100 for students, 5 for the teacher")
    Integer epochs;

    @Option(names = "--batch", description = "batch size (default: 128; 32 for --chapter finetune)")
    Integer batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

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

    @Option(names = "--out", description = "run folder (default: runs/<exercise>-<time>)")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue an interrupted run from its last checkpoint (its other options are read from the folder)")
    Path resume;

    @Option(names = "--weighting", defaultValue = "fixed",
            description = "part 2 and multimnist: fixed, uncertainty, gradnorm, mgda, dwa; multimnist also mgda-ub and pcgrad (default: ${DEFAULT-VALUE})")
    String weighting;

    @Option(names = "--task-weights", split = ",", description = "part 2, fixed: one weight per task (default: 1,1)")
    double[] taskWeights;

    @Option(names = "--initial-s", split = ",", description = "part 2, uncertainty: initial s_i = log σ_i² (default: 0,0)")
    double[] initialS;

    @Option(names = "--gradnorm-alpha", defaultValue = "1.5", description = "part 2, GradNorm's α (default: ${DEFAULT-VALUE})")
    double gradNormAlpha;

    @Option(names = "--chapter", paramLabel = "finetune|multimnist|l2t",
            description = "train another chapter's run: finetune (transfer by weights), multimnist (multi-task "
                    + "learning on one input) or l2t (learning what and where to transfer); see their "
                    + "options below")
    String chapter;

    @Option(names = "--architecture", defaultValue = "hard",
            description = "multimnist: separate, hard or cross-stitch (default: ${DEFAULT-VALUE})")
    String architecture;

    @Option(names = "--stitch-lr", defaultValue = "10",
            description = "multimnist: the cross-stitch α's learning-rate multiplier (default: ${DEFAULT-VALUE})")
    double stitchLr;

    @Option(names = "--tasks", defaultValue = "left,right", paramLabel = "T1,T2",
            description = "multimnist: two of left, right (the digits) and sum (the two digits' sum, a regression) "
                    + "(default: ${DEFAULT-VALUE})")
    String tasks;

    @Option(names = "--jitter", defaultValue = "0",
            description = "multimnist: up to how many pixels (0-2) further down and right the right digit may sit, for "
                    + "harder canvases (default: ${DEFAULT-VALUE})")
    int jitter;

    @Option(names = "--meta-lr", description = "l2t: the meta-networks' Adam learning rate (default: 1e-4)")
    Double metaLr;

    @Option(names = "--inner-steps", description = "l2t: T, the transfer steps of the bilevel lookahead (default: 2)")
    Integer innerSteps;

    @Option(names = "--inner-lr", description = "l2t: the lookahead's gradient step α (default: 0.1)")
    Double innerLr;

    @Option(names = "--source", paramLabel = "cnn-small|cnn-large|FILE", defaultValue = "cnn-small",
            description = "l2t: the source network, a shipped one trained on Fashion-MNIST classes 0-4 or a checkpoint "
                    + "made with make-source (default: ${DEFAULT-VALUE})")
    String l2tSource;

    @Option(names = "--target", paramLabel = "cnn-small|cnn-large", defaultValue = "cnn-small",
            description = "l2t: the target network trained from scratch on classes 5-9 (default: ${DEFAULT-VALUE})")
    String l2tTarget;

    @Option(names = "--widths", split = ",", paramLabel = "C1,C2,C3",
            description = "multimnist: channels of the three conv blocks of each column or trunk (default: 8,16,32)")
    int[] widths;

    @Option(names = "--setting", defaultValue = "fashion-split",
            description = "finetune: fashion-split or fashion-to-mnist (default: ${DEFAULT-VALUE})")
    String setting;

    @Option(names = "--per-class", defaultValue = "10", description = "finetune: labelled target images per class (default: ${DEFAULT-VALUE})")
    int perClass;

    @Option(names = "--strategy", defaultValue = "all",
            description = "finetune: scratch, linear-probe, top-K (K = 1, 2, ...), all or bn-patch (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--lr-multiplier", description = "finetune: learning-rate multiplier of pretrained layers under top-K and all (default: 1)")
    Double lrMultiplier;

    @Option(names = "--layer", paramLabel = "LAYER=frozen|patch|MULT",
            description = "finetune: override one layer of the plan, e.g. --layer g1_conv1=frozen --layer g3_conv1=0.1 (repeatable)")
    java.util.Map<String, String> layers = new java.util.LinkedHashMap<>();

    @Option(names = "--steps", description = "finetune: optimiser steps, rounded up to whole epochs (default: 150; --epochs E sets E passes over the labelled images instead)")
    Integer steps;

    @Option(names = "--evaluations", defaultValue = "10", description = "finetune and l2t: test evaluations over the run (default: ${DEFAULT-VALUE})")
    int evaluations;

    @Option(names = "--source-checkpoint", description = "finetune: the source network (default: the shipped one of the setting)")
    Path sourceCheckpoint;

    @Option(names = "--kernels", paramLabel = "java|nd4j|auto",
            description = "layer kernels: Java loops (CPU default) or ND4J ops (CUDA default); default auto")
    String kernels;

    @Override
    public Integer call() throws Exception {
        if (kernels != null) {
            org.transferlab.nn.Kernels.choose(kernels);
        }
        if (resume != null) {
            return resume();
        }
        if (chapter != null) {
            switch (chapter) {
                case "finetune" -> {
                    return FineTuneConsole.train(toFineTuneConfig(), out);
                }
                case "multimnist" -> {
                    return MultiMnistConsole.train(toMultiMnistConfig(), out);
                }
                case "l2t" -> {
                    return L2tConsole.train(toL2tConfig(), out);
                }
                default -> throw new IllegalArgumentException("--chapter: unknown chapter '" + chapter + "'; choose "
                        + "finetune, multimnist or l2t (part 1 and part 2 train without --chapter)");
            }
        }
        if (exercise != null && MultiTaskExercise.isMultiTask(exercise)) {
            return MultiTaskConsole.train(toMultiTaskConfig(), out);
        }
        TrainingConfig config = toConfig();
        config.validate();
        if (teacherCheckpoint != null && config.needsTeacher()) {
            Checkpoint.read(teacherCheckpoint); // unreadable or foreign: fail before any training
        }
        Path dir = out != null ? RunFolders.createChosen(out)
                : RunFolders.create(Path.of("runs"), config.label(), config.seed(), "");
        System.err.println("backend: " + Backend.describe());
        if (Backend.fallbackNotice() != null) {
            System.err.println("note: " + Backend.fallbackNotice());
        }
        TrainingRun run = new TrainingRun(config).outputDir(dir)
                .addListener(new RunRecorder(dir)).addListener(new Console());
        RunResult r = ProgressLine.untilDone(run);
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        System.err.println("run folder: " + dir.toAbsolutePath());
        return r.status() == RunResult.Status.COMPLETED ? 0 : r.status() == RunResult.Status.STOPPED ? 130 : 1;
    }

    private int resume() throws Exception {
        Path ckpt = resume.resolve(TrainingRun.CHECKPOINT);
        if (!Files.isRegularFile(resume.resolve(RunRecorder.CONFIG))) {
            throw new IllegalArgumentException("--resume: " + resume + " is not a TransferLab run folder (no config.json)");
        }
        String ex = RunRecorder.readSettings(resume.resolve(RunRecorder.CONFIG), c -> c.path("exercise").asText());
        if (ex.equals("finetune")) {
            return FineTuneConsole.resume(resume, dataDir);
        }
        if (ex.equals("multimnist")) {
            return MultiMnistConsole.resume(resume);
        }
        if (ex.equals("l2t")) {
            return L2tConsole.resume(resume);
        }
        if (MultiTaskExercise.isMultiTask(ex)) {
            return MultiTaskConsole.resume(resume, dataDir);
        }
        if (!Files.isRegularFile(ckpt)) {
            throw new IllegalArgumentException("--resume: " + resume + " has no checkpoint: the run stopped before its "
                    + "first epoch ended; start it again instead");
        }
        int done = Integer.parseInt(Checkpoint.read(ckpt).metadata().getOrDefault("epoch", "0"));
        TrainingConfig config = RunRecorder.readConfig(resume, dataDir);
        if (done >= config.epochs()) {
            throw new IllegalArgumentException("--resume: " + resume + " already finished its " + config.epochs() + " epochs");
        }
        System.err.println("resuming " + resume + " after epoch " + done + " of " + config.epochs());
        TrainingRun run = new TrainingRun(config).outputDir(resume).resumeFrom(ckpt, done)
                .addListener(RunRecorder.resuming(resume, done)).addListener(new Console());
        RunResult r = ProgressLine.untilDone(run);
        System.err.println(r.status() == RunResult.Status.COMPLETED ? r.message() : "error: " + r.message());
        return r.status() == RunResult.Status.COMPLETED ? 0 : r.status() == RunResult.Status.STOPPED ? 130 : 1;
    }

    private int batchOr(int def) {
        return batch != null ? batch : def;
    }

    org.transferlab.finetune.FineTuneConfig toFineTuneConfig() {
        var d = org.transferlab.finetune.FineTuneConfig.defaults();
        var task = org.transferlab.finetune.TargetTask.parse(setting);
        int b = batchOr(32);
        if (steps != null && epochs != null) {
            throw new IllegalArgumentException("--steps and --epochs both set the length of the run; give one");
        }
        int n = perClass * task.targetClassCount();
        int length = steps != null ? steps : epochs != null ? epochs * ((n + Math.min(b, n) - 1) / Math.min(b, Math.max(1, n)))
                : org.transferlab.finetune.FineTuneConfig.DEFAULT_STEPS;
        return new org.transferlab.finetune.FineTuneConfig(task, perClass,
                org.transferlab.finetune.Strategy.parse(strategy), lrMultiplier != null ? lrMultiplier
                : d.lrMultiplier(), layers, length, b, lr, seed, evaluations, DataKind.parse(data), dataDir,
                sourceCheckpoint, -1, false, null).validate();
    }

    org.transferlab.multimnist.MultiMnistConfig toMultiMnistConfig() {
        var d = org.transferlab.multimnist.MultiMnistConfig.defaults();
        return new org.transferlab.multimnist.MultiMnistConfig(architecture, weighting,
                taskWeights != null ? taskWeights : d.fixedWeights(), initialS != null ? initialS : d.initialS(),
                gradNormAlpha, trainSize != null ? trainSize : d.trainImages(), d.testImages(),
                epochs != null ? epochs : d.epochs(), batchOr(d.batchSize()), lr, seed,
                widths != null ? widths : d.widths(), stitchLr,
                org.transferlab.multimnist.MultiMnistTask.parseList(tasks), jitter).validate();
    }

    org.transferlab.l2t.L2tConfig toL2tConfig() {
        var m = org.transferlab.l2t.L2tMethod.parse(method == null ? "l2t-ww" : method);
        var d = org.transferlab.l2t.L2tConfig.defaults(m);
        return new org.transferlab.l2t.L2tConfig(m, perClass, epochs != null ? epochs : d.epochs(),
                batchOr(d.batchSize()), lr, beta != null ? beta : d.beta(), metaLr != null ? metaLr : d.metaLearningRate(),
                innerSteps != null ? innerSteps : d.innerSteps(), innerLr != null ? innerLr : d.innerLearningRate(), seed,
                evaluations, DataKind.parse(data), l2tSource, l2tTarget).validate();
    }

    MultiTaskConfig toMultiTaskConfig() {
        MultiTaskExercise ex = MultiTaskExercise.parse(exercise);
        MultiTaskConfig d = MultiTaskConfig.defaults(ex);
        return new MultiTaskConfig(ex, weighting, taskWeights != null ? taskWeights : d.fixedWeights(),
                initialS != null ? initialS : d.initialS(), gradNormAlpha, DataKind.parse(data), dataDir,
                trainSize != null ? trainSize : d.trainSize(), epochs != null ? epochs : d.epochs(), batchOr(128), lr, seed,
                evalEvery, d.widths()).validate();
    }

    TrainingConfig toConfig() {
        Exercise ex = Exercise.parse(exercise != null ? exercise : method != null ? "student" : "q2");
        boolean teacherRun = ex == Exercise.TEACHER;
        TrainingConfig.Builder b = TrainingConfig.builder()
                .exercise(ex)
                .dataset(DatasetId.parse(dataset))
                .data(DataKind.parse(data))
                .dataDir(dataDir)
                .teacher(teacher)
                .student(teacherRun ? student : (student == null ? "cnn-small" : student))
                .trainSize(trainSize != null ? trainSize : teacherRun ? 0 : 1000)
                .epochs(epochs != null ? epochs : teacherRun ? 5 : 100)
                .batchSize(batchOr(128))
                .learningRate(lr)
                .seed(seed)
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
            List<String> ordered = new java.util.ArrayList<>(sets);
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
                    == org.transferlab.transfer.Setting.Type.CHOICE;
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
            return t.set(key + "=" + (value instanceof Double d ? org.transferlab.transfer.Setting.format(d) : value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** Prints the progress line with ETA, and one line per evaluated epoch. */
    private static final class Console implements TrainingListener {
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
