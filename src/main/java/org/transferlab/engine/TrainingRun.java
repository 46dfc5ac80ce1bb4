package org.transferlab.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.Network;
import org.transferlab.models.ModelZoo;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;
import org.transferlab.transfer.AttentionTransfer;
import org.transferlab.transfer.LossGradients;
import org.transferlab.transfer.LossInputs;
import org.transferlab.transfer.Objective;
import org.transferlab.transfer.MethodParameter;
import org.transferlab.transfer.ObjectiveContext;
import org.transferlab.transfer.TransferTerm;

/**
 * One training run: loads data and teacher, builds the trained model and its objective, and runs the loop,
 * reporting to {@link TrainingListener}s. {@link #start()} runs it on its own thread; {@link #run()} on the
 * caller's. Pause, resume and stop go through {@link #control()}. On the CPU a run is reproducible: the seed
 * fixes the subset, the initial weights, the batch order and the dropout masks.
 */
public final class TrainingRun extends RunSkeleton<TrainingListener, RunResult> implements LiveRun {
    /** File name of the checkpoint written after each epoch when an output folder is set. */
    public static final String CHECKPOINT = "checkpoint.tlck";

    private final TrainingConfig config;
    private final AtomicReference<int[]> snapshotRequest = new AtomicReference<>();
    private Loop loop;
    private Path outputDir;
    private int snapshotEverySteps;
    private int[] snapshotSamples = {0, 1, 2, 3, 4, 5, 6, 7};
    private int evalBatch = 500;
    private ImageSet trainOverride;
    private ImageSet testOverride;

    public TrainingRun(TrainingConfig config) {
        super("transferlab-training");
        this.config = config;
    }

    @Override
    public TrainingConfig config() {
        return config;
    }

    @Override
    public TrainingRun addListener(TrainingListener l) {
        listen(l);
        return this;
    }

    /** Writes {@value #CHECKPOINT} there after every epoch (atomically). */
    public TrainingRun outputDir(Path dir) {
        this.outputDir = dir;
        return this;
    }

    private double snapshotShare = 1;
    private long periodicSnapshotNanos;

    /**
     * Caps the share of the training loop's time that periodic snapshots may take (the views' attention maps,
     * softened outputs and gradient norms per loss term, which cost one extra backward pass per term): a snapshot
     * due by {@link #snapshotEvery} is skipped while snapshots have taken more than {@code share} of the time.
     * A fast machine still gets one every few steps; a slow one fewer, and training is not slowed by more than
     * the share. 1 (the default): no cap. Snapshots asked for by {@link #requestSnapshot} are never skipped.
     */
    public TrainingRun snapshotShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the snapshots' share of the time must be in (0, 1], got " + share);
        }
        this.snapshotShare = share;
        return this;
    }

    /** Sends a snapshot of the chosen test samples every {@code steps} steps (0: only on request). */
    public TrainingRun snapshotEvery(int steps, int... samples) {
        this.snapshotEverySteps = steps;
        if (samples.length > 0) {
            this.snapshotSamples = samples.clone();
        }
        return this;
    }

    /**
     * Continues from a checkpoint written after {@code completedEpochs} epochs: the weights and running
     * statistics are loaded and training starts at the next epoch, with the batch order of an uninterrupted
     * run; Adam's moments and the methods' parameters come from the checkpoint too, so the resumed run is the
     * run that never stopped.
     */
    public TrainingRun resumeFrom(Path checkpoint, int completedEpochs) {
        this.resumeCheckpoint = checkpoint;
        this.resumeEpochs = completedEpochs;
        return this;
    }

    private Path resumeCheckpoint;
    private int resumeEpochs;
    private java.util.function.Function<TrainingConfig, List<TransferTerm>> termFactory;

    /**
     * Uses these transfer terms instead of the exercise's built-in ones (exercise mode: a student's own loss
     * code). Cross-entropy is still added by the objective, scaled by the terms' {@code crossEntropyScale}.
     */
    public TrainingRun terms(java.util.function.Function<TrainingConfig, List<TransferTerm>> factory) {
        this.termFactory = factory;
        return this;
    }

    /** Replaces the data the config names (for tests and the app's own subsets). */
    public TrainingRun data(ImageSet train, ImageSet test) {
        this.trainOverride = train;
        this.testOverride = test;
        return this;
    }

    /** Asks for a snapshot of these test samples after the next step. */
    public void requestSnapshot(int... samples) {
        snapshotRequest.set(samples.clone());
    }

    @Override
    protected RunResult execute() throws IOException {
        loop = new Loop();
        return loop.execute();
    }

    @Override
    protected RunResult failed(String message) {
        return new RunResult(RunResult.Status.FAILED, message, loop.summary(RunResult.Status.FAILED));
    }

    @Override
    protected RunResult failedAfterSaving(RunResult r, String message) {
        return new RunResult(RunResult.Status.FAILED, message, r.summary());
    }

    @Override
    protected String message(RunResult r) {
        return r.message();
    }


    /** The state of one execution of the loop. */
    private final class Loop {
        private final long startNanos = System.nanoTime();
        private String backend = "";
        private String source = "";
        private ImageSet train;
        private ImageSet test;
        private Network model;
        private Network teacher;
        private Double teacherAccuracy;
        private double testAccuracy = Double.NaN;
        private double lastTrainLoss = Double.NaN;
        private int epochsCompleted;
        private Objective objective;
        private AdamOptimizer adam;
        /** Per student point, the host copy of its features the loss terms read, reused step after step. */
        private final Map<String, double[]> featureBuffers = new HashMap<>();
        /** Per student point, the array its loss gradient is written into for the backward pass, reused. */
        private final Map<String, INDArray> gradientBuffers = new HashMap<>();
        private long steps;
        private double stepSeconds;

        RunResult execute() throws IOException {
            config.validate();
            backend = Backend.describe();
            loadData();
            if (config.needsTeacher()) {
                teacher = TeacherModel.load(config.teacher(), config.dataset(), config.teacherCheckpoint());
                teacherAccuracy = Evaluation.accuracy(teacher, test, evalBatch);
            }
            var arch = ModelZoo.get(config.trainedModel());
            model = Network.create(arch, train.numClasses(), config.seed());
            List<TransferTerm> terms = termFactory != null ? termFactory.apply(config) : config.terms();
            objective = Objective.build(new ObjectiveContext(arch, teacher == null ? null : teacher.architecture(),
                    config.seed()).trainingSetSize(train.size()), terms);
            adam = new AdamOptimizer(config.learningRate());
            if (resumeCheckpoint != null) {
                Checkpoint.Contents saved = Checkpoint.load(model, resumeCheckpoint);
                if (!OptimizerState.restore(saved, adam, checkpointed(objective), resumeCheckpoint.toString())) {
                    System.err.println("note: " + resumeCheckpoint + " was written before checkpoints kept the "
                            + "optimiser's state: Adam's moments restart, so the resumed run is close to, not exactly, "
                            + "the run that never stopped");
                }
                epochsCompleted = resumeEpochs;
            }
            TeacherTargets targets = teacher == null ? null : TeacherTargets.compute(teacher, train,
                    objective.context().teacherMapsUsed(), objective.context().teacherFeaturesUsed(),
                    objective.context().attentionForm(), objective.context().attentionP(), evalBatch);
            if (targets != null && objective.context().usesStudentAccess()) {
                targets.inputGradients = TeacherTargets.inputGradients(teacher, train,
                        objective.context().teacherInputSeed(), objective.context().teacherSeedTaps(), evalBatch);
            }

            int n = train.size();
            int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
            long totalSteps = (long) stepsPerEpoch * config.epochs();
            RunInfo info = new RunInfo(config, backend, source, n, test.size(), stepsPerEpoch, totalSteps,
                    arch.name(), model.parameterCount(), teacherAccuracy, objective.componentWeights(),
                    train.classNames());
            listeners().forEach(l -> l.onStart(info));

            Random rng = new Random(config.seed());
            List<Parameter> params = model.parameters();
            List<MethodParameter> methodParams = objective.parameters();
            MemoryGuard memory = new MemoryGuard();
            if (targets != null) {
                memory.collectNow();
            }
            long loopStart = System.nanoTime();
            steps = (long) resumeEpochs * stepsPerEpoch; // a resumed run continues the step count
            long stepsBefore = steps;

            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long orderSeed = rng.nextLong();
                if (epoch <= resumeEpochs) {
                    continue; // done before the interruption: only its batch-order seed is drawn
                }
                int[] order = Subsets.permutation(n, orderSeed);
                // dropout draws from a source of the epoch's own, so a run resumed at an epoch repeats it exactly
                Random dropout = new Random(orderSeed * 31 + 17);
                objective.atEpoch(epoch);
                double lossSum = 0;
                long correct = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    if (stopHere()) {
                        return stopped(epoch, s, stepsPerEpoch);
                    }
                    long t0 = System.nanoTime();
                    int from = s * config.batchSize();
                    int to = Math.min(n, from + config.batchSize());
                    INDArray images = Batches.images(train, order, from, to);
                    int[] labels = Batches.labels(train, order, from, to);
                    StudentPasses passes = objective.context().usesStudentAccess()
                            ? new StudentPasses(model, images, labels, objective.context().studentTapsUsed(), dropout)
                            : null;
                    Network.Forward f = passes != null ? passes.forward() : model.forward(images, Pass.train(dropout));
                    LossInputs inputs = lossInputs(f, labels, targets, objective, order, from, to, passes);
                    Objective.Result r = objective.evaluate(inputs);
                    double total = r.total();
                    Map<String, Double> losses = r.components();
                    if (!(Math.abs(total) <= Float.MAX_VALUE)) { // NaN, infinite, or beyond float32's range
                        return diverged(epoch, s, losses, objective.componentWeights());
                    }
                    int[] pred = Batches.argmax(f.logits());
                    int[] wanted = snapshotRequest.getAndSet(null);
                    if (wanted == null && snapshotEverySteps > 0 && (steps + 1) % snapshotEverySteps == 0
                            && (snapshotShare >= 1
                            || periodicSnapshotNanos <= snapshotShare * (System.nanoTime() - loopStart))) {
                        wanted = snapshotSamples;
                    }
                    Map<String, Double> gradientNorms = new LinkedHashMap<>();
                    if (wanted != null) { // the views' extra backward pass per term: counted in the snapshots' share
                        long normsAt = System.nanoTime();
                        objective.gradientsByTerm(inputs).forEach((term, g) -> {
                            backward(f, g);
                            gradientNorms.put(term, parameterGradientNorm(params));
                        });
                        periodicSnapshotNanos += System.nanoTime() - normsAt;
                    }
                    backward(f, r.gradients());
                    if (passes != null) {
                        passes.finish(); // second-order terms (Jacobian matching), after the loss's backward pass
                    }
                    adam.nextStep();
                    for (Parameter p : params) {
                        adam.update(p.name(), p.value(), p.grad());
                    }
                    for (MethodParameter p : methodParams) {
                        adam.update(p.name(), p.value(), p.grad());
                    }
                    memory.afterStep();
                    int batchCorrect = 0;
                    for (int i = 0; i < pred.length; i++) {
                        if (pred[i] == train.label(order[from + i])) {
                            batchCorrect++;
                        }
                    }
                    correct += batchCorrect;
                    lossSum += total * (to - from);
                    steps++;
                    stepSeconds += (System.nanoTime() - t0) / 1e9;
                    double elapsed = elapsed();
                    double rate = RunProgress.rate(steps - stepsBefore, (System.nanoTime() - loopStart) / 1e9);
                    StepMetrics sm = new StepMetrics(epoch, s + 1, steps, totalSteps, losses, total,
                            batchCorrect / (double) (to - from), elapsed, rate);
                    progressed(sm);
                    listeners().forEach(l -> l.onStep(sm));
                    if (wanted != null) {
                        long snapAt = System.nanoTime();
                        Snapshot snap = snapshot(epoch, wanted, gradientNorms);
                        listeners().forEach(l -> l.onSnapshot(snap));
                        periodicSnapshotNanos += System.nanoTime() - snapAt;
                    }
                }
                lastTrainLoss = lossSum / n;
                // the end of the epoch as the views show it: the recorder keeps it in snapshots/ for the epoch slider
                int[] kept = java.util.Arrays.stream(snapshotSamples).filter(i -> i < test.size()).toArray();
                if (kept.length > 0) {
                    Snapshot end = snapshot(epoch, kept, Map.of());
                    listeners().forEach(l -> l.onSnapshot(end));
                }
                boolean evaluate = epoch % config.evalEvery() == 0 || epoch == config.epochs();
                double acc = evaluate ? Evaluation.accuracy(model, test, evalBatch) : Double.NaN;
                if (evaluate) {
                    testAccuracy = acc;
                }
                epochsCompleted = epoch;
                EpochMetrics em = new EpochMetrics(epoch, config.epochs(), lastTrainLoss, correct / (double) n, acc,
                        elapsed());
                listeners().forEach(l -> l.onEpoch(em)); // the metrics first: a checkpoint never runs ahead of them
                writeTermFiles(epoch);
                saveCheckpoint();
            }
            // a last look at the test samples, for the views and the figures made from the run folder
            int[] shown = java.util.Arrays.stream(snapshotSamples).filter(i -> i < test.size()).toArray();
            Snapshot last = shown.length == 0 ? null : snapshot(config.epochs(), shown, Map.of());
            if (last != null) {
                listeners().forEach(l -> l.onSnapshot(last));
            }
            writeLogitCorrelation();
            return new RunResult(RunResult.Status.COMPLETED, String.format("finished %d epochs: test accuracy %.4f",
                    config.epochs(), testAccuracy), summary(RunResult.Status.COMPLETED));
        }

        private void loadData() throws IOException {
            ImageSet fullTrain;
            if (trainOverride != null) {
                fullTrain = trainOverride;
                test = testOverride;
                source = "supplied by caller";
            } else {
                DataSplit split = new DatasetLocator(config.dataDir()).load(config.dataset(), config.data());
                fullTrain = split.train();
                test = split.test();
                source = split.source();
            }
            int size = config.trainSize() == 0 ? fullTrain.size() : config.trainSize();
            if (size > fullTrain.size()) {
                throw new IllegalArgumentException("--train-size " + size + " is larger than the " + fullTrain.size()
                        + " training images of " + source + "; choose at most " + fullTrain.size()
                        + " or use the full data set");
            }
            fullTrain.requireSize(28, 28, source);
            test.requireSize(28, 28, source);
            train = Subsets.firstN(fullTrain, size, config.seed());
        }

        private LossInputs lossInputs(Network.Forward f, int[] labels, TeacherTargets targets, Objective objective,
                                      int[] order, int from, int to, StudentPasses passes) {
            Map<String, LossInputs.Feature> taps = new LinkedHashMap<>();
            for (String tap : objective.context().studentTapsUsed()) {
                // one buffer per point for the whole run: the terms read a step's features during that step only
                LossInputs.Feature feature = Batches.feature(f.taps().get(tap), featureBuffers.get(tap));
                featureBuffers.put(tap, feature.values());
                taps.put(tap, feature);
            }
            double[] teacherLogits = null;
            Map<String, double[]> teacherMaps = new LinkedHashMap<>();
            if (targets != null) {
                if (objective.context().usesTeacherLogits()) {
                    teacherLogits = Batches.rows(targets.logits, order, from, to);
                }
                targets.maps.forEach((pair, rows) -> teacherMaps.put(pair, Batches.rows(rows, order, from, to)));
            }
            Map<String, LossInputs.Feature> teacherTaps = new LinkedHashMap<>();
            if (targets != null) {
                targets.features.forEach((pair, rows) -> {
                    int[] s = targets.featureShapes.get(pair);
                    teacherTaps.put(pair, new LossInputs.Feature(Batches.rows(rows, order, from, to), s[0], s[1], s[2]));
                });
            }
            double[] teacherInputGradients = targets == null || targets.inputGradients == null ? null
                    : Batches.rows(targets.inputGradients, order, from, to);
            return new LossInputs(to - from, (int) f.logits().size(1), Floats.readDouble(f.logits()), labels, taps,
                    teacherLogits, teacherMaps, teacherTaps, java.util.Arrays.copyOfRange(order, from, to),
                    teacherInputGradients, passes);
        }

        /** The methods' arrays a checkpoint holds: their trained parameters, then their untrained buffers. */
        private static List<MethodParameter> checkpointed(Objective objective) {
            List<MethodParameter> all = new ArrayList<>(objective.parameters());
            all.addAll(objective.buffers());
            return all;
        }

        private void backward(Network.Forward f, LossGradients g) {
            Map<String, INDArray> tapGrads = new HashMap<>();
            g.taps().forEach((tap, v) -> {
                // the network reads these during this backward pass only: one array per point, rewritten each step
                INDArray a = Floats.like(gradientBuffers.get(tap), f.taps().get(tap).shape());
                Floats.write(a, v);
                gradientBuffers.put(tap, a);
                tapGrads.put(tap, a);
            });
            model.backward(Floats.create(g.logits(), f.logits().shape()), tapGrads);
        }

        private static double parameterGradientNorm(List<Parameter> params) {
            double ss = 0;
            for (Parameter p : params) {
                double n = p.grad().norm2Number().doubleValue();
                ss += n * n;
            }
            return Math.sqrt(ss);
        }

        private Snapshot snapshot(int epoch, int[] samples, Map<String, Double> gradientNorms) {
            int[] idx = samples.clone();
            for (int i : idx) {
                if (i < 0 || i >= test.size()) {
                    throw new IllegalArgumentException("snapshot sample " + i + " is outside the test split (0.."
                            + (test.size() - 1) + ")");
                }
            }
            INDArray images = Batches.images(test, idx, 0, idx.length);
            Map<String, float[][]> sMaps = new LinkedHashMap<>();
            float[][][] sEmbedding = new float[1][][];
            float[][] sLogits = forward(model, images, sMaps, sEmbedding);
            Map<String, float[][]> tMaps = new LinkedHashMap<>();
            float[][][] tEmbedding = new float[1][][];
            float[][] tLogits = teacher == null ? null : forward(teacher, images, tMaps, tEmbedding);
            Map<String, int[]> sides = new LinkedHashMap<>();
            model.architecture().attentionPoints().forEach((k, v) -> sides.put(k, new int[]{v[1], v[2]}));
            int[] labels = new int[idx.length];
            float[][] pixels = new float[idx.length][];
            for (int i = 0; i < idx.length; i++) {
                labels[i] = test.label(idx[i]);
                pixels[i] = new float[test.pixelsPerImage()];
                test.copyScaled(idx[i], pixels[i], 0);
            }
            return new Snapshot(steps, epoch, idx, labels, pixels, sLogits, tLogits, sMaps, tMaps, sides,
                    gradientNorms, sEmbedding[0], tEmbedding[0]);
        }

        /**
         * Logits and every attention point's normalised map at its own size, in evaluation mode; the embedding
         * (after global pooling) into {@code embedding[0]}.
         */
        private float[][] forward(Network g, INDArray images, Map<String, float[][]> maps, float[][][] embedding) {
            Network.Forward out = g.forward(images, Pass.EVAL);
            int n = (int) images.size(0);
            g.architecture().attentionPoints().forEach((tap, shape) -> {
                double[] q = AttentionTransfer.map(Batches.feature(out.taps().get(tap)), config.attentionForm(),
                        config.attentionP(), shape[1], shape[2]);
                int hw = shape[1] * shape[2];
                float[][] rows = new float[n][hw];
                for (int s = 0; s < n; s++) {
                    for (int k = 0; k < hw; k++) {
                        rows[s][k] = (float) q[s * hw + k];
                    }
                }
                maps.put(tap, rows);
            });
            float[][] logits = new float[n][];
            Batches.copyRows(out.logits(), logits, 0);
            INDArray e = out.taps().get(org.transferlab.models.Architecture.EMBEDDING);
            if (e != null) {
                embedding[0] = new float[n][];
                Batches.copyRows(e.reshape(n, e.length() / n), embedding[0], 0);
            }
            return logits;
        }

        /**
         * {@value LogitCorrelation#FILE}: the teacher's and the student's logit correlation matrices on the test set,
         * for every student run with an output folder. A run without transfer (the baseline) loads the configured
         * teacher for it, so its figure can stand beside KD's and CRD's; where no teacher can be loaded the file is
         * left out.
         */
        private void writeLogitCorrelation() throws IOException {
            if (outputDir == null || !config.exercise().trainsStudent()) {
                return;
            }
            Network t = teacher;
            if (t == null) {
                try {
                    t = TeacherModel.load(config.teacher(), config.dataset(), config.teacherCheckpoint());
                } catch (IOException | RuntimeException e) {
                    System.err.println("note: no " + LogitCorrelation.FILE + " (no teacher to compare with: "
                            + e.getMessage() + ")");
                    return;
                }
            }
            double[] ct = LogitCorrelation.matrix(LogitCorrelation.logits(t, test, evalBatch));
            double[] cs = LogitCorrelation.matrix(LogitCorrelation.logits(model, test, evalBatch));
            org.transferlab.io.AtomicFiles.writeString(outputDir.resolve(LogitCorrelation.FILE), LogitCorrelation.csv(ct, cs));
        }

        /** The terms' own per-epoch files (e.g. VID's vid_sigma.csv), written into the run folder. */
        private void writeTermFiles(int epoch) throws IOException {
            if (outputDir != null) {
                for (TransferTerm t : objective.terms()) {
                    for (Map.Entry<String, String> f : t.epochFiles(epoch).entrySet()) {
                        java.nio.file.Files.writeString(outputDir.resolve(f.getKey()), f.getValue());
                    }
                }
            }
        }

        private void saveCheckpoint() throws IOException {
            if (outputDir != null) {
                Map<String, INDArray> arrays = new LinkedHashMap<>(model.state());
                Map<String, String> meta = new java.util.TreeMap<>();
                meta.put("exercise", config.exercise().id());
                meta.put("methods", String.join(",", config.methods()));
                meta.put("dataset", config.dataset().id());
                meta.put("epoch", String.valueOf(epochsCompleted));
                meta.put("seed", String.valueOf(config.seed()));
                OptimizerState.save(adam, checkpointed(objective), arrays, meta);
                Checkpoint.save(model.architecture().name(), arrays, outputDir.resolve(CHECKPOINT), meta);
            }
        }

        private RunResult stopped(int epoch, int stepInEpoch, int stepsPerEpoch) {
            return new RunResult(RunResult.Status.STOPPED, stoppedMessage(epoch, stepInEpoch, stepsPerEpoch,
                    config.epochs()), summary(RunResult.Status.STOPPED));
        }

        private RunResult diverged(int epoch, int stepInEpoch, Map<String, Double> losses, Map<String, Double> weights) {
            List<String> bad = new ArrayList<>();
            losses.forEach((k, v) -> {
                // the graph computes in float32: a weighted term beyond Float.MAX_VALUE is already infinite there
                boolean part = org.transferlab.transfer.TransferMethods.isPart(k); // e.g. loss/at/group1
                if (!part && !(Math.abs(v * weights.getOrDefault(k, 1.0)) <= Float.MAX_VALUE)) {
                    bad.add(k.replace("loss/", "").toUpperCase());
                }
            });
            String which = bad.isEmpty() ? "the total loss" : "the " + String.join(" and ", bad) + " term";
            return new RunResult(RunResult.Status.DIVERGED, String.format(
                    "training diverged: %s became NaN or infinite at epoch %d, step %d. Lower the learning rate "
                            + "(now %g)%s and run again; metrics so far and the last epoch's checkpoint are kept.",
                    which, epoch, stepInEpoch + 1, config.learningRate(),
                    config.methods().isEmpty() ? "" : " or the methods' weights"), summary(RunResult.Status.DIVERGED));
        }

        private double elapsed() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        RunSummary summary(RunResult.Status status) {
            return new RunSummary(config.exercise().id(), status.id(), config.dataset().id(), source,
                    config.trainedModel(), config.needsTeacher() ? config.teacher() : null, testAccuracy,
                    teacherAccuracy, train == null ? config.trainSize() : train.size(), config.epochs(),
                    epochsCompleted, steps, elapsed(), stepSeconds > 0 ? steps / stepSeconds : 0, backend,
                    config.seed(), lastTrainLoss);
        }
    }

    /**
     * What a run stopped by the user says, stopped before step {@code stepInEpoch + 1} (1-based) of epoch
     * {@code epoch}: at an epoch boundary (no step of the epoch ran) it names the last finished epoch, "stopped
     * after epoch 10 of 20", not "in epoch 11 after 0 of its steps"; within an epoch, how far it got.
     */
    static String stoppedMessage(int epoch, int stepInEpoch, int stepsPerEpoch, int epochs) {
        int finished = epoch - 1;
        String kept = finished == 0 ? "metrics so far are kept (no epoch finished, so there is no checkpoint)"
                : "metrics so far and the checkpoint of epoch " + finished + " are kept";
        if (stepInEpoch == 0) {
            return finished == 0 ? "stopped by the user before the first step: nothing was trained"
                    : "stopped by the user after epoch " + finished + " of " + epochs + ", before epoch " + epoch
                    + " began; " + kept;
        }
        return "stopped by the user in epoch " + epoch + " of " + epochs + " after " + stepInEpoch + " of its "
                + stepsPerEpoch + " steps; " + kept;
    }

}
