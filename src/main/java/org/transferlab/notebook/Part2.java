package org.transferlab.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.transferlab.chapters.ProgressLine;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunResult;
import org.transferlab.exercises.StudentRun;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskExercise;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskRecorder;
import org.transferlab.part2.MultiTaskResult;
import org.transferlab.part2.MultiTaskRun;

/**
 * Part 2's exercises as runs: {@code Part2.q2().weighting("uncertainty").epochs(3).train()} trains two tasks
 * together, MNIST digits (task 1) and Fashion-MNIST (task 2), each with its own images, as the app's multi-task
 * tab and {@code train part2} do (the same {@link MultiTaskConfig} defaults: 1000 images per task, fixed weights
 * 1 and 1, seed 0), into a new folder under {@link Part1#runsRoot()}, where the app's Compare runs finds it.
 */
public final class Part2 {
    private Part2() {
    }

    /** The reference: one network per task, nothing shared. */
    public static Training single() {
        return new Training(MultiTaskExercise.SINGLE);
    }

    /** Q1: one shared trunk (convolutions and batch norm), one head per task. */
    public static Training q1() {
        return new Training(MultiTaskExercise.Q1);
    }

    /** Q2: shared convolutions, but each task has its own batch norm. */
    public static Training q2() {
        return new Training(MultiTaskExercise.Q2);
    }

    /** A2: the structure search, 0 to 3 shared blocks × batch norm shared or per task, each trained in turn. */
    public static Training a2() {
        return new Training(MultiTaskExercise.A2);
    }

    /** A part-2 run's settings, then {@link #train()}. */
    public static final class Training {
        private final MultiTaskExercise exercise;
        private final MultiTaskConfig defaults;
        private String weighting;
        private double[] taskWeights;
        private double[] initialS;
        private double gradNormAlpha;
        private int trainSize;
        private int epochs;
        private int batchSize;
        private double learningRate;
        private long seed;
        private int evalEvery;
        private String card;
        private String code;
        private Path runsRoot;
        private PrintStream out = System.out;

        Training(MultiTaskExercise exercise) {
            this.exercise = exercise;
            defaults = MultiTaskConfig.defaults(exercise);
            weighting = defaults.weighting();
            taskWeights = defaults.fixedWeights();
            initialS = defaults.initialS();
            gradNormAlpha = defaults.gradNormAlpha();
            trainSize = defaults.trainSize();
            epochs = defaults.epochs();
            batchSize = defaults.batchSize();
            learningRate = defaults.learningRate();
            seed = defaults.seed();
            evalEvery = defaults.evalEvery();
        }

        /** How the two losses are weighted: fixed (default), uncertainty, gradnorm, mgda, dwa or pcgrad. */
        public Training weighting(String method) {
            this.weighting = method;
            return this;
        }

        /** The weights of {@code fixed}: L = w1·L1 + w2·L2 (default 1 and 1). */
        public Training taskWeights(double w1, double w2) {
            this.taskWeights = new double[]{w1, w2};
            return this;
        }

        /** Uncertainty weighting's starting s_i = log σ_i² (default 0 and 0, i.e. weights 1). */
        public Training initialS(double s1, double s2) {
            this.initialS = new double[]{s1, s2};
            return this;
        }

        /** GradNorm's α (default 1.5). */
        public Training gradNormAlpha(double a) {
            this.gradNormAlpha = a;
            return this;
        }

        /** Epochs, per structure for A2 (default 30, as in the app; a notebook wants a few). */
        public Training epochs(int n) {
            this.epochs = n;
            return this;
        }

        /** Training images per task: the first n of a seeded shuffle (default 1000; 0 = all). */
        public Training trainSize(int n) {
            this.trainSize = n;
            return this;
        }

        public Training seed(long s) {
            this.seed = s;
            return this;
        }

        public Training batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Training learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** Test both tasks every n epochs and after the last (default 1; testing costs time in short runs). */
        public Training evalEvery(int n) {
            this.evalEvery = n;
            return this;
        }

        /**
         * Trains with the student's own model for this exercise's card (Q1: {@code mtl-two-heads}, Q2:
         * {@code mtl-independent-bn}: the {@code forward} method), in a sandbox process as the app's exercise
         * mode does. {@code source} is the card's {@code Solution} class, or only its method(s).
         */
        public Training code(String source) {
            this.card = switch (exercise) {
                case Q1 -> "mtl-two-heads";
                case Q2 -> "mtl-independent-bn";
                default -> throw new IllegalStateException(exercise.id() + " has no model card: your forward trains "
                        + "with Part2.q1() (shared trunk) or Part2.q2() (batch norm per task)");
            };
            this.code = source;
            return this;
        }

        /**
         * Trains with the student's own uncertainty weighting (the {@code uncertainty} card's
         * {@code weightedLoss}) in a sandbox process; sets the weighting to {@code uncertainty}.
         */
        public Training weightingCode(String source) {
            if (exercise.structures().size() != 1) {
                throw new IllegalStateException(exercise.id() + " trains several structures; train your weighting "
                        + "with Part2.q1() or Part2.q2()");
            }
            this.card = "uncertainty";
            this.code = source;
            this.weighting = "uncertainty";
            return this;
        }

        /** Another runs root than the app's (tests). */
        public Training runsRoot(Path root) {
            this.runsRoot = root;
            return this;
        }

        /** Where the progress lines go (default standard output, i.e. the cell's output). */
        public Training progressTo(PrintStream stream) {
            this.out = stream;
            return this;
        }

        /** The settings as the run will record them in {@code config.json}; an error names what to change. */
        public MultiTaskConfig config() {
            return new MultiTaskConfig(exercise, weighting, taskWeights.clone(), initialS.clone(), gradNormAlpha,
                    defaults.data(), defaults.dataDir(), trainSize, epochs, batchSize, learningRate, seed,
                    evalEvery, defaults.widths()).validate();
        }

        /**
         * Trains to the end in a new run folder, printing a progress line while it runs; returns the run. If the
         * cell is interrupted, the run is stopped cleanly (its folder says so) and the interruption goes on.
         */
        public Part2Run train() {
            MultiTaskConfig c = config();
            try {
                Path root = runsRoot != null ? runsRoot : Part1.runsRoot();
                Path dir;
                Live run;
                if (code != null) {
                    dir = RunFolders.create(root, c.exercise().id(), c.seed(), "-your-code");
                    StudentRun s = StudentRun.part2(card, Exercises.solutionClass(card, code), c, dir);
                    s.addListener(new Progress(out));
                    run = new Live(s::start, () -> s.control().stop(), s::awaitMultiTask);
                } else {
                    dir = RunFolders.create(root, c.exercise().id(), c.seed(), "");
                    MultiTaskRun r = new MultiTaskRun(c).outputDir(dir).addListener(new MultiTaskRecorder(dir))
                            .addListener(new Progress(out));
                    run = new Live(r::start, () -> r.control().stop(), r::await);
                }
                CellRun.startOutsideCellThreads(run.start);
                MultiTaskResult r = CellRun.await(run.await, run.stop, dir, out);
                out.println((r.status() == RunResult.Status.COMPLETED ? "" : r.status().id() + ": ") + r.message());
                out.println("run folder: " + dir);
                out.flush();
                return Part2Run.open(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %s, %s weighting, %d epochs%s on %d images per task, seed %d%s",
                    exercise.id(), exercise.description(), weighting, epochs,
                    exercise.structures().size() > 1 ? " per structure" : "", trainSize, seed,
                    code != null ? ", with your code (" + card + ")" : "");
        }
    }

    /** A started run, engine or sandbox alike. */
    private record Live(Runnable start, Runnable stop, CellRun.Await<MultiTaskResult> await) {
    }

    /**
     * The progress of a part-2 run in a notebook cell: a heading, a line per structure, one line rewritten with
     * {@code \r} (at most every 2 s) and one line per evaluated epoch.
     */
    static final class Progress implements MultiTaskListener {
        private final PrintStream out;
        private long last;
        private boolean open;

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void onStart(Info info) {
            out.print(String.format(Locale.ROOT, "%s, %s weighting: tasks %s on %,d images each, %d structure(s), "
                            + "%d steps per epoch%n", info.config().exercise().id(), info.config().weighting(),
                    info.tasks(), info.trainImages(), info.structures(), info.stepsPerEpoch()));
            out.flush();
        }

        @Override
        public synchronized void onStructureStart(int index, String label, long parameters) {
            out.print(String.format(Locale.ROOT, "%sstructure %d: %s (%,d parameters)%n", open ? "\n" : "", index + 1,
                    label, parameters));
            out.flush();
            open = false;
        }

        @Override
        public synchronized void onStep(Step s) {
            long now = System.currentTimeMillis();
            if (now - last < 2000 && s.step() < s.totalSteps()) {
                return;
            }
            last = now;
            out.print(String.format(Locale.ROOT, "\repoch %d step %d/%d  loss %.3f / %.3f  weights %.2f / %.2f  "
                            + "%.1f steps/s  ETA %s   ", s.epoch(), s.step(), s.totalSteps(), s.losses()[0],
                    s.losses()[1], s.weights()[0], s.weights()[1], s.stepsPerSecond(),
                    ProgressLine.duration(s.etaSeconds())));
            out.flush();
            open = true;
        }

        @Override
        public synchronized void onEpoch(Epoch e) {
            if (Double.isNaN(e.testAccuracy()[0])) {
                return;
            }
            out.print(String.format(Locale.ROOT, "%sepoch %d/%d  train loss %.4f / %.4f  test acc %.4f / %.4f  "
                            + "weights %.3f / %.3f%n", open ? "\r" : "", e.epoch(), e.epochs(), e.trainLoss()[0],
                    e.trainLoss()[1], e.testAccuracy()[0], e.testAccuracy()[1], e.weights()[0], e.weights()[1]));
            out.flush();
            open = false;
        }

        @Override
        public synchronized void onStructureEnd(Structure s) {
            out.print(String.format(Locale.ROOT, "  %s: test accuracy %.4f / %.4f, %,d parameters, %.0f s%n", s.label(),
                    s.testAccuracy()[0], s.testAccuracy()[1], s.parameters(), s.seconds()));
            out.flush();
        }
    }
}
