package org.transferlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.transferlab.data.DataKind;
import org.transferlab.engine.Backend;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskExercise;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskResult;
import org.transferlab.part2.MultiTaskRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Steady-state training speed of each part-1 configuration, measured through the real training loop on the
 * embedded data: the median time between consecutive steps after a warm-up, printed as ms/step and steps/s.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training steps per second of each exercise (median after warm-up).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--batch", defaultValue = "128")
    int batch;

    @Option(names = "--steps", defaultValue = "20", description = "measured steps per configuration (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--exercises", split = ",", defaultValue = "teacher,q1,q2,q3,a1,mtl-q2")
    List<String> exercises;

    @Option(names = "--teacher-checkpoint", description = "teacher for q2/q3/a1 (default: shipped teacher)")
    Path teacherCheckpoint;

    @Option(names = "--epoch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also time one epoch of the classroom default, Q2 on the embedded data (default: on)")
    boolean epoch;

    @Option(names = "--soak", paramLabel = "MINUTES", defaultValue = "0",
            description = "instead: train Q2 for MINUTES and print heap after a full GC and resident memory each minute")
    int soakMinutes;

    @Option(names = "--save", paramLabel = "FILE",
            description = "also write the measured configurations (ms/step, CPU ms/step, allocation, peak heap, settings, "
                    + "date, commit, machine) to FILE as JSON")
    Path save;

    @Option(names = "--compare", paramLabel = "FILE",
            description = "measure the configurations saved in FILE again (its steps, warm-up and batch) and print "
                    + "the ratios now/saved, flagging those above --threshold")
    Path compare;

    @Option(names = "--threshold", defaultValue = "1.15", paramLabel = "RATIO",
            description = "with --compare: flag configurations whose ms/step or peak heap ratio is above RATIO "
                    + "(default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--fail-above", paramLabel = "RATIO",
            description = "with --compare: exit with status 3 when a configuration's ms/step or peak heap ratio is "
                    + "above RATIO (implies --threshold RATIO)")
    Double failAbove;

    @Option(names = "--kernels", paramLabel = "java|nd4j|auto",
            description = "layer kernels: Java loops (CPU default) or ND4J ops (CUDA default); default auto")
    String kernels;

    @Override
    public Integer call() throws Exception {
        if (kernels != null) {
            org.transferlab.nn.Kernels.choose(kernels);
        }
        if (soakMinutes > 0) {
            return soak();
        }
        BenchResults.Saved saved = null;
        if (compare != null) {
            saved = BenchResults.read(compare);
            exercises = saved.exercises();
            steps = saved.steps();
            warmup = saved.warmup();
            batch = saved.batch();
            epoch = false;
            if (failAbove != null) {
                threshold = failAbove;
            }
            System.out.println("comparing with " + compare + ": " + saved.date() + ", commit " + saved.commit()
                    + ", " + saved.machine());
        }
        if (steps < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--steps must be at least 1");
        }
        System.out.println("backend: " + Backend.describe() + "; kernels " + org.transferlab.nn.Kernels.current().id()
                + "; batch " + batch + "; median of " + steps + " steps after " + warmup + " warm-up steps");
        if (Backend.fallbackNotice() != null) {
            System.out.println("note: " + Backend.fallbackNotice());
        }
        System.out.println("configuration        ms/step   steps/s  peak heap MB   peak RSS MB  CPU ms/step  alloc MB/step");
        List<BenchResults.Entry> measured = new ArrayList<>();
        for (String ex : exercises) {
            if (MultiTaskExercise.isMultiTask(ex)) {
                BenchResults.Entry m = benchMultiTask(MultiTaskExercise.parse(ex));
                if (m != null) {
                    measured.add(m);
                }
                continue;
            }
            Exercise e = Exercise.parse(ex);
            int needed = steps + warmup + 1;
            TrainingConfig c = TrainingConfig.builder().exercise(e).data(DataKind.EMBEDDED)
                    .student(e == Exercise.TEACHER ? null : "cnn-small").trainSize(Math.min(10000, needed * batch))
                    .epochs(1).batchSize(batch).evalEvery(1000).teacherCheckpoint(teacherCheckpoint).build();
            Probe probe = new Probe();
            TrainingRun run = new TrainingRun(c);
            run.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    if (probe.step() >= needed) {
                        run.control().stop();
                    }
                }
            });
            RunResult r = run.run();
            if (probe.count() < needed) {
                System.out.println(ex + ": " + r.message());
                continue;
            }
            measured.add(report(ex, label(e), probe));
            System.gc();
        }
        if (epoch) {
            timeOneEpoch();
        }
        if (save != null) {
            BenchResults.save(save, new BenchResults.Saved(java.time.Instant.now().toString(), commit(),
                    Backend.describe(), steps, warmup, threads(), batch, measured));
            System.out.println("saved " + measured.size() + " configurations to " + save);
        }
        if (saved != null) {
            List<BenchResults.Ratio> ratios = BenchResults.compare(saved, measured, threshold);
            if (saved.threads() != threads()) {
                System.out.println("note: saved with " + saved.threads() + " threads, measured now with " + threads());
            }
            System.out.print(BenchResults.table(ratios, threshold));
            long flagged = ratios.stream().filter(BenchResults.Ratio::flagged).count();
            if (flagged > 0 && failAbove != null) {
                System.out.println(flagged + " configuration(s) above " + failAbove + "×");
                return 3;
            }
        }
        return 0;
    }

    /**
     * Per step, at the step's end: the time, the process's CPU time, the Java heap allocated so far by all live
     * threads, and the peaks of used heap and resident memory.
     */
    private static final class Probe {
        private final List<long[]> marks = new ArrayList<>(); // {nanoTime, cpu ns, allocated bytes}
        private long peakRss;
        private long peakHeap;

        /** Records a step's end; returns the number of steps recorded. */
        int step() {
            marks.add(new long[]{System.nanoTime(), processCpuNanos(), allocatedBytes()});
            peakRss = Math.max(peakRss, org.bytedeco.javacpp.Pointer.physicalBytes());
            peakHeap = Math.max(peakHeap, usedHeap());
            return marks.size();
        }

        int count() {
            return marks.size();
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** Bytes of Java heap allocated so far by the live threads (-1 where the JVM does not count). */
    private static long allocatedBytes() {
        if (java.lang.management.ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemoryEnabled()) {
            long sum = 0;
            for (long a : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
                sum += Math.max(0, a);
            }
            return sum;
        }
        return -1;
    }

    private static int threads() {
        Object t = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads");
        try {
            return t == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(t.toString());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The checkout's commit (git rev-parse), or the application version where there is none. */
    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0 && !out.isEmpty() && !out.contains(" ")) {
                return out;
            }
        } catch (IOException | RuntimeException e) {
            // no git here: the version names the build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "version " + org.transferlab.engine.Version.get();
    }

    /** A part-2 step is a batch of each task, forward and backward, and one update. */
    private BenchResults.Entry benchMultiTask(MultiTaskExercise ex) {
        int needed = steps + warmup + 1;
        MultiTaskConfig d = MultiTaskConfig.defaults(ex);
        MultiTaskConfig c = new MultiTaskConfig(ex, "fixed", d.fixedWeights(), d.initialS(), 1.5, DataKind.EMBEDDED,
                null, Math.min(8000, needed * batch), 1, batch, d.learningRate(), 0, 1000, d.widths());
        Probe probe = new Probe();
        MultiTaskRun run = new MultiTaskRun(c);
        run.addListener(new MultiTaskListener() {
            @Override
            public void onStep(Step s) {
                if (probe.step() >= needed) {
                    run.control().stop();
                }
            }
        });
        MultiTaskResult r = run.run();
        if (probe.count() < needed) {
            System.out.println(ex.id() + ": " + r.message());
            return null;
        }
        BenchResults.Entry m = report(ex.id(), "two-task-indep-bn", probe);
        System.gc();
        return m;
    }

    /**
     * Prints and returns the median of the step intervals after the warm-up, the process's CPU time and the Java
     * heap allocated per measured step (means), and the peaks of heap and RSS.
     */
    private BenchResults.Entry report(String exercise, String label, Probe probe) {
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            ms[i] = (probe.marks.get(warmup + i + 1)[0] - probe.marks.get(warmup + i)[0]) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[steps / 2];
        long[] first = probe.marks.get(warmup);
        long[] last = probe.marks.get(warmup + steps);
        // CPU time as a mean over the measured steps: the process's CPU clock advances in ticks of 10 ms
        double cpuMean = first[1] < 0 ? Double.NaN : (last[1] - first[1]) / 1e6 / steps;
        double alloc = first[2] < 0 ? Double.NaN : (last[2] - first[2]) / (double) steps / (1 << 20);
        System.out.printf(Locale.ROOT, "%-18s %9.1f %9.2f %13d %13d %12.1f %14.1f%n", label, median, 1000 / median,
                probe.peakHeap >> 20, probe.peakRss >> 20, cpuMean, alloc);
        return new BenchResults.Entry(exercise, label, median, cpuMean, alloc, probe.peakHeap >> 20,
                probe.peakRss >> 20);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private TrainingConfig classroomDefault(int epochs) {
        return TrainingConfig.builder().exercise(Exercise.Q2).data(DataKind.EMBEDDED).trainSize(0).epochs(epochs)
                .batchSize(batch).evalEvery(1).teacherCheckpoint(teacherCheckpoint).build();
    }

    /** One epoch of Q2 on all embedded training images: set-up (data, teacher, targets), then the epoch. */
    private void timeOneEpoch() {
        long start = System.nanoTime();
        long[] firstStep = {0};
        double[] epochSeconds = {0};
        TrainingRun run = new TrainingRun(classroomDefault(1));
        run.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                if (firstStep[0] == 0) {
                    firstStep[0] = System.nanoTime();
                }
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                epochSeconds[0] = (System.nanoTime() - firstStep[0]) / 1e9;
            }
        });
        RunResult r = run.run();
        double setup = (firstStep[0] - start) / 1e9;
        System.out.printf(Locale.ROOT, "classroom default (q2, embedded, %d images, batch %d): set-up %.1f s, "
                        + "one epoch %.1f s including its test evaluation; %s%n", r.summary().trainSize(), batch,
                setup, epochSeconds[0], r.message());
    }

    /** Trains the classroom default for a while and reports memory after full collections, once a minute. */
    private int soak() throws InterruptedException {
        TrainingRun run = new TrainingRun(classroomDefault(100000));
        long start = System.nanoTime();
        run.start();
        System.out.println("minute  heap after GC MB   RSS MB   steps");
        long[] steps = {0};
        run.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                steps[0] = s.step();
            }
        });
        long firstHeap = -1;
        long lastHeap = 0;
        for (int minute = 1; minute <= soakMinutes; minute++) {
            Thread.sleep(Math.max(0, start + minute * 60_000_000_000L - System.nanoTime()) / 1_000_000);
            System.gc();
            lastHeap = usedHeap();
            if (firstHeap < 0) {
                firstHeap = lastHeap;
            }
            System.out.printf(Locale.ROOT, "%6d %18d %8d %7d%n", minute, lastHeap >> 20,
                    org.bytedeco.javacpp.Pointer.physicalBytes() >> 20, steps[0]);
        }
        run.control().stop();
        RunResult r = run.await();
        System.out.printf(Locale.ROOT, "heap after GC: minute 1 %d MB, minute %d %d MB; %s%n", firstHeap >> 20,
                soakMinutes, lastHeap >> 20, r.message());
        return 0;
    }

    private static String label(Exercise e) {
        return switch (e) {
            case TEACHER -> "teacher";
            case Q1 -> "student-baseline";
            case Q2 -> "student-kd";
            case Q3 -> "student-at";
            case A1 -> "student-kd-at";
            case STUDENT -> "student";
        };
    }
}
