package org.transferlab.cli;

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
        System.out.println("backend: " + Backend.describe() + "; kernels " + org.transferlab.nn.Kernels.current().id()
                + "; batch " + batch + "; median of " + steps + " steps after " + warmup + " warm-up steps");
        if (Backend.fallbackNotice() != null) {
            System.out.println("note: " + Backend.fallbackNotice());
        }
        System.out.println("configuration        ms/step   steps/s  peak heap MB   peak RSS MB");
        for (String ex : exercises) {
            if (MultiTaskExercise.isMultiTask(ex)) {
                benchMultiTask(MultiTaskExercise.parse(ex));
                continue;
            }
            Exercise e = Exercise.parse(ex);
            int needed = steps + warmup + 1;
            TrainingConfig c = TrainingConfig.builder().exercise(e).data(DataKind.EMBEDDED)
                    .student(e == Exercise.TEACHER ? null : "cnn-small").trainSize(Math.min(10000, needed * batch))
                    .epochs(1).batchSize(batch).evalEvery(1000).teacherCheckpoint(teacherCheckpoint).build();
            List<Long> times = new ArrayList<>();
            long[] peak = {0, 0};
            TrainingRun run = new TrainingRun(c);
            run.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    times.add(System.nanoTime());
                    peak[0] = Math.max(peak[0], org.bytedeco.javacpp.Pointer.physicalBytes());
                    peak[1] = Math.max(peak[1], usedHeap());
                    if (times.size() >= needed) {
                        run.control().stop();
                    }
                }
            });
            RunResult r = run.run();
            if (times.size() < needed) {
                System.out.println(ex + ": " + r.message());
                continue;
            }
            report(label(e), times, peak);
            System.gc();
        }
        if (epoch) {
            timeOneEpoch();
        }
        return 0;
    }

    /** A part-2 step is a batch of each task, forward and backward, and one update. */
    private void benchMultiTask(MultiTaskExercise ex) {
        int needed = steps + warmup + 1;
        MultiTaskConfig d = MultiTaskConfig.defaults(ex);
        MultiTaskConfig c = new MultiTaskConfig(ex, "fixed", d.fixedWeights(), d.initialS(), 1.5, DataKind.EMBEDDED,
                null, Math.min(8000, needed * batch), 1, batch, d.learningRate(), 0, 1000, d.widths());
        List<Long> times = new ArrayList<>();
        long[] peak = {0, 0};
        MultiTaskRun run = new MultiTaskRun(c);
        run.addListener(new MultiTaskListener() {
            @Override
            public void onStep(Step s) {
                times.add(System.nanoTime());
                peak[0] = Math.max(peak[0], org.bytedeco.javacpp.Pointer.physicalBytes());
                peak[1] = Math.max(peak[1], usedHeap());
                if (times.size() >= needed) {
                    run.control().stop();
                }
            }
        });
        MultiTaskResult r = run.run();
        if (times.size() < needed) {
            System.out.println(ex.id() + ": " + r.message());
            return;
        }
        report("two-task-indep-bn", times, peak);
        System.gc();
    }

    /** Prints the median of the step intervals after the warm-up, and the peaks {RSS, heap}. */
    private void report(String label, List<Long> times, long[] peak) {
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            ms[i] = (times.get(warmup + i + 1) - times.get(warmup + i)) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[steps / 2];
        System.out.printf(Locale.ROOT, "%-18s %9.1f %9.2f %13d %13d%n", label, median, 1000 / median,
                peak[1] >> 20, peak[0] >> 20);
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
