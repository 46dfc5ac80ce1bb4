package org.transferlab.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.Backend;
import org.transferlab.engine.Batches;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.Evaluation;
import org.transferlab.engine.MemoryGuard;
import org.transferlab.engine.OptimizerState;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.RunSkeleton;
import org.transferlab.engine.StepMetrics;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;
import org.transferlab.transfer.CrossEntropy;

/**
 * A run of the chapter "transfer by weights": the target network starts from the source's weights (or from
 * random ones, for scratch) with a new head, and trains on the few labelled target images with cross-entropy;
 * Adam updates each parameter at the learning rate times its layer's multiplier and skips frozen ones entirely,
 * so they stay bit-identical. Batch norm runs in training mode in every layer, frozen or not (as PyTorch's
 * {@code requires_grad = False} leaves it): a frozen layer's γ and β do not change, its running statistics
 * follow the target's batches. Batches are drawn by a seeded shuffle per epoch; the run trains whole epochs
 * until at least {@link FineTuneConfig#steps()} steps are done, and evaluates on the target's test images
 * {@link FineTuneConfig#evaluations()} times, measuring then how far each layer has moved.
 */
public final class FineTuneRun extends RunSkeleton<FineTuneListener, FineTuneResult> {
    public static final String CHECKPOINT = "checkpoint.tlck";
    private static final int EVAL_BATCH = 500;

    private final FineTuneConfig config;
    private Path outputDir;
    private Path resumeFile;
    private long start = System.nanoTime();
    private long trainable;
    private long total;
    private int epochsDone;
    private long steps;
    private double lastAccuracy = Double.NaN;
    private Network network;
    private double sourceBefore = Double.NaN;
    private double sourceAfter = Double.NaN;
    private boolean measureSource = true;

    public FineTuneRun(FineTuneConfig config) {
        super("transferlab-finetune");
        this.config = config;
    }

    public FineTuneConfig config() {
        return config;
    }

    public FineTuneRun addListener(FineTuneListener l) {
        listen(l);
        return this;
    }

    /** Writes {@value #CHECKPOINT} there after every evaluated epoch (atomically), so the run can be resumed. */
    public FineTuneRun outputDir(Path dir) {
        this.outputDir = dir;
        return this;
    }

    /** Continues from a checkpoint this config wrote, exactly where a run that never stopped would be. */
    public FineTuneRun resumeFrom(Path checkpoint) {
        this.resumeFile = checkpoint;
        return this;
    }

    /**
     * Whether to measure the source task's accuracy (default: yes, for every strategy that starts from the whole
     * source; always under LwF). A sweep of many runs turns it off to save the evaluations.
     */
    public FineTuneRun measureSource(boolean on) {
        this.measureSource = on;
        return this;
    }

    /** The source task's test accuracy of the source network (NaN when the run uses no source). */
    public double sourceAccuracyBefore() {
        return sourceBefore;
    }

    /** The source task's test accuracy at the last measurement, through the source's (or LwF's old) head. */
    public double sourceAccuracyAfter() {
        return sourceAfter;
    }

    /** The trained network (after the run; for tests and the neighbours view). */
    public Network network() {
        return network;
    }

    @Override
    protected FineTuneResult failed(String message) {
        return new FineTuneResult(RunResult.Status.FAILED, message, lastAccuracy, trainable, total, epochsDone, steps,
                seconds());
    }

    @Override
    protected FineTuneResult failedAfterSaving(FineTuneResult r, String message) {
        return new FineTuneResult(RunResult.Status.FAILED, message, r.testAccuracy(), r.trainableParameters(),
                r.totalParameters(), r.epochsCompleted(), r.steps(), r.seconds());
    }

    @Override
    protected String message(FineTuneResult r) {
        return r.message();
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The training and test images of the run: the source task's (making a source) or the target's few labels. */
    record Images(ImageSet train, ImageSet test, String source) {
    }

    static Images images(FineTuneConfig c) throws IOException {
        if (c.sourceTask()) {
            DataSplit split = new DatasetLocator(c.dataDir()).load(c.task().sourceData(), c.data());
            ImageSet train = c.task().sourceImages(split.train());
            return new Images(c.perClass() == 0 ? train : LabelledSubset.draw(train, c.perClass(), c.seed()),
                    c.task().sourceImages(split.test()), split.source());
        }
        TargetTask.Data d = c.task().load(c.data(), c.dataDir());
        return new Images(c.perClass() == 0 ? d.pool() : LabelledSubset.draw(d.pool(), c.perClass(), c.seed()),
                d.test(), d.source());
    }

    /** How many training images a run of {@code c} has (loads the data). */
    public static int trainImages(FineTuneConfig c) throws IOException {
        return images(c).train().size();
    }

    /**
     * The network the run starts from: random (seeded), then the source's layers copied in, before training. Under
     * LwF its head has the target's {@code classes} outputs followed by the source's, the latter the source's head
     * copied (one dense layer on the shared features holds both heads).
     */
    static Network startingNetwork(FineTuneConfig c, int classes) throws IOException {
        boolean lwf = c.strategy().keepsSourceHead() && !c.sourceTask();
        Checkpoint.Contents source = c.strategy().usesSource() && !c.sourceTask()
                ? SourceNetworks.read(c.task(), c.sourceCheckpoint()) : null;
        int extra = lwf ? SourceMemory.headClasses(source) : 0;
        Network net = Network.create(ModelZoo.get(c.trainedArchitecture()), classes + extra, c.seed());
        if (source != null) {
            SourceNetworks.copyInto(net, source, c.copyLayers(), SourceNetworks.describe(c.task(), c.sourceCheckpoint()));
            if (lwf) {
                SourceMemory.placeOldHead(net, source, classes);
            }
        }
        return net;
    }

    /** The source task's test images of the run's setting. */
    static ImageSet sourceTest(FineTuneConfig c) throws IOException {
        DataSplit split = new DatasetLocator(c.dataDir()).load(c.task().sourceData(), c.data());
        return c.task().sourceImages(split.test());
    }

    @Override
    protected FineTuneResult execute() throws IOException {
        start = System.nanoTime();
        config.validate();
        Images data = images(config);
        Network net = startingNetwork(config, data.train().numClasses());
        network = net;
        boolean lwf = config.strategy().keepsSourceHead() && !config.sourceTask();
        int targetClasses = data.train().numClasses();
        // what the network still knows of the source task: measured for every strategy that starts from it
        // (not for AnB/BnB's partial copies, whose checkpoint's head belongs to another half of the classes)
        boolean measure = lwf || (measureSource && config.strategy().usesSource() && !config.sourceTask()
                && config.copyLayers() < 0);
        SourceMemory memory0 = measure
                ? new SourceMemory(config, SourceNetworks.read(config.task(), config.sourceCheckpoint()),
                sourceTest(config), data.train()) : null;
        if (memory0 != null) {
            sourceBefore = memory0.before();
        }
        LayerPlan plan = LayerPlan.of(net, config.sourceTask() ? Strategy.SCRATCH : config.strategy(),
                config.lrMultiplier(), config.layers());
        trainable = plan.trainableParameters();
        total = plan.totalParameters();
        Map<String, float[][]> initial = snapshot(plan);
        // back-propagate only down to the lowest layer that trains: frozen lower layers need no gradients
        java.util.Set<String> trained = new java.util.HashSet<>();
        for (Parameter p : net.parameters()) {
            if (plan.multiplier(p) > 0) {
                trained.add(p.name());
            }
        }
        int lowest = net.lowestLayerWith(trained);
        int n = data.train().size();
        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        int epochs = (config.steps() + stepsPerEpoch - 1) / stepsPerEpoch;
        int evalEvery = Math.max(1, epochs / config.evaluations());
        long totalSteps = (long) epochs * stepsPerEpoch;
        AdamOptimizer adam = new AdamOptimizer(config.learningRate());
        double secondsBefore = 0;
        if (resumeFile != null) {
            Checkpoint.Contents c = Checkpoint.read(resumeFile);
            Checkpoint.apply(net, c, resumeFile.toString());
            OptimizerState.restore(c, adam, List.of(), resumeFile.toString());
            epochsDone = Integer.parseInt(c.metadata().getOrDefault("epoch", "0"));
            lastAccuracy = Double.parseDouble(c.metadata().getOrDefault("test_accuracy", "NaN"));
            secondsBefore = Double.parseDouble(c.metadata().getOrDefault("seconds", "0"));
        }
        FineTuneListener.Info info = new FineTuneListener.Info(config, Backend.describe(), data.source(),
                config.strategy().usesSource() && !config.sourceTask()
                        ? SourceNetworks.describe(config.task(), config.sourceCheckpoint()) : "none (random weights)",
                n, data.test().size(), epochs, totalSteps, plan.layers(), trainable, total);
        listeners().forEach(l -> l.onStart(info));
        if (memory0 != null && epochsDone == 0) {
            SourceMemory.Measure m0 = memory0.measure(net, lwf ? targetClasses : -1, config.lwfTemperature());
            sourceAfter = m0.sourceAccuracy();
            FineTuneListener.Forgetting f0 = new FineTuneListener.Forgetting(0, 0, sourceBefore, m0.sourceAccuracy(),
                    Double.NaN, m0.oldHeadKl());
            listeners().forEach(l -> l.onForgetting(f0));
        }
        Random rng = new Random(config.seed() ^ 0x5DEECE66DL);
        MemoryGuard memory = new MemoryGuard();
        steps = (long) epochsDone * stepsPerEpoch;
        long stepsBefore = steps;
        long loopStart = System.nanoTime();
        int classes = data.train().numClasses();
        int width = classes + (lwf ? memory0.sourceClasses() : 0);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long orderSeed = rng.nextLong();
            long passSeed = rng.nextLong();
            if (epoch <= epochsDone) {
                continue; // finished before the checkpoint: only its seeds are drawn
            }
            int[] order = Subsets.permutation(n, orderSeed);
            Random pass = new Random(passSeed);
            double lossSum = 0;
            long correct = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                if (stopHere()) {
                    return ended(RunResult.Status.STOPPED, "stopped by the user after " + epochsDone + " of " + epochs
                            + " epochs; the metrics and the checkpoint of the last evaluated epoch are kept", secondsBefore);
                }
                int from = s * batch;
                int to = Math.min(n, from + batch);
                INDArray logits = net.forward(Batches.images(data.train(), order, from, to), Pass.train(pass)).logits();
                int[] labels = Batches.labels(data.train(), order, from, to);
                double[] z = Floats.readDouble(logits);
                double[] g = new double[z.length];
                double loss;
                double lwfLoss = Double.NaN;
                int[] pred;
                if (lwf) {
                    // the new head: cross-entropy on the labels; the old head: held to the recorded answers
                    double[] gNew = new double[(to - from) * classes];
                    loss = CrossEntropy.evaluate(LearningWithoutForgetting.columns(z, width, 0, classes), labels,
                            classes, 1.0, gNew);
                    int k = memory0.sourceClasses();
                    double[] gOld = new double[(to - from) * k];
                    lwfLoss = LearningWithoutForgetting.term(LearningWithoutForgetting.columns(z, width, classes, k),
                            memory0.recorded(order, from, to), k, config.lwfTemperature(), config.lwfLambda(), gOld);
                    LearningWithoutForgetting.addColumns(g, width, 0, gNew, classes);
                    LearningWithoutForgetting.addColumns(g, width, classes, gOld, k);
                    loss += lwfLoss;
                    pred = argmax(z, width, classes);
                } else {
                    loss = CrossEntropy.evaluate(z, labels, classes, 1.0, g);
                    pred = null;
                }
                if (!Double.isFinite(loss)) {
                    return ended(RunResult.Status.DIVERGED, String.format("training diverged: the loss became NaN or "
                            + "infinite at epoch %d, step %d; lower the learning rate (now %g) or the multipliers and "
                            + "run again; the metrics so far are kept", epoch, s + 1, config.learningRate()), secondsBefore);
                }
                if (pred == null) {
                    pred = Batches.argmax(logits);
                }
                int right = 0;
                for (int i = 0; i < pred.length; i++) {
                    right += pred[i] == labels[i] ? 1 : 0;
                }
                correct += right;
                lossSum += loss * (to - from);
                net.backward(Floats.create(g, logits.shape()), Map.of(), lowest);
                adam.nextStep();
                for (Parameter p : net.parameters()) {
                    double m = plan.multiplier(p);
                    if (m > 0) {
                        adam.update(p.name(), p.value(), p.grad(), m);
                    }
                }
                memory.afterStep();
                steps++;
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                Map<String, Double> parts = lwf ? Map.of("loss/ce", loss - lwfLoss, "loss/lwf", lwfLoss)
                        : Map.of("loss/ce", loss);
                StepMetrics sm = new StepMetrics(epoch, s + 1, steps, totalSteps, parts, loss,
                        right / (double) pred.length, elapsed,
                        org.transferlab.engine.RunProgress.rate(steps - stepsBefore, elapsed));
                progressed(sm);
                listeners().forEach(l -> l.onStep(sm));
            }
            boolean evaluate = epoch % evalEvery == 0 || epoch == epochs;
            double test = Double.NaN;
            if (evaluate) {
                test = lwf ? SourceMemory.accuracy(net, data.test(), classes)
                        : Evaluation.accuracy(net, data.test(), EVAL_BATCH);
                lastAccuracy = test;
            }
            epochsDone = epoch;
            EpochMetrics em = new EpochMetrics(epoch, epochs, lossSum / n, correct / (double) n, test,
                    secondsBefore + seconds());
            listeners().forEach(l -> l.onEpoch(em));
            if (evaluate) {
                FineTuneListener.Drift d = new FineTuneListener.Drift(epoch, steps, drift(plan, initial));
                listeners().forEach(l -> l.onDrift(d));
                if (memory0 != null) {
                    SourceMemory.Measure m = memory0.measure(net, lwf ? classes : -1, config.lwfTemperature());
                    sourceAfter = m.sourceAccuracy();
                    FineTuneListener.Forgetting f = new FineTuneListener.Forgetting(epoch, steps, sourceBefore,
                            m.sourceAccuracy(), test, m.oldHeadKl());
                    listeners().forEach(l -> l.onForgetting(f));
                }
                if (outputDir != null) {
                    saveCheckpoint(net, adam, epoch, secondsBefore + seconds());
                }
            }
        }
        return ended(RunResult.Status.COMPLETED, String.format("finished %d epochs (%d steps): test accuracy %.4f on "
                + "%s, %,d of %,d parameters trained", epochs, steps, lastAccuracy, config.sourceTask()
                ? "the source task" : config.task().targetData().id() + " (" + config.perClass() + " labels per class)",
                trainable, total), secondsBefore);
    }

    /** Per row of a row-major [N·width] matrix, the index of the largest of its first {@code columns} values. */
    static int[] argmax(double[] z, int width, int columns) {
        int[] out = new int[z.length / width];
        for (int n = 0; n < out.length; n++) {
            int best = 0;
            for (int i = 1; i < columns; i++) {
                if (z[n * width + i] > z[n * width + best]) {
                    best = i;
                }
            }
            out[n] = best;
        }
        return out;
    }

    private FineTuneResult ended(RunResult.Status status, String message, double secondsBefore) {
        return new FineTuneResult(status, message, lastAccuracy, trainable, total, epochsDone, steps,
                secondsBefore + seconds());
    }

    private void saveCheckpoint(Network net, AdamOptimizer adam, int epoch, double seconds) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>(net.state());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("epoch", String.valueOf(epoch));
        meta.put("test_accuracy", String.valueOf(lastAccuracy));
        meta.put("seconds", String.valueOf(seconds));
        meta.put("setting", config.task().id());
        meta.put("strategy", config.strategy().id());
        OptimizerState.save(adam, List.of(), arrays, meta);
        Checkpoint.save(net.architecture().name(), arrays, outputDir.resolve(CHECKPOINT), meta);
    }

    /** Each layer's parameters as they start. */
    private static Map<String, float[][]> snapshot(LayerPlan plan) {
        Map<String, float[][]> m = new LinkedHashMap<>();
        for (LayerPlan.Layer l : plan.layers()) {
            List<Parameter> ps = plan.parameters(l.name());
            float[][] values = new float[ps.size()][];
            for (int i = 0; i < ps.size(); i++) {
                values[i] = Floats.read(ps.get(i).value(), null);
            }
            m.put(l.name(), values);
        }
        return m;
    }

    /** Per layer, ‖w − w₀‖ / ‖w₀‖ over all its parameters. */
    static Map<String, Double> drift(LayerPlan plan, Map<String, float[][]> initial) {
        Map<String, Double> out = new LinkedHashMap<>();
        initial.forEach((layer, w0) -> {
            List<Parameter> ps = plan.parameters(layer);
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < ps.size(); i++) {
                float[] w = Floats.read(ps.get(i).value(), null);
                for (int k = 0; k < w.length; k++) {
                    double d = w[k] - w0[i][k];
                    diff += d * d;
                    norm += (double) w0[i][k] * w0[i][k];
                }
            }
            out.put(layer, norm == 0 ? 0 : Math.sqrt(diff / norm));
        });
        return out;
    }
}
