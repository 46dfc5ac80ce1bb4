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
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
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

    @Option(names = "--exercises", split = ",", defaultValue = "teacher,q1,q2,q3,a1")
    List<String> exercises;

    @Option(names = "--teacher-checkpoint", description = "teacher for q2/q3/a1 (default: shipped teacher)")
    Path teacherCheckpoint;

    @Override
    public Integer call() throws Exception {
        System.out.println("backend: " + Backend.describe() + "; batch " + batch + "; median of " + steps
                + " steps after " + warmup + " warm-up steps");
        System.out.println("configuration        ms/step   steps/s   peak RSS MB");
        for (String ex : exercises) {
            Exercise e = Exercise.parse(ex);
            int needed = steps + warmup + 1;
            TrainingConfig c = TrainingConfig.builder().exercise(e).data(DataKind.EMBEDDED)
                    .student(e == Exercise.TEACHER ? null : "cnn-small").trainSize(Math.min(10000, needed * batch))
                    .epochs(1).batchSize(batch).evalEvery(1000).teacherCheckpoint(teacherCheckpoint).build();
            List<Long> times = new ArrayList<>();
            long[] peak = {0};
            TrainingRun run = new TrainingRun(c);
            run.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    times.add(System.nanoTime());
                    peak[0] = Math.max(peak[0], org.bytedeco.javacpp.Pointer.physicalBytes());
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
            double[] ms = new double[steps];
            for (int i = 0; i < steps; i++) {
                ms[i] = (times.get(warmup + i + 1) - times.get(warmup + i)) / 1e6;
            }
            Arrays.sort(ms);
            double median = ms[steps / 2];
            System.out.printf(Locale.ROOT, "%-18s %9.1f %9.2f %13d%n", label(e), median, 1000 / median, peak[0] >> 20);
            System.gc();
        }
        return 0;
    }

    private static String label(Exercise e) {
        return switch (e) {
            case TEACHER -> "teacher";
            case Q1 -> "student-baseline";
            case Q2 -> "student-kd";
            case Q3 -> "student-at";
            case A1 -> "student-kd-at";
        };
    }
}
