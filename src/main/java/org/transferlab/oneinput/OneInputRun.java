package org.transferlab.oneinput;

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
import org.transferlab.engine.multitask.MultiTaskListener;
import org.transferlab.models.CrossStitchNetwork;
import org.transferlab.models.MultiTaskModel;
import org.transferlab.models.MultiTaskNetwork;
import org.transferlab.multitask.LossWeighting;
import org.transferlab.multitask.Mgda;
import org.transferlab.multitask.PcGrad;
import org.transferlab.multitask.TaskStep;
import org.transferlab.multitask.Weightings;
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
public final class OneInputRun extends RunSkeleton<OneInputListener, OneInputResult> {
    /** The canvases are the same for every run: the seed of their synthesis. */
    public static final long DATA_SEED = 2018;
    private final OneInputConfig config;
    private long start = System.nanoTime();
    private double[] lastAccuracy = {Double.NaN, Double.NaN};
    private double[] weights = {1, 1};
    private int epochsDone;
    private long parameters;
    private MultiTaskModel model;

    public OneInputRun(OneInputConfig config) {
        super("transferlab-multimnist");
        this.config = config;
    }

    public OneInputRun addListener(OneInputListener l) {
        listen(l);
        return this;
    }

    public MultiTaskModel model() {
        return model;
    }

    @Override
    protected OneInputResult failed(String message) {
        return new OneInputResult(RunResult.Status.FAILED, message, lastAccuracy.clone(), weights.clone(), parameters,
                epochsDone, seconds());
    }

    @Override
    protected OneInputResult failedAfterSaving(OneInputResult r, String message) {
        return new OneInputResult(RunResult.Status.FAILED, message, r.taskAccuracy(), r.finalWeights(),
                r.parameters(), r.epochsCompleted(), r.seconds());
    }

    @Override
    protected String message(OneInputResult r) {
        return r.message();
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The run's canvases: training ones from the MNIST training digits, test ones from the test digits. */
    public static MultiMnist.Set[] data(OneInputConfig c) throws IOException {
        DataSplit mnist = new DatasetLocator(null).load(DatasetId.MNIST, DataKind.AUTO);
        return new MultiMnist.Set[]{MultiMnist.make(mnist.train(), c.trainImages(), DATA_SEED, "MultiMNIST train"),
                MultiMnist.make(mnist.test(), c.testImages(), DATA_SEED + 1, "MultiMNIST test")};
    }

    static MultiTaskModel model(OneInputConfig c) {
        int[] classes = {10, 10};
        return switch (c.architecture()) {
            case "separate" -> MultiTaskNetwork.create(0, false, c.widths(), classes, c.seed());
            case "hard" -> MultiTaskNetwork.create(MultiTaskNetwork.BLOCKS, false, c.widths(), classes, c.seed());
            default -> CrossStitchNetwork.create(c.widths(), classes, c.seed());
        };
    }

    @Override
    protected OneInputResult execute() throws IOException {
        start = System.nanoTime();
        config.validate();
        MultiMnist.Set[] data = data(config);
        ImageSet[] train = {data[0].left(), data[0].right()};
        ImageSet[] test = {data[1].left(), data[1].right()};
        MultiTaskModel net = model(config);
        model = net;
        parameters = net.parameterCount();
        int n = train[0].size();
        int steps = (n + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) steps * config.epochs();
        OneInputListener.Info info = new OneInputListener.Info(config, Backend.describe(), "MNIST digits ("
                + DatasetId.MNIST.id() + "), canvases made with seed " + DATA_SEED, n, test[0].size(), parameters,
                totalSteps);
        listeners().forEach(l -> l.onStart(info));
        boolean pcgrad = config.weighting().equals(OneInputConfig.PCGRAD);
        boolean ub = config.weighting().equals(OneInputConfig.MGDA_UB);
        LossWeighting weighting = pcgrad ? null : ub ? new Mgda() : Weightings.create(config.weighting(), 2,
                config.fixedWeights(), config.initialS(), config.gradNormAlpha(), config.learningRate());
        weights = pcgrad ? new double[]{1, 1} : config.fixedWeights().clone();
        AdamOptimizer adam = new AdamOptimizer(config.learningRate());
        Random rng = new Random(config.seed());
        Random surgery = new Random(config.seed() + 1);
        MemoryGuard memory = new MemoryGuard();
        // where each shared parameter sits in the flattened shared gradient (PCGrad's projected sum)
        Map<Parameter, Integer> offset = new IdentityHashMap<>();
        int off = 0;
        for (Parameter p : net.sharedParameters()) {
            offset.put(p, off);
            off += (int) p.value().length();
        }
        long step = 0;
        long loopStart = System.nanoTime();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = Subsets.permutation(n, rng.nextLong());
            Random pass = new Random(rng.nextLong());
            double[] lossSum = new double[2];
            long[] correct = new long[2];
            for (int s = 0; s < steps; s++) {
                if (stopHere()) {
                    return ended(RunResult.Status.STOPPED, "stopped by the user after " + epochsDone + " of "
                            + config.epochs() + " epochs; the metrics so far are kept");
                }
                int from = s * config.batchSize();
                int to = Math.min(n, from + config.batchSize());
                INDArray x = Batches.images(train[0], order, from, to);
                double[] losses = new double[2];
                List<Map<Parameter, float[]>> grads = new ArrayList<>();
                double[][] z = new double[2][];
                for (int t = 0; t < 2; t++) {
                    INDArray logits = net.forward(t, x, Pass.train(pass));
                    int[] labels = Batches.labels(train[t], order, from, to);
                    double[] zl = Floats.readDouble(logits);
                    double[] g = new double[zl.length];
                    losses[t] = CrossEntropy.evaluate(zl, labels, 10, 1.0, g);
                    int[] pred = Batches.argmax(logits);
                    for (int i = 0; i < pred.length; i++) {
                        correct[t] += pred[i] == labels[i] ? 1 : 0;
                    }
                    lossSum[t] += losses[t] * (to - from);
                    net.backward(t, Floats.create(g, logits.shape()));
                    Map<Parameter, float[]> taskGrads = new IdentityHashMap<>();
                    for (Parameter p : net.parameters(t)) {
                        taskGrads.put(p, Floats.read(p.grad(), null));
                    }
                    grads.add(taskGrads);
                    if (ub) {
                        z[t] = Floats.readDouble(net.sharedRepresentationGradient());
                    }
                    if (!Double.isFinite(losses[t])) {
                        return ended(RunResult.Status.DIVERGED, String.format("training diverged: the %s digit's loss "
                                + "became NaN or infinite at epoch %d, step %d; lower the learning rate (now %g)",
                                t == 0 ? "left" : "right", epoch, s + 1, config.learningRate()));
                    }
                }
                List<Parameter> sharedParams = net.sharedParameters();
                double[][] shared = {Batches.flatten(grads.get(0), sharedParams), Batches.flatten(grads.get(1), sharedParams)};
                double[][] lastShared = new double[2][0];
                if (net.lastSharedWeights() != null) {
                    for (int t = 0; t < 2; t++) {
                        lastShared[t] = Batches.flatten(grads.get(t), List.of(net.lastSharedWeights()));
                    }
                }
                TaskStep ts = new TaskStep(losses, ub ? z : shared, lastShared);
                if (!pcgrad) {
                    weights = weighting.weights(ts);
                }
                double[] projected = pcgrad ? PcGrad.combine(shared, surgery) : null;
                adam.nextStep();
                for (Parameter p : net.parameters()) {
                    float[] sum = new float[(int) p.value().length()];
                    Integer at = offset.get(p);
                    if (projected != null && at != null) {
                        for (int k = 0; k < sum.length; k++) {
                            sum[k] = (float) projected[at + k];
                        }
                    } else {
                        for (int t = 0; t < 2; t++) {
                            float[] g = grads.get(t).get(p);
                            if (g != null) {
                                for (int k = 0; k < sum.length; k++) {
                                    sum[k] += (float) weights[t] * g[k];
                                }
                            }
                        }
                    }
                    Floats.write(p.grad(), sum);
                    adam.update(p.name(), p.value(), p.grad(), p.name().endsWith("/alpha") ? config.stitchLr() : 1);
                }
                memory.afterStep();
                step++;
                double total = (pcgrad ? 0 : weighting.regulariser()) + weights[0] * losses[0] + weights[1] * losses[1];
                double[] v0 = ub ? z[0] : shared[0];
                double[] v1 = ub ? z[1] : shared[1];
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                MultiTaskListener.Step ms = new MultiTaskListener.Step(0, epoch, step, totalSteps, losses,
                        weights.clone(), total, v0.length == 0 ? Double.NaN : ts.cosine(0, 1),
                        new double[]{TaskStep.norm(v0), TaskStep.norm(v1)}, TaskStep.dot(v0, v1),
                        pcgrad ? Map.of() : weighting.state(), elapsed, elapsed / step * (totalSteps - step));
                listeners().forEach(l -> l.onStep(ms));
            }
            double[] mean = {lossSum[0] / n, lossSum[1] / n};
            if (weighting != null) {
                weighting.endEpoch(mean);
            }
            double[] testAcc = {Evaluation.accuracy(net, 0, test[0], 500), Evaluation.accuracy(net, 1, test[1], 500)};
            lastAccuracy = testAcc.clone();
            epochsDone = epoch;
            MultiTaskListener.Epoch em = new MultiTaskListener.Epoch(0, epoch, config.epochs(), mean,
                    new double[]{correct[0] / (double) n, correct[1] / (double) n}, testAcc, weights.clone());
            listeners().forEach(l -> l.onEpoch(em));
            if (net instanceof CrossStitchNetwork cs) {
                Map<String, double[]> means = meanAlphas(cs);
                int e = epoch;
                listeners().forEach(l -> l.onAlphas(e, means));
            }
        }
        return ended(RunResult.Status.COMPLETED, String.format("finished %d epochs: test accuracy left %.4f, right "
                + "%.4f (%s, %s)", config.epochs(), lastAccuracy[0], lastAccuracy[1], config.architecture(),
                config.weighting()));
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

    private OneInputResult ended(RunResult.Status status, String message) {
        return new OneInputResult(status, message, lastAccuracy.clone(), weights.clone(), parameters, epochsDone,
                seconds());
    }

}
