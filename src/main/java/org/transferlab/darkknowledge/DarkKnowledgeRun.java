package org.transferlab.darkknowledge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.Backend;
import org.transferlab.engine.Batches;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.MemoryGuard;
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
import org.transferlab.transfer.KnowledgeDistillation;
import org.transferlab.transfer.Softmax;

/**
 * One dark-knowledge run: the networks of its experiment trained one after the other on the MNIST digits, each
 * from labels or from the soft targets of a network trained before it, then scored on the test digits.
 * <ul>
 *   <li>{@code hinton}: the teacher (mlp-large, dropout, inputs jittered by up to two pixels), the student
 *   (mlp-medium) from labels, the same student distilled at T;</li>
 *   <li>{@code omitted}: the same with a validation split held out and the hidden digits removed from the transfer
 *   set; each student's output bias for the hidden digits is chosen on the validation digits ({@link BiasSweep});</li>
 *   <li>{@code small-transfer}: the students see a small share of the transfer set (as many steps as a pass over
 *   the whole set), from labels and from soft targets; a student from labels on the whole set beside them;</li>
 *   <li>{@code ban}: generation 0 from labels, then generations each taught by the previous one, from the teacher's
 *   outputs only (BAN, α = 1) and with the labels too (BAN+L, α = 0.5); ensembles of BAN generations 1..k.</li>
 * </ul>
 * The teacher's logits on a student's training images are computed once, without jitter or dropout. The teacher is
 * written to {@value #TEACHER_FILE} in the run folder, so a later run can reuse it ({@code --teacher}).
 */
public final class DarkKnowledgeRun extends RunSkeleton<DarkKnowledgeListener, DarkKnowledgeResult> {
    public static final String TEACHER_FILE = "teacher.tlck";
    private static final int EVAL_BATCH = 500;
    private final DarkKnowledgeConfig config;
    private DarkKnowledgeData data;
    private Path dataDir;
    private Path outputDir;
    private Path resumeDir;
    private long start = System.nanoTime();
    private long steps;
    private long stepsBefore;
    private final List<DarkKnowledgeResult.Score> scores = new ArrayList<>();

    public DarkKnowledgeRun(DarkKnowledgeConfig config) {
        super("transferlab-dark-knowledge");
        this.config = config;
    }

    public DarkKnowledgeRun addListener(DarkKnowledgeListener l) {
        listen(l);
        return this;
    }

    /** Writes the teacher there ({@value #TEACHER_FILE}). */
    public DarkKnowledgeRun outputDir(Path dir) {
        this.outputDir = dir;
        return this;
    }

    /**
     * Continues a stopped run in its folder: the networks whose checkpoints it holds are loaded instead of trained
     * (from the first, up to the first missing); the run goes on from the next, exactly as it would have.
     */
    public DarkKnowledgeRun resumeFrom(Path dir) {
        this.resumeDir = dir;
        this.outputDir = dir;
        return this;
    }

    /** Where a network's checkpoint goes in a run folder: the teacher's is {@value #TEACHER_FILE}. */
    public static Path networkFile(Path dir, String name) {
        return dir.resolve(name.equals("teacher") ? TEACHER_FILE : "net-" + name + ".tlck");
    }

    /** Where the full MNIST set is (null: the usual places). */
    public DarkKnowledgeRun dataDir(Path dir) {
        this.dataDir = dir;
        return this;
    }

    /** Trains on these digits instead of loading them (tests). */
    public DarkKnowledgeRun data(DarkKnowledgeData d) {
        this.data = d;
        return this;
    }

    @Override
    protected DarkKnowledgeResult failed(String message) {
        return ended(RunResult.Status.FAILED, message, List.of(), List.of(), null);
    }

    @Override
    protected DarkKnowledgeResult failedAfterSaving(DarkKnowledgeResult r, String message) {
        return new DarkKnowledgeResult(RunResult.Status.FAILED, message, r.networks(), r.ensembles(), r.sweeps(),
                r.teacherOutputs(), r.steps(), r.seconds());
    }

    @Override
    protected String message(DarkKnowledgeResult r) {
        return r.message();
    }

    private DarkKnowledgeResult ended(RunResult.Status status, String message, List<DarkKnowledgeResult.Score> ens,
                                      List<DarkKnowledgeResult.Sweep> sweeps, DarkKnowledgeResult.TeacherOutputs t) {
        return new DarkKnowledgeResult(status, message, List.copyOf(scores), ens, sweeps, t, steps,
                (System.nanoTime() - start) / 1e9);
    }

    /** A network to train: its description, its images and, for a student, the network that teaches it. */
    private record Planned(DarkKnowledgeListener.Phase phase, ImageSet images, double temperature) {
    }

    private static final class Diverged extends RuntimeException {
        Diverged(String message) {
            super(message);
        }
    }

    @Override
    protected DarkKnowledgeResult execute() throws IOException {
        start = System.nanoTime();
        config.validate();
        DarkKnowledgeData d = data != null ? data : DarkKnowledgeData.load(config, dataDir);
        int classes = d.test().numClasses();
        List<Planned> plan = plan(d);
        long totalSteps = plan.stream().mapToLong(p -> (long) p.phase().epochs() * p.phase().stepsPerEpoch()).sum();
        int totalEpochs = plan.stream().mapToInt(p -> p.phase().epochs()).sum();
        long parameters = 0;
        Map<String, Network> nets = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            Network n = Network.create(ModelZoo.get(plan.get(i).phase().model()), classes, config.seed() * 1000 + i + 1);
            nets.put(plan.get(i).phase().name(), n);
            parameters += n.parameterCount();
        }
        boolean loadedTeacher = config.teacher() != null && config.experiment() != Experiment.BAN;
        if (loadedTeacher) {
            Checkpoint.load(nets.get("teacher"), Path.of(config.teacher()));
        }
        DarkKnowledgeListener.Info info = new DarkKnowledgeListener.Info(config, Backend.describe(), d.source(),
                d.teacherSet().size(), d.validation() == null ? 0 : d.validation().size(), d.transfer().size(),
                d.small() == null ? 0 : d.small().size(), d.test().size(), totalSteps,
                plan.stream().map(Planned::phase).toList(), parameters);
        listeners().forEach(l -> l.onStart(info));
        MemoryGuard memory = new MemoryGuard();
        long loopStart = System.nanoTime();
        int runEpoch = 0;
        boolean restoring = resumeDir != null;
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            DarkKnowledgeListener.Phase ph = p.phase();
            Network net = nets.get(ph.name());
            Path saved = resumeDir == null ? null : networkFile(resumeDir, ph.name());
            if (restoring && ph.epochs() > 0) { // a teacher from --teacher (no epochs) is loaded as always
                restoring = java.nio.file.Files.isRegularFile(saved);
            }
            if (restoring && ph.epochs() > 0) { // finished before the run stopped: loaded, its epochs and steps counted
                Checkpoint.Contents c = Checkpoint.read(saved);
                if (!config.settings().equals(c.metadata().get("settings"))) {
                    throw new org.transferlab.models.CheckpointException(saved + " was written under other settings ("
                            + c.metadata().get("settings") + "), not " + config.settings() + "; train again");
                }
                Checkpoint.apply(net, c, saved.toString());
                listeners().forEach(l -> l.onRestored(ph));
                runEpoch += ph.epochs();
                steps += (long) ph.epochs() * ph.stepsPerEpoch();
                stepsBefore = steps;
                scores.add(score(ph.name(), ph.title(), logits(net, d.test()), d.test()));
                continue;
            }
            listeners().forEach(l -> l.onPhase(ph));
            if (ph.epochs() > 0) {
                double[] soft = ph.teacher() == null ? null : logits(nets.get(ph.teacher()), p.images());
                try {
                    if (!train(net, p, soft, i, runEpoch, totalEpochs, totalSteps, d.test(), d.hidden(), memory,
                            loopStart)) {
                        return ended(RunResult.Status.STOPPED, "stopped by the user during " + ph.title() + "; the "
                                + "metrics so far are kept" + (outputDir != null ? " and the networks finished before "
                                + "it saved (train --resume continues with it)" : ""),
                                List.of(), List.of(), null);
                    }
                } catch (Diverged e) {
                    return ended(RunResult.Status.DIVERGED, e.getMessage(), List.of(), List.of(), null);
                }
                runEpoch += ph.epochs();
            }
            scores.add(score(ph.name(), ph.title(), logits(net, d.test()), d.test()));
            if (outputDir != null && ph.epochs() > 0) { // after its metrics: a checkpoint never runs ahead of them
                Checkpoint.save(net, networkFile(outputDir, ph.name()), Map.of("kind", "dark-knowledge-network",
                        "network", ph.name(), "label", config.label(), "seed", String.valueOf(config.seed()),
                        "epochs", String.valueOf(ph.epochs()), "settings", config.settings()));
            }
        }
        List<DarkKnowledgeResult.Sweep> sweeps = new ArrayList<>();
        if (config.experiment() == Experiment.OMITTED) {
            int[] vLabels = Batches.labels(d.validation(), Batches.identity(d.validation().size()), 0,
                    d.validation().size());
            for (String name : List.of("student", "distilled")) {
                BiasSweep.Result r = BiasSweep.sweep(logits(nets.get(name), d.validation()), vLabels, classes,
                        d.hidden());
                sweeps.add(new DarkKnowledgeResult.Sweep(name, r.points(), r.chosen()));
                int k = indexOf(name);
                DarkKnowledgeResult.Score biased = score(name, "", logits(nets.get(name), d.test()), d.test(),
                        d.hidden(), r.chosen());
                scores.set(k, scores.get(k).withBias(r.chosen(), biased.testErrors(), biased.testAccuracy(),
                        biased.perClass()));
            }
        }
        List<DarkKnowledgeResult.Score> ensembles = new ArrayList<>();
        if (config.experiment() == Experiment.BAN) {
            double[] sum = null;
            for (int g = 1; g <= config.generations(); g++) {
                double[] probs = probabilities(logits(nets.get("ban" + g), d.test()), classes);
                if (sum == null) {
                    sum = probs;
                } else {
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += probs[j];
                    }
                    double[] logMean = new double[sum.length];
                    for (int j = 0; j < sum.length; j++) {
                        logMean[j] = Math.log(Math.max(sum[j] / g, 1e-300));
                    }
                    ensembles.add(score("ensemble" + g, "ensemble of BAN generations 1–" + g, logMean, d.test()));
                }
            }
        }
        String teacherName = config.experiment() == Experiment.BAN ? "gen0" : "teacher";
        DarkKnowledgeResult.TeacherOutputs outputs = teacherOutputs(nets.get(teacherName), d.test());
        if (outputDir != null) { // a finished run keeps only its teacher (for --teacher), not the students
            for (Planned p : plan) {
                if (!p.phase().name().equals("teacher")) {
                    java.nio.file.Files.deleteIfExists(networkFile(outputDir, p.phase().name()));
                }
            }
        }
        return ended(RunResult.Status.COMPLETED, String.format(Locale.ROOT, "finished %s: %s", config.experiment()
                .title(), summaryLine(ensembles, sweeps, d.test().size())), ensembles, sweeps, outputs);
    }

    private String summaryLine(List<DarkKnowledgeResult.Score> ensembles, List<DarkKnowledgeResult.Sweep> sweeps,
                               int test) {
        StringBuilder sb = new StringBuilder();
        for (DarkKnowledgeResult.Score s : scores) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %d", s.name(), s.testErrors()));
            if (!Double.isNaN(s.bias())) {
                sb.append(String.format(Locale.ROOT, " (%d with bias +%.2f)", s.testErrorsBiased(), s.bias()));
            }
        }
        for (DarkKnowledgeResult.Score s : ensembles) {
            sb.append(String.format(Locale.ROOT, ", %s %d", s.name(), s.testErrors()));
        }
        return sb.append(" test errors of ").append(test).toString();
    }

    private int indexOf(String name) {
        for (int i = 0; i < scores.size(); i++) {
            if (scores.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no network " + name);
    }

    /** The experiment's networks in training order. */
    private List<Planned> plan(DarkKnowledgeData d) {
        List<Planned> p = new ArrayList<>();
        int e = config.epochs();
        int b = config.batchSize();
        double t = config.temperature();
        double a = config.alpha();
        String student = DarkKnowledgeConfig.STUDENT;
        String teacherTitle = "teacher " + DarkKnowledgeConfig.TEACHER + " (dropout, jitter ±" + config.jitter() + " px)";
        int teacherEpochs = config.teacher() != null ? 0 : config.teacherEpochs();
        switch (config.experiment()) {
            case HINTON, OMITTED -> {
                p.add(phase("teacher", teacherTitle, DarkKnowledgeConfig.TEACHER, null, 0, true, d.teacherSet(),
                        teacherEpochs, steps(d.teacherSet(), b), t));
                String without = config.experiment() == Experiment.OMITTED ? " without " + digits(d.hidden()) : "";
                p.add(phase("student", "student " + student + " from labels" + without, student, null, 0, false,
                        d.transfer(), e, steps(d.transfer(), b), t));
                p.add(phase("distilled", String.format(Locale.ROOT, "student distilled at T = %s%s", num(t), without),
                        student, "teacher", a, false, d.transfer(), e, steps(d.transfer(), b), t));
            }
            case SMALL_TRANSFER -> {
                p.add(phase("teacher", teacherTitle, DarkKnowledgeConfig.TEACHER, null, 0, true, d.teacherSet(),
                        teacherEpochs, steps(d.teacherSet(), b), t));
                String share = String.format(Locale.ROOT, "%s%%", num(100 * config.transferShare()));
                int full = steps(d.transfer(), b);
                p.add(phase("student-small", "student, hard labels, " + share, student, null, 0, false, d.small(), e,
                        full, t));
                p.add(phase("distilled-small", "student, soft targets, " + share, student, "teacher", a, false,
                        d.small(), e, full, t));
                p.add(phase("student-full", "student, hard labels, 100%", student, null, 0, false, d.transfer(), e,
                        full, t));
            }
            case BAN -> {
                String m = config.banModel();
                int s = steps(d.teacherSet(), b);
                p.add(phase("gen0", "generation 0 (" + m + ", labels)", m, null, 0, false, d.teacherSet(), e, s, t));
                for (int g = 1; g <= config.generations(); g++) {
                    p.add(phase("ban" + g, "BAN generation " + g, m, g == 1 ? "gen0" : "ban" + (g - 1), 1, false,
                            d.teacherSet(), e, s, t));
                }
                for (int g = 1; g <= config.generations(); g++) {
                    p.add(phase("banl" + g, "BAN+L generation " + g, m, g == 1 ? "gen0" : "banl" + (g - 1), 0.5,
                            false, d.teacherSet(), e, s, t));
                }
            }
        }
        return p;
    }

    private static String digits(Set<Integer> hidden) {
        return (hidden.size() == 1 ? "digit " : "digits ") + hidden.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static int steps(ImageSet set, int batch) {
        return (set.size() + Math.min(batch, set.size()) - 1) / Math.min(batch, set.size());
    }

    private Planned phase(String name, String title, String model, String teacher, double alpha, boolean jitter,
                          ImageSet images, int epochs, int stepsPerEpoch, double t) {
        return new Planned(new DarkKnowledgeListener.Phase(name, title, model, teacher, alpha, jitter && config.jitter() > 0,
                images.size(), epochs, stepsPerEpoch), images, t);
    }

    /**
     * Trains one network; false when stopped. Each epoch draws {@code stepsPerEpoch} batches from permutations of
     * the images laid end to end (one permutation when the set fills the epoch).
     */
    private boolean train(Network net, Planned planned, double[] soft, int index, int runEpochBefore, int totalEpochs,
                          long totalSteps, ImageSet test, Set<Integer> hidden, MemoryGuard memory, long loopStart) {
        DarkKnowledgeListener.Phase ph = planned.phase();
        ImageSet set = planned.images();
        int classes = test.numClasses();
        double t = planned.temperature();
        double alpha = soft == null ? 0 : ph.alpha();
        int batch = Math.min(config.batchSize(), set.size());
        AdamOptimizer adam = new AdamOptimizer(config.learningRate());
        Random rng = new Random(config.seed() * 7919 + index);
        long phaseStart = System.nanoTime();
        for (int epoch = 1; epoch <= ph.epochs(); epoch++) {
            int length = Math.max(set.size(), ph.stepsPerEpoch() * batch);
            int[] order = new int[length];
            for (int filled = 0; filled < length; ) {
                int[] perm = Subsets.permutation(set.size(), rng.nextLong());
                int k = Math.min(perm.length, length - filled);
                System.arraycopy(perm, 0, order, filled, k);
                filled += k;
            }
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            for (int s = 0; s < ph.stepsPerEpoch(); s++) {
                if (stopHere()) {
                    return false;
                }
                int from = s * batch;
                int to = Math.min(length, from + batch);
                int n = to - from;
                INDArray x = ph.jitter() ? Jitter.batch(set, order, from, to, config.jitter(), rng, null)
                        : Batches.images(set, order, from, to);
                int[] labels = Batches.labels(set, order, from, to);
                Network.Forward f = net.forward(x, Pass.train(rng));
                double[] z = Floats.readDouble(f.logits());
                double[] grad = new double[z.length];
                double ce = CrossEntropy.evaluate(z, labels, classes, 1 - alpha, grad);
                double kd = Double.NaN;
                double total = ce;
                if (soft != null) {
                    double[] teacherRows = new double[z.length];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(soft, order[from + i] * classes, teacherRows, i * classes, classes);
                    }
                    // kd is H(p_t, p_s) = KL(p_t‖p_s) + H(p_t); reported as the KL, the part the student moves
                    kd = KnowledgeDistillation.term(z, teacherRows, classes, t, alpha * t * t, grad)
                            - KnowledgeDistillation.teacherEntropy(teacherRows, classes, t);
                    total = (1 - alpha) * ce + alpha * t * t * kd;
                }
                if (!Double.isFinite(total)) {
                    throw new Diverged(String.format(Locale.ROOT, "training diverged: the loss of %s became NaN or "
                            + "infinite at its epoch %d, step %d; lower the learning rate (now %g)", ph.title(), epoch,
                            s + 1, config.learningRate()));
                }
                net.backward(Floats.create(grad, f.logits().shape()), Map.of());
                adam.nextStep();
                for (Parameter p : net.parameters()) {
                    adam.update(p.name(), p.value(), p.grad());
                }
                int[] pred = Batches.argmax(f.logits());
                int right = 0;
                for (int i = 0; i < n; i++) {
                    right += pred[i] == labels[i] ? 1 : 0;
                }
                correct += right;
                seen += n;
                lossSum += total * n;
                memory.afterStep();
                steps++;
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                Map<String, Double> losses = new LinkedHashMap<>();
                losses.put("loss/ce", ce);
                if (soft != null) {
                    losses.put("loss/kd", kd);
                }
                StepMetrics sm = new StepMetrics(runEpochBefore + epoch, s + 1, steps, totalSteps, losses, total,
                        right / (double) n, elapsed, org.transferlab.engine.RunProgress.rate(steps - stepsBefore, elapsed));
                progressed(sm);
                listeners().forEach(l -> l.onStep(sm));
            }
            DarkKnowledgeResult.Score now = score(ph.name(), ph.title(), logits(net, test), test);
            int errors = now.testErrors();
            double accuracy = now.testAccuracy();
            double elapsed = (System.nanoTime() - loopStart) / 1e9;
            EpochMetrics em = new EpochMetrics(runEpochBefore + epoch, totalEpochs, lossSum / seen,
                    correct / (double) seen, accuracy, elapsed);
            listeners().forEach(l -> l.onEpoch(em));
            DarkKnowledgeListener.PhaseEpoch pe = new DarkKnowledgeListener.PhaseEpoch(ph.name(), epoch, ph.epochs(),
                    runEpochBefore + epoch, lossSum / seen, correct / (double) seen, errors, accuracy,
                    (System.nanoTime() - phaseStart) / 1e9, now.perClass(), hiddenAccuracy(now, hidden));
            listeners().forEach(l -> l.onPhaseEpoch(pe));
        }
        return true;
    }

    /** The network's logits for every image of the set, in evaluation mode (no dropout, no jitter): [N·K]. */
    static double[] logits(Network net, ImageSet set) {
        int k = net.numClasses();
        double[] out = new double[set.size() * k];
        int[] idx = Batches.identity(set.size());
        for (int from = 0; from < set.size(); from += EVAL_BATCH) {
            int to = Math.min(set.size(), from + EVAL_BATCH);
            double[] z = Floats.readDouble(net.forward(Batches.images(set, idx, from, to), Pass.EVAL).logits());
            System.arraycopy(z, 0, out, from * k, z.length);
        }
        net.release();
        return out;
    }

    /** The share of the hidden digits' test images a score got right; NaN when no digit is hidden. */
    static double hiddenAccuracy(DarkKnowledgeResult.Score s, Set<Integer> hidden) {
        long right = 0;
        long all = 0;
        for (int c : hidden) {
            if (c < s.confusion().length) {
                right += s.confusion()[c][c];
                all += java.util.Arrays.stream(s.confusion()[c]).sum();
            }
        }
        return all == 0 ? Double.NaN : right / (double) all;
    }

    static DarkKnowledgeResult.Score score(String name, String title, double[] logits, ImageSet set) {
        return score(name, title, logits, set, Set.of(), 0);
    }

    /** Errors, accuracy, per-digit accuracy and confusion of logits on a set, the bias added to the hidden digits. */
    static DarkKnowledgeResult.Score score(String name, String title, double[] logits, ImageSet set,
                                           Set<Integer> hidden, double bias) {
        int k = set.numClasses();
        int[] pred = BiasSweep.predict(logits, k, hidden, bias);
        int[][] confusion = new int[k][k];
        int wrong = 0;
        for (int i = 0; i < pred.length; i++) {
            confusion[set.label(i)][pred[i]]++;
            wrong += pred[i] != set.label(i) ? 1 : 0;
        }
        double[] perClass = new double[k];
        int[] counts = set.classCounts();
        for (int c = 0; c < k; c++) {
            perClass[c] = counts[c] == 0 ? Double.NaN : confusion[c][c] / (double) counts[c];
        }
        return new DarkKnowledgeResult.Score(name, title, wrong, 1 - wrong / (double) set.size(), perClass, confusion,
                Double.NaN, -1, Double.NaN, null);
    }

    private static double[] probabilities(double[] logits, int k) {
        double[] p = new double[logits.length];
        double[] row = new double[k];
        for (int s = 0; s < logits.length / k; s++) {
            Softmax.into(logits, s * k, k, 1, row);
            System.arraycopy(row, 0, p, s * k, k);
        }
        return p;
    }

    /** The teacher's softmax at T = 1 and at the run's T (20 when the run's is 1) for the first test image of omit[0]. */
    private DarkKnowledgeResult.TeacherOutputs teacherOutputs(Network teacher, ImageSet test) {
        int digit = config.omit().get(0);
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == digit) {
                ImageSet one = test.select(new int[]{i}, "one");
                double[] z = logits(teacher, one);
                double t = config.temperature() == 1 ? 20 : config.temperature();
                double[] p1 = new double[z.length];
                double[] pt = new double[z.length];
                Softmax.into(z, 0, z.length, 1, p1);
                Softmax.into(z, 0, z.length, t, pt);
                return new DarkKnowledgeResult.TeacherOutputs(i, digit, t, p1, pt);
            }
        }
        return null;
    }
}
