package org.transferlab.multimnist;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.DataKind;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;
import org.transferlab.data.MultiMnist;
import org.transferlab.data.Subsets;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.Backend;
import org.transferlab.engine.Batches;
import org.transferlab.engine.Evaluation;
import org.transferlab.engine.MemoryGuard;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.RunSkeleton;
import org.transferlab.part2.CombinedGradient;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.models.CrossStitchNetwork;
import org.transferlab.models.MultiTaskModel;
import org.transferlab.models.MultiTaskNetwork;
import org.transferlab.weightings.LossWeighting;
import org.transferlab.weightings.GradientSurgery;
import org.transferlab.weightings.WeightingMethod;
import org.transferlab.weightings.TaskStep;
import org.transferlab.weightings.Weightings;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;
import org.transferlab.transfer.CrossEntropy;

/**
 * A MultiMNIST run: every batch of canvases goes through the network once per task (left digit, right digit),
 * each task's loss back-propagated on its own so its gradients can be weighed; then:
 * <ul>
 *   <li>a part-2 weighting sets w_t from the losses and the gradients on the shared parameters (MGDA there:
 *   the min-norm point over the shared parameters' gradients);</li>
 *   <li>{@code mgda-ub} solves the same min-norm problem on the gradients with respect to the shared
 *   representation Z (Sener and Koltun's upper bound; here each task's full backward pass still runs, because
 *   the update needs its parameter gradients, so the bound saves no time in this implementation);</li>
 *   <li>{@code pcgrad} projects conflicting task gradients on the shared parameters and sums them (w = 1, 1).</li>
 * </ul>
 * Adam then takes one step along Σ_t w_t ∇L_t, the cross-stitch α at their own learning-rate multiplier. The
 * MultiMNIST canvases are made once per run from the MNIST digits with a fixed seed (the same data for every run
 * seed and architecture; the run seed sets the weights and the batch order).
 */
public final class MultiMnistRun extends RunSkeleton<MultiMnistListener, MultiMnistResult> {
    /** The canvases are the same for every run: the seed of their synthesis. */
    public static final long DATA_SEED = 2018;
    private final MultiMnistConfig config;
    private long start = System.nanoTime();
    private double[] lastAccuracy = {Double.NaN, Double.NaN};
    private double[] lastRmse = {Double.NaN, Double.NaN};
    private double[] weights = {1, 1};
    private double secondsBefore;
    private java.nio.file.Path outputDir;
    private java.nio.file.Path resumeFile;
    private int epochsDone;
    private long parameters;
    private MultiTaskModel model;

    public MultiMnistRun(MultiMnistConfig config) {
        super("transferlab-multimnist");
        this.config = config;
    }

    public MultiMnistRun addListener(MultiMnistListener l) {
        listen(l);
        return this;
    }

    /** Writes {@value MultiMnistCheckpoint#FILE} there after every epoch (atomically), so the run can be resumed. */
    public MultiMnistRun outputDir(java.nio.file.Path dir) {
        this.outputDir = dir;
        return this;
    }

    /** Continues from a checkpoint a run of the same config wrote, exactly where a run that never stopped would be. */
    public MultiMnistRun resumeFrom(java.nio.file.Path checkpoint) {
        this.resumeFile = checkpoint;
        return this;
    }

    public MultiTaskModel model() {
        return model;
    }

    @Override
    protected MultiMnistResult failed(String message) {
        return new MultiMnistResult(RunResult.Status.FAILED, message, lastAccuracy.clone(), lastRmse.clone(),
                weights.clone(), parameters, epochsDone, secondsBefore + seconds());
    }

    @Override
    protected MultiMnistResult failedAfterSaving(MultiMnistResult r, String message) {
        return new MultiMnistResult(RunResult.Status.FAILED, message, r.taskAccuracy(), r.taskRmse(), r.finalWeights(),
                r.parameters(), r.epochsCompleted(), r.seconds());
    }

    @Override
    protected String message(MultiMnistResult r) {
        return r.message();
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The run's canvases: training ones from the MNIST training digits, test ones from the test digits. */
    public static MultiMnist.Set[] data(MultiMnistConfig c) throws IOException {
        // the embedded digits, even where the full MNIST is installed: the same canvases on every machine
        DataSplit mnist = new DatasetLocator(null).load(DatasetId.MNIST, DataKind.EMBEDDED);
        return new MultiMnist.Set[]{MultiMnist.make(mnist.train(), c.trainImages(), DATA_SEED, "MultiMNIST train",
                c.jitter()), MultiMnist.make(mnist.test(), c.testImages(), DATA_SEED + 1, "MultiMNIST test", c.jitter())};
    }

    static MultiTaskModel model(MultiMnistConfig c) {
        int[] classes = {c.tasks().get(0).outputs(), c.tasks().get(1).outputs()};
        return switch (c.architecture()) {
            case "separate" -> MultiTaskNetwork.create(0, false, c.widths(), classes, c.seed());
            case "hard" -> MultiTaskNetwork.create(MultiTaskNetwork.BLOCKS, false, c.widths(), classes, c.seed());
            default -> CrossStitchNetwork.create(c.widths(), classes, c.seed());
        };
    }

    @Override
    protected MultiMnistResult execute() throws IOException {
        start = System.nanoTime();
        config.validate();
        List<MultiMnistTask> tasks = config.tasks();
        MultiMnist.Set[] data = data(config);
        ImageSet[] train = {images(data[0], tasks.get(0)), images(data[0], tasks.get(1))};
        float[][] sums = MultiMnistTask.targets(data[0]);
        MultiMnistTask.Scale scale = MultiMnistTask.Scale.of(sums); // the regression learns the standardised sum
        float[][] standardised = scale.standardise(sums);
        MultiTaskModel net = model(config);
        model = net;
        parameters = net.parameterCount();
        int n = train[0].size();
        int steps = (n + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) steps * config.epochs();
        MultiMnistListener.Info info = new MultiMnistListener.Info(config, Backend.describe(), "the embedded MNIST digits ("
                + DatasetId.MNIST.id() + "), canvases made with seed " + DATA_SEED
                + (config.jitter() > 0 ? ", jitter " + config.jitter() : ""), n, data[1].size(), parameters,
                totalSteps);
        WeightingMethod method = Weightings.get(config.weighting());
        boolean onZ = method.needs() == WeightingMethod.Needs.ONE_SHARED_REPRESENTATION;
        LossWeighting weighting = Weightings.create(config.weighting(), config.regressionTasks(),
                config.fixedWeights(), config.initialS(), config.gradNormAlpha(), config.learningRate(), config.seed());
        weights = weighting instanceof GradientSurgery ? new double[]{1, 1} : config.fixedWeights().clone();
        AdamOptimizer adam = new AdamOptimizer(config.learningRate());
        double secondsBefore = 0;
        if (resumeFile != null) {
            MultiMnistCheckpoint c = MultiMnistCheckpoint.read(resumeFile);
            c.requireMatches(config, resumeFile.toString());
            c.applyTo(net, config, adam, weighting, resumeFile.toString());
            epochsDone = c.epoch();
            weights = c.weights().clone();
            lastAccuracy = c.lastAccuracy().clone();
            lastRmse = c.lastRmse().clone();
            secondsBefore = c.seconds();
        }
        this.secondsBefore = secondsBefore;
        listeners().forEach(l -> l.onStart(info));
        CombinedGradient update = new CombinedGradient(net.parameters(), net.sharedParameters());
        Map<Parameter, Boolean> sharedSet = new IdentityHashMap<>();
        net.sharedParameters().forEach(p -> sharedSet.put(p, true));
        Random rng = new Random(config.seed());
        MemoryGuard memory = new MemoryGuard();
        long step = (long) epochsDone * steps;
        long stepsBefore = step;
        long loopStart = System.nanoTime();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long orderSeed = rng.nextLong();
            long passSeed = rng.nextLong();
            if (epoch <= epochsDone) {
                continue; // finished before the checkpoint: only its seeds are drawn
            }
            int[] order = Subsets.permutation(n, orderSeed);
            Random pass = new Random(passSeed);
            double[] lossSum = new double[2];
            long[] correct = new long[2];
            for (int s = 0; s < steps; s++) {
                if (stopHere()) {
                    return ended(RunResult.Status.STOPPED, "stopped by the user after " + epochsDone + " of "
                            + config.epochs() + " epochs; the metrics and the checkpoint of the last finished epoch are "
                            + "kept (train --resume continues it)");
                }
                int from = s * config.batchSize();
                int to = Math.min(n, from + config.batchSize());
                INDArray x = Batches.images(train[0], order, from, to);
                double[] losses = new double[2];
                List<Map<Parameter, float[]>> grads = new ArrayList<>();
                double[][] z = new double[2][];
                INDArray[] dz = new INDArray[2];
                for (int t = 0; t < 2; t++) {
                    MultiMnistTask task = tasks.get(t);
                    INDArray out = net.forward(t, x, Pass.train(pass));
                    double[] y = Floats.readDouble(out);
                    double[] g = new double[y.length];
                    if (task.regression()) {
                        losses[t] = squaredError(y, standardised, order, from, to, g);
                        correct[t] += exact(scale.unstandardise(y), sums, order, from, to);
                    } else {
                        int[] labels = Batches.labels(train[t], order, from, to);
                        losses[t] = CrossEntropy.evaluate(y, labels, task.outputs(), 1.0, g);
                        int[] pred = Batches.argmax(out);
                        for (int i = 0; i < pred.length; i++) {
                            correct[t] += pred[i] == labels[i] ? 1 : 0;
                        }
                    }
                    lossSum[t] += losses[t] * (to - from);
                    if (!Double.isFinite(losses[t])) {
                        return ended(RunResult.Status.DIVERGED, String.format("training diverged: the %s loss became "
                                + "NaN or infinite at epoch %d, step %d; lower the learning rate (now %g); the metrics "
                                + "and the checkpoint of the last finished epoch are kept", task.label(), epoch, s + 1,
                                config.learningRate()));
                    }
                    INDArray gradOut = Floats.create(g, out.shape());
                    if (onZ) { // MGDA-UB: through the head only, down to ∂L_t/∂Z
                        dz[t] = ((MultiTaskNetwork) net).backwardHead(t, gradOut);
                        z[t] = Floats.readDouble(dz[t]);
                    } else {
                        net.backward(t, gradOut);
                    }
                    Map<Parameter, float[]> taskGrads = new IdentityHashMap<>();
                    for (Parameter p : net.parameters(t)) {
                        if (!onZ || !sharedSet.containsKey(p)) {
                            taskGrads.put(p, Floats.read(p.grad(), null));
                        }
                    }
                    grads.add(taskGrads);
                }
                List<Parameter> sharedParams = net.sharedParameters();
                double[][] shared = onZ ? new double[2][0]
                        : new double[][]{Batches.flatten(grads.get(0), sharedParams), Batches.flatten(grads.get(1), sharedParams)};
                double[][] lastShared = new double[2][0];
                if (!onZ && net.lastSharedWeights() != null) {
                    for (int t = 0; t < 2; t++) {
                        lastShared[t] = Batches.flatten(grads.get(t), List.of(net.lastSharedWeights()));
                    }
                }
                TaskStep ts = new TaskStep(losses, onZ ? z : shared, lastShared);
                weights = weighting.weights(ts);
                double[] sharedDirection = null;
                if (onZ) { // one pass through the trunk with Σ_t α_t ∂L_t/∂Z: the α-weighted trunk gradient
                    ((MultiTaskNetwork) net).backwardShared(dz[0].mul(weights[0]).addi(dz[1].mul(weights[1])));
                    Map<Parameter, float[]> trunk = new IdentityHashMap<>();
                    for (Parameter p : sharedParams) {
                        trunk.put(p, Floats.read(p.grad(), null));
                    }
                    sharedDirection = Batches.flatten(trunk, sharedParams);
                } else if (weighting instanceof GradientSurgery surgery) {
                    sharedDirection = surgery.combine(shared);
                }
                update.write(grads, weights, sharedDirection);
                adam.nextStep();
                for (Parameter p : net.parameters()) {
                    adam.update(p.name(), p.value(), p.grad(), p.name().endsWith("/alpha") ? config.stitchLr() : 1);
                }
                memory.afterStep();
                step++;
                double total = weighting.regulariser() + weights[0] * losses[0] + weights[1] * losses[1];
                double[] v0 = onZ ? z[0] : shared[0];
                double[] v1 = onZ ? z[1] : shared[1];
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                MultiTaskListener.Step ms = new MultiTaskListener.Step(0, epoch, step, totalSteps, losses,
                        weights.clone(), total, v0.length == 0 ? Double.NaN : ts.cosine(0, 1),
                        new double[]{TaskStep.norm(v0), TaskStep.norm(v1)}, TaskStep.dot(v0, v1),
                        weighting.state(), secondsBefore + elapsed,
                        org.transferlab.engine.RunProgress.rate(step - stepsBefore, elapsed));
                progressed(ms);
                listeners().forEach(l -> l.onStep(ms));
            }
            double[] mean = {lossSum[0] / n, lossSum[1] / n};
            weighting.endEpoch(mean);
            double[] testAcc = new double[2];
            for (int t = 0; t < 2; t++) {
                double[] m = evaluate(net, t, tasks.get(t), data[1], scale);
                testAcc[t] = m[0];
                lastRmse[t] = m[1];
            }
            lastAccuracy = testAcc.clone();
            epochsDone = epoch;
            MultiTaskListener.Epoch em = new MultiTaskListener.Epoch(0, epoch, config.epochs(), mean,
                    new double[]{correct[0] / (double) n, correct[1] / (double) n}, testAcc, weights.clone());
            listeners().forEach(l -> l.onEpoch(em)); // the metrics first: a checkpoint never runs ahead of them
            if (net instanceof CrossStitchNetwork cs) {
                Map<String, double[]> means = meanAlphas(cs);
                int e = epoch;
                listeners().forEach(l -> l.onAlphas(e, means));
            }
            if (outputDir != null) {
                MultiMnistCheckpoint.save(outputDir.resolve(MultiMnistCheckpoint.FILE), config, net, adam, weighting, epoch,
                        weights, lastAccuracy, lastRmse, secondsBefore + (System.nanoTime() - loopStart) / 1e9);
            }
        }
        return ended(RunResult.Status.COMPLETED, String.format(java.util.Locale.ROOT, "finished %d epochs: test "
                + "accuracy %s, %s (%s, %s)", config.epochs(), result(0), result(1), config.architecture(),
                config.weighting()));
    }

    /** "left digit 0.8090", or for a regression "digit sum 0.1610 rounded right, RMSE 2.41". */
    private String result(int t) {
        MultiMnistTask task = config.tasks().get(t);
        return task.regression() ? String.format(java.util.Locale.ROOT, "%s %.4f rounded right, RMSE %.2f",
                task.label(), lastAccuracy[t], lastRmse[t])
                : String.format(java.util.Locale.ROOT, "%s %.4f", task.label(), lastAccuracy[t]);
    }

    /** The canvases labelled for {@code task} (a regression task uses the images; its targets come apart). */
    static ImageSet images(MultiMnist.Set set, MultiMnistTask task) {
        return task == MultiMnistTask.RIGHT ? set.right() : set.left();
    }

    /**
     * Mean squared error over the batch, {@code L = 1/N Σ_i Σ_d (y_id − t_id)²} (one output d for the digit sum);
     * its gradient {@code 2(y − t)/N} goes to {@code grad}.
     */
    static double squaredError(double[] y, float[][] targets, int[] order, int from, int to, double[] grad) {
        int n = to - from;
        int dims = targets[order[from]].length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float[] t = targets[order[from + i]];
            for (int d = 0; d < dims; d++) {
                double e = y[i * dims + d] - t[d];
                sum += e * e;
                grad[i * dims + d] = 2 * e / n;
            }
        }
        return sum / n;
    }

    /** How many predictions, rounded to whole numbers, equal their target in every output. */
    static long exact(double[] y, float[][] targets, int[] order, int from, int to) {
        long right = 0;
        for (int i = 0; i < to - from; i++) {
            float[] t = targets[order[from + i]];
            boolean all = true;
            for (int d = 0; d < t.length; d++) {
                all &= Math.round(y[i * t.length + d]) == Math.round(t[d]);
            }
            right += all ? 1 : 0;
        }
        return right;
    }

    /**
     * Test metrics of one task: {accuracy (for a regression the share whose prediction, back in digits and rounded,
     * is the sum), RMSE in digits (NaN for the classifications)}; {@code scale} undoes the training standardisation.
     */
    static double[] evaluate(MultiTaskModel net, int t, MultiMnistTask task, MultiMnist.Set test, MultiMnistTask.Scale scale) {
        if (!task.regression()) {
            return new double[]{Evaluation.accuracy(net, t, images(test, task), 500), Double.NaN};
        }
        float[][] targets = MultiMnistTask.targets(test);
        int n = test.size();
        int[] idx = Batches.identity(n);
        long right = 0;
        double sq = 0;
        for (int from = 0; from < n; from += 500) {
            int to = Math.min(n, from + 500);
            double[] y = scale.unstandardise(Floats.readDouble(net.forward(t, Batches.images(test.left(), idx, from,
                    to), Pass.EVAL)));
            right += exact(y, targets, idx, from, to);
            sq += squaredError(y, targets, idx, from, to, new double[y.length]) * (to - from);
        }
        net.release();
        return new double[]{right / (double) n, Math.sqrt(sq / n)};
    }

    /** Per unit the channel means of α_AA, α_AB, α_BA, α_BB. */
    public static Map<String, double[]> meanAlphas(CrossStitchNetwork cs) {
        Map<String, double[]> out = new LinkedHashMap<>();
        cs.alphas().forEach((name, a) -> {
            double[] m = new double[4];
            int c = a.length / 4;
            for (int i = 0; i < c; i++) {
                for (int k = 0; k < 4; k++) {
                    m[k] += a[i * 4 + k] / c;
                }
            }
            out.put(name, m);
        });
        return out;
    }

    private MultiMnistResult ended(RunResult.Status status, String message) {
        return new MultiMnistResult(status, message, lastAccuracy.clone(), lastRmse.clone(), weights.clone(), parameters,
                epochsDone, secondsBefore + seconds());
    }

}
