package org.transferlab.l2t;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.Backend;
import org.transferlab.engine.Batches;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.Evaluation;
import org.transferlab.engine.MemoryGuard;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.RunSkeleton;
import org.transferlab.engine.StepMetrics;
import org.transferlab.finetune.LabelledSubset;
import org.transferlab.finetune.TargetTask;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;
import org.transferlab.weightings.Adam;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;
import org.transferlab.transfer.AttentionTransfer;
import org.transferlab.transfer.CrossEntropy;
import org.transferlab.transfer.LossInputs;

/**
 * An L2T run on the fashion-split setting: a network trained on Fashion-MNIST classes 0–4 only is the source
 * ({@link SourceNetwork}: the shipped cnn-small or cnn-large, or a checkpoint; frozen, evaluation mode); a target
 * from scratch (cnn-small or cnn-large) learns classes 5–9 from N labels per class. Each step:
 * <ol>
 *   <li>θ (the target and the pairs' regressors) steps on L_task + β·L_transfer, L_transfer by the method:
 *   attention maps (AT), feature matching with uniform channel weights and λ = 1 (FM), or with the
 *   meta-networks' channel weights (L2T-w) and also their λ (L2T-ww);</li>
 *   <li>for L2T-w and L2T-ww, φ (the meta-networks) steps on the meta-gradient of the bilevel lookahead on the same
 *   batch ({@link MetaGradient}: T transfer steps, one task step, second-order terms by finite-difference
 *   Hessian-vector products); the target's parameters and batch-norm statistics are put back afterwards.</li>
 * </ol>
 */
public final class L2tRun extends RunSkeleton<L2tListener, L2tResult> {
    private static final TargetTask TASK = TargetTask.FASHION_SPLIT;
    private final L2tConfig config;
    private long start = System.nanoTime();
    private double lastAccuracy = Double.NaN;
    private final Map<L2tMethod.Pair, Double> lastLambda = new LinkedHashMap<>();
    private int epochsDone;
    private long steps;
    private double secondsBefore;
    private java.nio.file.Path outputDir;
    private java.nio.file.Path resumeFile;

    public L2tRun(L2tConfig config) {
        super("transferlab-l2t");
        this.config = config;
    }

    public L2tRun addListener(L2tListener l) {
        listen(l);
        return this;
    }

    /** Writes {@value L2tCheckpoint#FILE} there after every epoch (atomically), so the run can be resumed. */
    public L2tRun outputDir(java.nio.file.Path dir) {
        this.outputDir = dir;
        return this;
    }

    /** Continues from a checkpoint a run of the same config wrote, exactly where a run that never stopped would be. */
    public L2tRun resumeFrom(java.nio.file.Path checkpoint) {
        this.resumeFile = checkpoint;
        return this;
    }

    @Override
    protected L2tResult failed(String message) {
        return ended(RunResult.Status.FAILED, message);
    }

    @Override
    protected L2tResult failedAfterSaving(L2tResult r, String message) {
        return new L2tResult(RunResult.Status.FAILED, message, r.testAccuracy(), r.lambda(), r.epochsCompleted(),
                r.steps(), r.seconds());
    }

    @Override
    protected String message(L2tResult r) {
        return r.message();
    }

    private L2tResult ended(RunResult.Status status, String message) {
        return new L2tResult(status, message, lastAccuracy, new LinkedHashMap<>(lastLambda), epochsDone, steps,
                secondsBefore + (System.nanoTime() - start) / 1e9);
    }

    /** One pair's trainable parts and what the epoch saw of it. */
    private static final class PairParts {
        final L2tMethod.Pair pair;
        final WeightedFeatureMatching.Shapes shapes;
        final double[] weight;
        final double[] bias;
        final Adam regressorAdam;
        final MetaNetworks meta;
        double lambdaSum;
        double lossSum;
        final double[] channelSum;
        int count;

        PairParts(L2tMethod.Pair pair, WeightedFeatureMatching.Shapes shapes, double lr, Random rng, boolean meta) {
            this.pair = pair;
            this.shapes = shapes;
            int cs = shapes.sourceChannels();
            int ct = shapes.targetChannels();
            weight = new double[cs * ct];
            bias = new double[cs];
            double bound = 1 / Math.sqrt(ct);
            for (int k = 0; k < weight.length; k++) {
                weight[k] = (rng.nextDouble() * 2 - 1) * bound;
            }
            regressorAdam = new Adam(lr, weight.length + bias.length);
            this.meta = meta ? new MetaNetworks(cs, rng) : null;
            channelSum = new double[cs];
        }
    }

    /** The transfer loss of one forward pass, its gradients, and per pair what the meta-networks said. */
    private record Transfer(double loss, Map<String, double[]> gradTaps, List<WeightedFeatureMatching.Gradients> fm,
                            List<MetaNetworks.Output> meta, double[] pairLosses) {
    }

    @Override
    protected L2tResult execute() throws IOException {
        start = System.nanoTime();
        config.validate();
        L2tMethod method = config.method();
        TargetTask.Data data = TASK.load(config.data(), null);
        ImageSet train = LabelledSubset.draw(data.pool(), config.perClass(), config.seed());
        ImageSet test = data.test();
        Network source = SourceNetwork.load(config.source());
        Network target = Network.create(ModelZoo.get(config.target()), train.numClasses(), config.seed());
        INDArray probe = Batches.images(train, Batches.identity(train.size()), 0, 1);
        Map<String, int[]> sourcePoints = points(source.forward(probe, Pass.EVAL).taps());
        Map<String, int[]> targetPoints = points(target.forward(probe, Pass.EVAL).taps());
        List<L2tMethod.Pair> pairs = config.pairs(sourcePoints, targetPoints);
        Random init = new Random(config.seed() * 31 + 7);
        List<PairParts> parts = new ArrayList<>();
        for (L2tMethod.Pair p : pairs) {
            int[] s = sourcePoints.get(p.source());
            int[] t = targetPoints.get(p.target());
            parts.add(new PairParts(p, new WeightedFeatureMatching.Shapes(config.batchSize(), t[0], t[1], s[0], s[1]),
                    config.learningRate(), init, method.meta()));
        }
        int n = train.size();
        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        int evalEvery = Math.max(1, config.epochs() / config.evaluations());
        long parameters = target.parameterCount() + parts.stream().mapToLong(p -> method.attention() ? 0
                : p.weight.length + p.bias.length).sum();
        L2tListener.Info info = new L2tListener.Info(config, Backend.describe(), data.source(),
                SourceNetwork.describe(config.source()), n, test.size(), config.epochs(), totalSteps, pairs, parameters);
        listeners().forEach(l -> l.onStart(info));
        AdamOptimizer adam = new AdamOptimizer(config.learningRate());
        int phiSize = 0;
        for (PairParts p : parts) {
            if (p.meta != null) {
                phiSize += phi(p.meta).length;
            }
        }
        Adam metaAdam = new Adam(config.metaLearningRate(), Math.max(1, phiSize));
        if (resumeFile != null) {
            resume(target, parts, adam, metaAdam);
        }
        Random rng = new Random(config.seed() ^ 0x5DEECE66DL);
        MemoryGuard memory = new MemoryGuard();
        long loopStart = System.nanoTime();
        long stepsBefore = steps;
        int classes = train.numClasses();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long orderSeed = rng.nextLong();
            long passSeed = rng.nextLong();
            if (epoch <= epochsDone) {
                continue; // finished before the checkpoint: only its seeds are drawn
            }
            int[] order = Subsets.permutation(n, orderSeed);
            Random pass = new Random(passSeed);
            double lossSum = 0;
            long correct = 0;
            for (PairParts p : parts) {
                p.lambdaSum = 0;
                p.lossSum = 0;
                java.util.Arrays.fill(p.channelSum, 0);
                p.count = 0;
            }
            for (int s = 0; s < stepsPerEpoch; s++) {
                if (stopHere()) {
                    return ended(RunResult.Status.STOPPED, "stopped by the user after " + epochsDone + " of "
                            + config.epochs() + " epochs; the metrics" + (outputDir != null ? " and the checkpoint of "
                            + "the last finished epoch are kept (train --resume continues it)" : " so far are kept"));
                }
                int from = s * batch;
                int to = Math.min(n, from + batch);
                int b = to - from;
                INDArray x = Batches.images(train, order, from, to);
                int[] labels = Batches.labels(train, order, from, to);
                Map<String, double[]> sourceMaps = new HashMap<>();
                source.forward(x, Pass.EVAL).taps().forEach((k, v) -> sourceMaps.put(k, Floats.readDouble(v)));
                Network.Forward f = target.forward(x, Pass.train(pass));
                double[] logits = Floats.readDouble(f.logits());
                double[] gradLogits = new double[logits.length];
                double ce = CrossEntropy.evaluate(logits, labels, classes, 1.0, gradLogits);
                int[] pred = Batches.argmax(f.logits());
                int right = 0;
                for (int i = 0; i < b; i++) {
                    right += pred[i] == labels[i] ? 1 : 0;
                }
                correct += right;
                Transfer tr = transfer(parts, taps(f), sourceMaps, sourcePoints, b, config.beta(), true);
                double total = ce + config.beta() * tr.loss();
                if (!Double.isFinite(total)) {
                    return ended(RunResult.Status.DIVERGED, String.format(java.util.Locale.ROOT, "training diverged: "
                            + "the loss became NaN or infinite at epoch %d, step %d; lower the learning rate (now %g)",
                            epoch, s + 1, config.learningRate()));
                }
                Map<String, INDArray> gradTaps = new HashMap<>();
                tr.gradTaps().forEach((k, v) -> gradTaps.put(k, Floats.create(v, f.taps().get(k).shape())));
                target.backward(Floats.create(gradLogits, f.logits().shape()), gradTaps);
                adam.nextStep();
                for (Parameter p : target.parameters()) {
                    adam.update(p.name(), p.value(), p.grad());
                }
                for (int k = 0; k < parts.size(); k++) {
                    PairParts p = parts.get(k);
                    if (!method.attention()) {
                        WeightedFeatureMatching.Gradients g = tr.fm().get(k);
                        double[] x2 = concat(p.weight, p.bias);
                        double[] g2 = concat(g.weight, g.bias);
                        for (int j = 0; j < g2.length; j++) {
                            g2[j] *= config.beta();
                        }
                        p.regressorAdam.step(x2, g2);
                        System.arraycopy(x2, 0, p.weight, 0, p.weight.length);
                        System.arraycopy(x2, p.weight.length, p.bias, 0, p.bias.length);
                    }
                    p.lossSum += tr.pairLosses()[k];
                    if (tr.meta().get(k) != null) {
                        MetaNetworks.Output o = tr.meta().get(k);
                        int cs = p.shapes.sourceChannels();
                        for (int i = 0; i < b; i++) {
                            p.lambdaSum += (method.learnsWhere() ? o.lambda()[i] : 1) / b;
                            for (int c = 0; c < cs; c++) {
                                p.channelSum[c] += o.channelWeights()[i * cs + c] / b;
                            }
                        }
                    } else {
                        p.lambdaSum += 1;
                    }
                    p.count++;
                }
                if (method.meta()) {
                    try {
                        metaStep(target, parts, x, labels, sourceMaps, sourcePoints, b, classes, metaAdam, phiSize);
                    } catch (ArithmeticException e) {
                        return ended(RunResult.Status.DIVERGED, e.getMessage() + " (epoch " + epoch + ", step "
                                + (s + 1) + "); the metrics so far are kept");
                    }
                }
                memory.afterStep();
                steps++;
                lossSum += total * b;
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                Map<String, Double> losses = new LinkedHashMap<>();
                losses.put("loss/ce", ce);
                losses.put("loss/transfer", tr.loss());
                StepMetrics sm = new StepMetrics(epoch, s + 1, steps, totalSteps, losses, total, right / (double) b,
                        secondsBefore + elapsed, org.transferlab.engine.RunProgress.rate(steps - stepsBefore, elapsed));
                progressed(sm);
                listeners().forEach(l -> l.onStep(sm));
            }
            boolean evaluate = epoch % evalEvery == 0 || epoch == config.epochs();
            double testAccuracy = evaluate ? Evaluation.accuracy(target, test, 500) : Double.NaN;
            if (evaluate) {
                lastAccuracy = testAccuracy;
            }
            epochsDone = epoch;
            EpochMetrics em = new EpochMetrics(epoch, config.epochs(), lossSum / n, correct / (double) n, testAccuracy,
                    secondsBefore + (System.nanoTime() - loopStart) / 1e9);
            listeners().forEach(l -> l.onEpoch(em));
            Map<L2tMethod.Pair, L2tListener.PairState> state = new LinkedHashMap<>();
            for (PairParts p : parts) {
                double[] w = p.channelSum.clone();
                for (int c = 0; c < w.length; c++) {
                    w[c] = p.meta != null && method.learnsWhat() ? w[c] / Math.max(1, p.count) : 1.0 / w.length;
                }
                double lambda = p.lambdaSum / Math.max(1, p.count);
                lastLambda.put(p.pair, lambda);
                state.put(p.pair, new L2tListener.PairState(lambda, p.lossSum / Math.max(1, p.count), w));
            }
            if (evaluate && !parts.isEmpty()) {
                int e = epoch;
                listeners().forEach(l -> l.onPairs(e, state));
            }
            if (outputDir != null) { // after the metrics: a checkpoint never runs ahead of them
                L2tCheckpoint.save(outputDir.resolve(L2tCheckpoint.FILE), config, target, adam,
                        runState(parts, metaAdam), epoch, steps, lastAccuracy,
                        lastLambda.values().stream().mapToDouble(Double::doubleValue).toArray(),
                        secondsBefore + (System.nanoTime() - loopStart) / 1e9);
            }
        }
        return ended(RunResult.Status.COMPLETED, String.format(java.util.Locale.ROOT, "finished %d epochs: test "
                + "accuracy %.4f (%s, %d labels per class)", config.epochs(), lastAccuracy, method.label(),
                config.perClass()));
    }

    /** The pairs' regressors and meta-networks with their optimisers' state, as a checkpoint keeps them. */
    private static Map<String, double[]> runState(List<PairParts> parts, Adam metaAdam) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int k = 0; k < parts.size(); k++) {
            PairParts p = parts.get(k);
            m.put("pair" + k + "/regressor", concat(p.weight, p.bias));
            m.put("pair" + k + "/regressor_adam", p.regressorAdam.save());
            if (p.meta != null) {
                m.put("pair" + k + "/phi", phi(p.meta));
            }
        }
        m.put("meta_adam", metaAdam.save());
        return m;
    }

    /** Puts the run where its checkpoint left it: target, optimisers, regressors, φ, epoch, steps, last results. */
    private void resume(Network target, List<PairParts> parts, AdamOptimizer adam, Adam metaAdam) throws IOException {
        String file = resumeFile.toString();
        L2tCheckpoint c = L2tCheckpoint.read(resumeFile);
        c.requireMatches(config, file);
        if (c.lastLambda().length != parts.size()) {
            throw new org.transferlab.models.CheckpointException(file + " holds " + c.lastLambda().length + " pairs, "
                    + "this run has " + parts.size());
        }
        // every check first, so that a checkpoint that does not fit changes nothing
        List<double[]> regressors = new ArrayList<>();
        List<double[]> regressorAdams = new ArrayList<>();
        List<double[]> phis = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            PairParts p = parts.get(k);
            regressors.add(c.doubles("pair" + k + "/regressor", p.weight.length + p.bias.length, file));
            regressorAdams.add(c.doubles("pair" + k + "/regressor_adam", p.regressorAdam.save().length, file));
            phis.add(p.meta == null ? null : c.doubles("pair" + k + "/phi", phi(p.meta).length, file));
        }
        double[] metaState = c.doubles("meta_adam", metaAdam.save().length, file);
        c.applyTo(target, config, adam, file);
        for (int k = 0; k < parts.size(); k++) {
            PairParts p = parts.get(k);
            System.arraycopy(regressors.get(k), 0, p.weight, 0, p.weight.length);
            System.arraycopy(regressors.get(k), p.weight.length, p.bias, 0, p.bias.length);
            p.regressorAdam.restore(regressorAdams.get(k));
            if (p.meta != null) {
                setPhi(p.meta, phis.get(k), 0);
            }
            lastLambda.put(p.pair, c.lastLambda()[k]);
        }
        metaAdam.restore(metaState);
        epochsDone = c.epoch();
        steps = c.steps();
        lastAccuracy = c.lastAccuracy();
        secondsBefore = c.seconds();
    }

    /** Writes a flat φ (as {@link #phi} lays it out) from {@code at} into the meta-networks; returns the next offset. */
    private static int setPhi(MetaNetworks m, double[] phi, int at) {
        for (double[] a : new double[][]{m.whatWeight, m.whatBias, m.whereWeight, m.whereBias}) {
            System.arraycopy(phi, at, a, 0, a.length);
            at += a.length;
        }
        return at;
    }

    /**
     * Each feature map's channels and side, by attention point, from a forward pass: the rank-4 taps (the pooled
     * vector some networks also expose is not a map), in the order of their names (group1, group2, …: input first).
     */
    private static Map<String, int[]> points(Map<String, INDArray> taps) {
        Map<String, int[]> m = new LinkedHashMap<>();
        new java.util.TreeMap<>(taps).forEach((k, v) -> {
            if (v.rank() == 4) {
                m.put(k, new int[]{(int) v.size(1), (int) v.size(2)});
            }
        });
        return m;
    }

    private static Map<String, double[]> taps(Network.Forward f) {
        Map<String, double[]> m = new HashMap<>();
        f.taps().forEach((k, v) -> m.put(k, Floats.readDouble(v)));
        return m;
    }

    /**
     * The transfer loss Σ_pairs (λ·) L^{m,n} on one forward pass of the target; tap gradients scaled by
     * {@code scale} (β in training, 1 in the lookahead).
     */
    private Transfer transfer(List<PairParts> parts, Map<String, double[]> targetMaps, Map<String, double[]> sourceMaps,
                              Map<String, int[]> sourcePoints, int n, double scale, boolean withGradients) {
        L2tMethod method = config.method();
        Map<String, double[]> gradTaps = new HashMap<>();
        List<WeightedFeatureMatching.Gradients> fm = new ArrayList<>();
        List<MetaNetworks.Output> meta = new ArrayList<>();
        double[] pairLosses = new double[parts.size()];
        double total = 0;
        for (int k = 0; k < parts.size(); k++) {
            PairParts p = parts.get(k);
            WeightedFeatureMatching.Shapes s = new WeightedFeatureMatching.Shapes(n, p.shapes.targetChannels(),
                    p.shapes.targetSide(), p.shapes.sourceChannels(), p.shapes.sourceSide());
            double[] t = targetMaps.get(p.pair.target());
            double[] src = sourceMaps.get(p.pair.source());
            double[] gradTap = gradTaps.computeIfAbsent(p.pair.target(), key -> new double[t.length]);
            if (method.attention()) {
                int side = Math.min(s.targetSide(), s.sourceSide());
                double[] qs = AttentionTransfer.map(new LossInputs.Feature(src, s.sourceChannels(), s.sourceSide(),
                        s.sourceSide()), AttentionTransfer.Form.TUTORIAL, 2, side, side);
                double l = AttentionTransfer.pair(new LossInputs.Feature(t, s.targetChannels(), s.targetSide(),
                        s.targetSide()), qs, n, AttentionTransfer.Form.TUTORIAL, 2, side, side, scale,
                        withGradients ? gradTap : null);
                pairLosses[k] = l;
                total += l;
                fm.add(null);
                meta.add(null);
                continue;
            }
            int cs = s.sourceChannels();
            double[] w = new double[n * cs];
            double[] lambda = new double[n];
            java.util.Arrays.fill(w, 1.0 / cs);
            java.util.Arrays.fill(lambda, 1);
            MetaNetworks.Output o = null;
            if (p.meta != null) {
                o = p.meta.forward(MetaNetworks.pooledFeatures(src, n, cs, s.sourceSide()), n);
                if (method.learnsWhat()) {
                    w = o.channelWeights();
                }
                if (method.learnsWhere()) {
                    lambda = o.lambda();
                }
            }
            WeightedFeatureMatching.Gradients g = new WeightedFeatureMatching.Gradients(s);
            double l = WeightedFeatureMatching.loss(s, t, src, p.weight, p.bias, w, lambda, g);
            double unweighted = 0;
            for (double v : g.perSample) {
                unweighted += v / n;
            }
            pairLosses[k] = unweighted;
            total += l;
            for (int j = 0; j < gradTap.length; j++) {
                gradTap[j] += scale * g.target[j];
            }
            fm.add(g);
            meta.add(o);
        }
        return new Transfer(total, gradTaps, fm, meta, pairLosses);
    }

    /** The meta-networks' parameters of one pair, flattened (what weight, what bias, where weight, where bias). */
    private static double[] phi(MetaNetworks m) {
        return concat(m.whatWeight, m.whatBias, m.whereWeight, m.whereBias);
    }

    /**
     * One update of φ on this batch: the meta-gradient of the lookahead ({@link MetaGradient}) through θ = the
     * target's parameters and the regressors, which are put back (with the batch-norm statistics) afterwards.
     */
    private void metaStep(Network target, List<PairParts> parts, INDArray x, int[] labels,
                          Map<String, double[]> sourceMaps, Map<String, int[]> sourcePoints, int n, int classes,
                          Adam metaAdam, int phiSize) {
        Map<String, INDArray> saved = new LinkedHashMap<>();
        target.state().forEach((k, v) -> saved.put(k, v.dup()));
        List<Parameter> params = target.parameters();
        int netSize = 0;
        for (Parameter p : params) {
            netSize += (int) p.value().length();
        }
        int size = netSize;
        double[] theta0 = thetaOf(params, parts, netSize);
        MetaGradient.Problem problem = new MetaGradient.Problem() {
            private Network.Forward forward(double[] theta) {
                setTheta(params, parts, theta);
                return target.forward(x, Pass.train(new Random(17)));
            }

            @Override
            public double[] transferGradientTheta(double[] theta) {
                Network.Forward f = forward(theta);
                Transfer tr = transfer(parts, taps(f), sourceMaps, sourcePoints, n, 1, true);
                Map<String, INDArray> gradTaps = new HashMap<>();
                tr.gradTaps().forEach((k, v) -> gradTaps.put(k, Floats.create(v, f.taps().get(k).shape())));
                target.backward(Floats.create(new double[(int) f.logits().length()], f.logits().shape()), gradTaps);
                double[] g = gradientsOf(params, size, parts);
                int at = size;
                for (int k = 0; k < parts.size(); k++) {
                    WeightedFeatureMatching.Gradients fg = tr.fm().get(k);
                    if (fg != null) {
                        System.arraycopy(fg.weight, 0, g, at, fg.weight.length);
                        System.arraycopy(fg.bias, 0, g, at + fg.weight.length, fg.bias.length);
                    }
                    at += parts.get(k).weight.length + parts.get(k).bias.length;
                }
                return g;
            }

            @Override
            public double[] transferGradientPhi(double[] theta) {
                Network.Forward f = forward(theta);
                Transfer tr = transfer(parts, taps(f), sourceMaps, sourcePoints, n, 1, true);
                double[] out = new double[phiSize];
                int at = 0;
                for (int k = 0; k < parts.size(); k++) {
                    PairParts p = parts.get(k);
                    if (p.meta == null) {
                        continue;
                    }
                    WeightedFeatureMatching.Gradients fg = tr.fm().get(k);
                    double[] gw = config.method().learnsWhat() ? fg.channelWeights : new double[fg.channelWeights.length];
                    double[] gl = config.method().learnsWhere() ? fg.lambda : new double[fg.lambda.length];
                    MetaNetworks.Gradients mg = p.meta.backward(tr.meta().get(k), gw, gl, n);
                    double[] flat = concat(mg.whatWeight(), mg.whatBias(), mg.whereWeight(), mg.whereBias());
                    System.arraycopy(flat, 0, out, at, flat.length);
                    at += flat.length;
                }
                return out;
            }

            @Override
            public double[] taskGradient(double[] theta) {
                Network.Forward f = forward(theta);
                double[] logits = Floats.readDouble(f.logits());
                double[] g = new double[logits.length];
                CrossEntropy.evaluate(logits, labels, classes, 1.0, g);
                target.backward(Floats.create(g, f.logits().shape()), Map.of());
                return gradientsOf(params, size, parts);
            }

            @Override
            public double taskLoss(double[] theta) {
                Network.Forward f = forward(theta);
                double[] logits = Floats.readDouble(f.logits());
                return CrossEntropy.evaluate(logits, labels, classes, 1.0, new double[logits.length]);
            }
        };
        double[] dPhi;
        try {
            dPhi = MetaGradient.metaGradient(problem, theta0, config.innerSteps(), config.innerLearningRate());
        } finally {
            setTheta(params, parts, theta0);
            target.state().forEach((k, v) -> v.assign(saved.get(k)));
        }
        double[] phi = new double[phiSize];
        int at = 0;
        for (PairParts p : parts) {
            if (p.meta != null) {
                double[] f = phi(p.meta);
                System.arraycopy(f, 0, phi, at, f.length);
                at += f.length;
            }
        }
        metaAdam.step(phi, dPhi);
        at = 0;
        for (PairParts p : parts) {
            if (p.meta != null) {
                at = setPhi(p.meta, phi, at);
            }
        }
    }

    private static double[] thetaOf(List<Parameter> params, List<PairParts> parts, int netSize) {
        int total = netSize;
        for (PairParts p : parts) {
            total += p.weight.length + p.bias.length;
        }
        double[] theta = new double[total];
        int at = 0;
        for (Parameter p : params) {
            double[] v = Floats.readDouble(p.value());
            System.arraycopy(v, 0, theta, at, v.length);
            at += v.length;
        }
        for (PairParts p : parts) {
            System.arraycopy(p.weight, 0, theta, at, p.weight.length);
            at += p.weight.length;
            System.arraycopy(p.bias, 0, theta, at, p.bias.length);
            at += p.bias.length;
        }
        return theta;
    }

    private static void setTheta(List<Parameter> params, List<PairParts> parts, double[] theta) {
        int at = 0;
        for (Parameter p : params) {
            int len = (int) p.value().length();
            float[] v = new float[len];
            for (int k = 0; k < len; k++) {
                v[k] = (float) theta[at + k];
            }
            Floats.write(p.value(), v);
            at += len;
        }
        for (PairParts p : parts) {
            System.arraycopy(theta, at, p.weight, 0, p.weight.length);
            at += p.weight.length;
            System.arraycopy(theta, at, p.bias, 0, p.bias.length);
            at += p.bias.length;
        }
    }

    /** The target's parameter gradients after a backward pass, flattened, with room for the regressors' (zero). */
    private static double[] gradientsOf(List<Parameter> params, int netSize, List<PairParts> parts) {
        int total = netSize;
        for (PairParts p : parts) {
            total += p.weight.length + p.bias.length;
        }
        double[] g = new double[total];
        int at = 0;
        for (Parameter p : params) {
            double[] v = Floats.readDouble(p.grad());
            System.arraycopy(v, 0, g, at, v.length);
            at += v.length;
        }
        return g;
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
