package org.transferlab.part2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.Backend;
import org.transferlab.engine.Batches;
import org.transferlab.engine.MemoryGuard;
import org.transferlab.engine.RunResult;
import org.transferlab.models.MultiTaskModel;
import org.transferlab.models.MultiTaskNetwork;
import org.transferlab.weightings.GradientSurgery;
import org.transferlab.weightings.LossWeighting;
import org.transferlab.weightings.TaskStep;
import org.transferlab.weightings.Weightings;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;
import org.transferlab.transfer.CrossEntropy;

/**
 * A part-2 run: task 1 (MNIST digits) and task 2 (Fashion-MNIST), each with its own images, trained together.
 * Each step runs task 1's batch forward and backward, then task 2's, keeping each task's gradients; the
 * weighting method turns the step's losses and gradients into weights w_i, and Adam takes one step along
 * Σ_i w_i ∇L_i. A2 trains every structure of the exercise in turn, from the same seed.
 */
public final class MultiTaskRun extends org.transferlab.engine.RunSkeleton<MultiTaskListener, MultiTaskResult> {
    private final MultiTaskConfig config;
    /** The structures finished so far (A2 trains several), and when the run started. */
    private final List<MultiTaskListener.Structure> done = new ArrayList<>();
    private long start = System.nanoTime();
    private int evalBatch = 500;

    public MultiTaskRun(MultiTaskConfig config) {
        super("transferlab-multitask");
        this.config = config;
    }

    private MultiTaskModel.Factory modelFactory = MultiTaskNetwork::create;
    private java.util.function.IntFunction<LossWeighting> weightingFactory;

    /** Trains models from this factory instead of {@link MultiTaskNetwork} (exercise mode: a student's model). */
    public MultiTaskRun model(MultiTaskModel.Factory factory) {
        this.modelFactory = factory;
        return this;
    }

    /**
     * Uses this weighting (made per structure from the number of tasks) instead of the configured method
     * (exercise mode: a student's own uncertainty-weighting loss).
     */
    public MultiTaskRun weighting(java.util.function.IntFunction<LossWeighting> factory) {
        this.weightingFactory = factory;
        return this;
    }

    private java.nio.file.Path outputDir;
    private java.nio.file.Path resumeFile;

    /** Writes {@value MultiTaskCheckpoint#FILE} there after every epoch (atomically), so the run can be resumed. */
    public MultiTaskRun outputDir(java.nio.file.Path dir) {
        this.outputDir = dir;
        return this;
    }

    /**
     * Continues from a checkpoint a run of the same config wrote: finished structures are kept, the structure it
     * was in goes on after its last finished epoch with the model, Adam's moments, the weighting's state and the
     * batch order of a run that never stopped, so the result is that run's.
     */
    public MultiTaskRun resumeFrom(java.nio.file.Path checkpoint) {
        this.resumeFile = checkpoint;
        return this;
    }

    public MultiTaskConfig config() {
        return config;
    }

    public MultiTaskRun addListener(MultiTaskListener l) {
        listen(l);
        return this;
    }

    @Override
    protected MultiTaskResult failed(String message) {
        return new MultiTaskResult(RunResult.Status.FAILED, message, List.copyOf(done), seconds(start));
    }

    @Override
    protected MultiTaskResult failedAfterSaving(MultiTaskResult r, String message) {
        return new MultiTaskResult(RunResult.Status.FAILED, message, r.structures(), r.seconds());
    }

    @Override
    protected String message(MultiTaskResult r) {
        return r.message();
    }


    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    protected MultiTaskResult execute() throws IOException {
        start = System.nanoTime();
        done.clear();
        config.validate();
        int tasks = MultiTaskConfig.TASKS.size();
        ImageSet[] train = new ImageSet[tasks];
        ImageSet[] test = new ImageSet[tasks];
        List<String> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            DatasetId id = MultiTaskConfig.TASKS.get(t);
            DataSplit split = new DatasetLocator(config.dataDir()).load(id, config.data());
            split.train().requireSize(28, 28, split.source());
            split.test().requireSize(28, 28, split.source());
            int size = config.trainSize() == 0 ? split.train().size() : config.trainSize();
            if (size > split.train().size()) {
                throw new IllegalArgumentException("--train-size " + size + " is larger than the " + split.train().size()
                        + " training images of " + id.id() + " (" + split.source() + ")");
            }
            train[t] = Subsets.firstN(split.train(), size, config.seed());
            test[t] = split.test();
            sources.add(split.source());
            names.add(id.id());
        }
        int n = Math.min(train[0].size(), train[1].size());
        int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        List<int[]> structures = config.exercise().structures();
        MultiTaskCheckpoint resume = null;
        if (resumeFile != null) {
            resume = MultiTaskCheckpoint.read(resumeFile);
            resume.requireMatches(config, n, resumeFile.toString());
        }
        MultiTaskListener.Info info = new MultiTaskListener.Info(config, Backend.describe(), names, sources, n,
                stepsPerEpoch, structures.size());
        listeners().forEach(l -> l.onStart(info));
        totalSteps = (long) stepsPerEpoch * config.epochs() * structures.size();
        int first = 0;
        if (resume != null) {
            first = resume.structure();
            stepsBefore = ((long) first * config.epochs() + resume.epoch()) * stepsPerEpoch;
            for (MultiTaskListener.Structure s : resume.done()) {
                done.add(s);
                listeners().forEach(l -> l.onStructureEnd(s));
            }
        }
        steps = stepsBefore;
        loopStart = System.nanoTime();
        for (int si = first; si < structures.size(); si++) {
            int[] st = structures.get(si);
            MultiTaskListener.Structure s = trainStructure(si, st[0], st[1] == 1, train, test, n, stepsPerEpoch,
                    done, resume != null && si == resume.structure() ? resume : null);
            if (s == null) {
                String which = control().stopRequested() ? "stopped by the user" : "diverged";
                RunResult.Status status = control().stopRequested() ? RunResult.Status.STOPPED : RunResult.Status.DIVERGED;
                return new MultiTaskResult(status, diverged != null ? diverged : which + " during structure "
                        + (si + 1) + " of " + structures.size() + "; finished structures, metrics and the checkpoint "
                        + "of the last finished epoch are kept", List.copyOf(done), seconds(start));
            }
            done.add(s);
            listeners().forEach(l -> l.onStructureEnd(s));
        }
        MultiTaskListener.Structure last = done.get(done.size() - 1);
        String msg = structures.size() == 1
                ? String.format("finished %d epochs: test accuracy %s %.4f, %s %.4f", config.epochs(), names.get(0),
                last.testAccuracy()[0], names.get(1), last.testAccuracy()[1])
                : String.format("finished %d structures; best by mean test accuracy: %s", done.size(),
                new MultiTaskResult(RunResult.Status.COMPLETED, "", done, 0).best().label());
        return new MultiTaskResult(RunResult.Status.COMPLETED, msg, List.copyOf(done), seconds(start));
    }

    private volatile String diverged;
    private long totalSteps;
    private long steps;
    private long stepsBefore;
    private long loopStart;

    private MultiTaskListener.Structure trainStructure(int index, int sharedBlocks, boolean perTaskBn, ImageSet[] train,
                                                      ImageSet[] test, int n, int stepsPerEpoch,
                                                      List<MultiTaskListener.Structure> done,
                                                      MultiTaskCheckpoint resume) throws IOException {
        long structureStart = System.nanoTime();
        int tasks = train.length;
        int[] classes = new int[tasks];
        for (int t = 0; t < tasks; t++) {
            classes[t] = train[t].numClasses();
        }
        MultiTaskModel net = modelFactory.create(sharedBlocks, perTaskBn, config.widths(), classes, config.seed());
        String label = net.describe();
        listeners().forEach(l -> l.onStructureStart(index, label, net.parameterCount()));
        LossWeighting weighting = weightingFactory != null ? weightingFactory.apply(tasks)
                : Weightings.create(config.weighting(), tasks, config.fixedWeights(), config.initialS(),
                config.gradNormAlpha(), config.learningRate(), config.seed());
        AdamOptimizer adam = new AdamOptimizer(config.learningRate());
        CombinedGradient update = new CombinedGradient(net.parameters(), net.sharedParameters());
        Random rng = new Random(config.seed());
        MemoryGuard memory = new MemoryGuard();
        double[] weights = config.fixedWeights().clone();
        double[] lastAccuracy = new double[tasks];
        java.util.Arrays.fill(lastAccuracy, Double.NaN);
        int epochsDone = 0;
        double secondsBefore = 0;
        if (resume != null) {
            resume.applyTo(net, config.widths(), adam, weighting, resumeFile.toString());
            weights = resume.weights().clone();
            lastAccuracy = resume.lastAccuracy().clone();
            epochsDone = resume.epoch();
            secondsBefore = resume.seconds();
        }
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long[] orderSeeds = new long[tasks];
            for (int t = 0; t < tasks; t++) {
                orderSeeds[t] = rng.nextLong();
            }
            if (epoch <= epochsDone) {
                continue; // finished before the checkpoint: only its batch order's seeds are drawn
            }
            int[][] order = new int[tasks][];
            for (int t = 0; t < tasks; t++) {
                order[t] = Subsets.permutation(train[t].size(), orderSeeds[t]);
            }
            double[] lossSum = new double[tasks];
            long[] correct = new long[tasks];
            for (int s = 0; s < stepsPerEpoch; s++) {
                if (stopHere()) {
                    return null;
                }
                int from = s * config.batchSize();
                int to = Math.min(n, from + config.batchSize());
                double[] losses = new double[tasks];
                List<Map<Parameter, float[]>> grads = new ArrayList<>();
                for (int t = 0; t < tasks; t++) {
                    INDArray logits = net.forward(t, Batches.images(train[t], order[t], from, to), Pass.train(rng));
                    int[] labels = Batches.labels(train[t], order[t], from, to);
                    double[] z = Floats.readDouble(logits);
                    double[] g = new double[z.length];
                    losses[t] = CrossEntropy.evaluate(z, labels, classes[t], 1.0, g);
                    int[] pred = Batches.argmax(logits);
                    for (int i = 0; i < pred.length; i++) {
                        correct[t] += pred[i] == labels[i] ? 1 : 0;
                    }
                    lossSum[t] += losses[t] * (to - from);
                    net.backward(t, Floats.create(g, logits.shape()));
                    Map<Parameter, float[]> taskGrads = new IdentityHashMap<>(); // Parameter is a record: its equals compares array contents
                    for (Parameter p : net.parameters(t)) {
                        taskGrads.put(p, Floats.read(p.grad(), null));
                    }
                    grads.add(taskGrads);
                }
                for (int t = 0; t < tasks; t++) {
                    if (!Double.isFinite(losses[t])) {
                        diverged = String.format("training diverged: task %d's loss became NaN or infinite at epoch %d, "
                                + "step %d; lower the learning rate (now %g) and run again; metrics so far are kept",
                                t + 1, epoch, s + 1, config.learningRate());
                        return null;
                    }
                }
                double[][] shared = new double[tasks][];
                double[][] lastShared = new double[tasks][];
                for (int t = 0; t < tasks; t++) {
                    shared[t] = Batches.flatten(grads.get(t), net.sharedParameters());
                    lastShared[t] = net.lastSharedWeights() == null ? new double[0]
                            : Batches.flatten(grads.get(t), List.of(net.lastSharedWeights()));
                }
                TaskStep step = new TaskStep(losses, shared, lastShared);
                weights = weighting.weights(step);
                update.write(grads, weights, weighting instanceof GradientSurgery surgery ? surgery.combine(shared) : null);
                adam.nextStep();
                for (Parameter p : net.parameters()) {
                    adam.update(p.name(), p.value(), p.grad());
                }
                memory.afterStep();
                steps++;
                double total = weighting.regulariser();
                for (int t = 0; t < tasks; t++) {
                    total += weights[t] * losses[t];
                }
                double[] norms = {TaskStep.norm(shared[0]), TaskStep.norm(shared[1])};
                double dot = TaskStep.dot(shared[0], shared[1]);
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                MultiTaskListener.Step ms = new MultiTaskListener.Step(index, epoch, steps, totalSteps,
                        losses, weights.clone(), total, step.cosine(0, 1), norms, dot, weighting.state(), elapsed,
                        org.transferlab.engine.RunProgress.rate(steps - stepsBefore, elapsed));
                progressed(ms);
                listeners().forEach(l -> l.onStep(ms));
            }
            double[] meanLoss = new double[tasks];
            double[] trainAcc = new double[tasks];
            for (int t = 0; t < tasks; t++) {
                meanLoss[t] = lossSum[t] / n;
                trainAcc[t] = correct[t] / (double) n;
            }
            weighting.endEpoch(meanLoss);
            boolean evaluate = epoch % config.evalEvery() == 0 || epoch == config.epochs();
            double[] testAcc = new double[tasks];
            for (int t = 0; t < tasks; t++) {
                testAcc[t] = evaluate ? accuracy(net, t, test[t]) : Double.NaN;
                if (evaluate) {
                    lastAccuracy[t] = testAcc[t];
                }
            }
            MultiTaskListener.Epoch em = new MultiTaskListener.Epoch(index, epoch, config.epochs(), meanLoss, trainAcc,
                    testAcc, weights.clone());
            listeners().forEach(l -> l.onEpoch(em)); // the metrics first: a checkpoint never runs ahead of them
            if (outputDir != null) {
                MultiTaskCheckpoint.save(outputDir.resolve(MultiTaskCheckpoint.FILE), config, net, adam, weighting,
                        n, index, epoch, done, weights, lastAccuracy, secondsBefore + seconds(structureStart));
            }
        }
        return new MultiTaskListener.Structure(index, sharedBlocks, perTaskBn, label, net.parameterCount(),
                lastAccuracy, weights.clone(), secondsBefore + seconds(structureStart));
    }

    private double accuracy(MultiTaskModel net, int task, ImageSet set) {
        return org.transferlab.engine.Evaluation.accuracy(net, task, set, evalBatch);
    }
}
