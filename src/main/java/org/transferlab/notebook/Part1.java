package org.transferlab.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.transferlab.chapters.ProgressLine;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.LiveRun;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
import org.transferlab.exercises.StudentRun;

/**
 * Part 1's exercises as runs: {@code Part1.q2().temperature(4).alpha(0.5).epochs(3).train()} trains the student
 * as the app's Train button does (the same {@link TrainingConfig} defaults: cnn-small from the shipped cnn-large
 * teacher, 1000 Fashion-MNIST images, seed 0) into a new folder under {@link #runsRoot()}, where the app's
 * Compare runs finds it.
 */
public final class Part1 {
    private Part1() {
    }

    /** Q1: the student alone, cross-entropy only (the baseline). */
    public static Training q1() {
        return new Training(Exercise.Q1);
    }

    /** Q2: the student with knowledge distillation (KD). */
    public static Training q2() {
        return new Training(Exercise.Q2);
    }

    /** Q3: the student with attention transfer (AT). */
    public static Training q3() {
        return new Training(Exercise.Q3);
    }

    /** A1: the student with KD and AT together. */
    public static Training a1() {
        return new Training(Exercise.A1);
    }

    /**
     * Where the app keeps its runs: {@code $transferlab.home/runs}, default {@code ~/.transferlab/runs}
     * ({@link org.transferlab.engine.RunFolders#defaultRoot()}, the app's rule too).
     */
    public static Path runsRoot() {
        return org.transferlab.engine.RunFolders.defaultRoot();
    }

    /** A part-1 run's settings, then {@link #train()}. */
    public static final class Training {
        private final TrainingConfig.Builder config;
        private String code;
        private Path runsRoot;
        private PrintStream out = System.out;

        Training(Exercise exercise) {
            config = TrainingConfig.defaults().toBuilder().exercise(exercise);
        }

        /** KD's temperature T (default 4). */
        public Training temperature(double t) {
            config.temperature(t);
            return this;
        }

        /** KD's weight α: loss = (1 − α)·CE + α·KD (default 0.5). */
        public Training alpha(double a) {
            config.alpha(a);
            return this;
        }

        /** AT's weight β (default 1, the tutorial's form). */
        public Training beta(double b) {
            config.beta(b);
            return this;
        }

        /** Epochs (default 100, as in the app; a notebook wants a few). */
        public Training epochs(int n) {
            config.epochs(n);
            return this;
        }

        public Training seed(long s) {
            config.seed(s);
            return this;
        }

        /** Training images: the first n of a seeded shuffle (default 1000; 0 = all). */
        public Training trainSize(int n) {
            config.trainSize(n);
            return this;
        }

        public Training batchSize(int n) {
            config.batchSize(n);
            return this;
        }

        public Training learningRate(double lr) {
            config.learningRate(lr);
            return this;
        }

        /** Another student architecture from the zoo (default cnn-small). */
        public Training student(String model) {
            config.student(model);
            return this;
        }

        /**
         * Trains with the student's own code for this exercise's card (Q2: {@code distillationLoss}, Q3: the AT
         * loss, A1: both), checked and run in a sandbox process as the app's exercise mode does. {@code source} is
         * the card's {@code Solution} class, or only its method(s) ({@link Exercises#solutionClass}).
         */
        public Training code(String source) {
            this.code = source;
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

        /** The settings as the run will record them in {@code config.json}. */
        public TrainingConfig config() {
            return config.build().validate();
        }

        /**
         * Trains to the end in a new run folder, printing a progress line while it runs; returns the run. If the
         * cell is interrupted, the run is stopped cleanly (its folder says so) and the interruption goes on.
         */
        public Run train() {
            TrainingConfig c = config();
            try {
                Path root = runsRoot != null ? runsRoot : Part1.runsRoot();
                LiveRun run;
                Path dir;
                if (code != null) {
                    String card = Exercises.cardFor(c.exercise().id());
                    dir = RunFolders.create(root, c.label(), c.seed(), "-your-code");
                    run = StudentRun.part1(card, Exercises.solutionClass(card, code), c, dir);
                } else {
                    dir = RunFolders.create(root, c.label(), c.seed(), "");
                    run = new TrainingRun(c).outputDir(dir).addListener(new RunRecorder(dir));
                }
                run.addListener(new Progress(out));
                CellRun.startOutsideCellThreads(run::start);
                RunResult r = CellRun.await(run::await, () -> run.control().stop(), dir, out);
                out.println((r.status() == RunResult.Status.COMPLETED ? "" : r.status().id() + ": ") + r.message());
                out.println("run folder: " + dir);
                out.flush();
                return Run.open(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public String toString() {
            TrainingConfig c = config.build();
            return c.exercise().id() + ": " + c.exercise().description() + ", " + c.epochs() + " epochs on "
                    + c.trainSize() + " images, seed " + c.seed() + (code != null ? ", with your code" : "");
        }
    }

    /**
     * The progress of a training run in a notebook cell: a heading, one line rewritten with {@code \r} (at most
     * every 2 s, so a saved notebook stays small) and one line per evaluated epoch.
     */
    static final class Progress implements TrainingListener {
        private final PrintStream out;
        private long last;
        private boolean open;

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void onStart(RunInfo info) {
            out.print(String.format(Locale.ROOT, "%s: %s (%,d parameters) on %,d %s images, %d steps%s%n",
                    info.config().label(), info.trainedModel(), info.parameterCount(), info.trainImages(),
                    info.config().dataset().id(), info.totalSteps(), info.teacherTestAccuracy() == null ? ""
                            : String.format(Locale.ROOT, "; teacher test accuracy %.4f", info.teacherTestAccuracy())));
            out.flush();
        }

        @Override
        public synchronized void onStep(StepMetrics s) {
            long now = System.currentTimeMillis();
            if (now - last < 2000 && s.step() < s.totalSteps()) {
                return;
            }
            last = now;
            out.print(String.format(Locale.ROOT, "\repoch %d step %d/%d  loss %.4f  %.1f steps/s  ETA %s   ", s.epoch(),
                    s.step(), s.totalSteps(), s.total(), s.stepsPerSecond(), ProgressLine.duration(s.etaSeconds())));
            out.flush();
            open = true;
        }

        @Override
        public synchronized void onEpoch(EpochMetrics e) {
            if (Double.isNaN(e.testAccuracy())) {
                return;
            }
            out.print(String.format(Locale.ROOT, "%sepoch %d/%d  train loss %.4f  train acc %.4f  test acc %.4f  (%s)%n",
                    open ? "\r" : "", e.epoch(), e.epochs(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy(),
                    ProgressLine.duration(e.elapsedSeconds())));
            out.flush();
            open = false;
        }
    }
}
