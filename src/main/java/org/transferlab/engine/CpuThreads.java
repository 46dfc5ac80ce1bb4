package org.transferlab.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads ND4J splits a CPU op over, which a run's numbers depend on: a reduction (a sum over a batch, a
 * convolution's over channels) summed in two halves rounds differently from one summed whole, so the same run
 * trained with 1 and with 2 threads drifts apart from its first steps (a 5-epoch KD run on 1000 images ended at
 * test accuracy 0.2640 with 1 thread and 0.2620 with 2), while runs with the same count are bit-identical.
 * Training a recorded run again therefore uses the thread count its backend line records ({@link #recorded}).
 */
public final class CpuThreads {
    private static final Pattern THREADS = Pattern.compile("^CPU \\(.*?\\b(\\d+) threads\\b");

    private CpuThreads() {
    }

    /**
     * The thread count a run's {@code backend} line records ({@code CPU (…, 2 threads, …)}), or 0 where it names
     * none (a GPU run, or a folder older than the line).
     */
    public static int recorded(String backend) {
        Matcher m = THREADS.matcher(backend == null ? "" : backend);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The thread count ND4J's ops use on the calling thread (OpenMP's). */
    public static int current() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /**
     * Runs {@code body} on this thread with ND4J's ops split over {@code threads} threads (OpenMP's count for this
     * thread and libnd4j's master threads), then sets back what was there; {@code threads} < 1 runs it as it is.
     * More threads than cores is allowed: the numbers are the same, only slower.
     */
    public static void with(int threads, Runnable body) {
        if (threads < 1 || !Nd4j.getBackend().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                .contains("cpu")) {
            body.run();
            return;
        }
        Environment env = Nd4j.getEnvironment();
        int omp = current();
        int master = env.maxMasterThreads();
        int max = env.maxThreads();
        env.setMaxThreads(Math.max(max, threads));
        env.setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        try {
            body.run();
        } finally {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(omp);
            env.setMaxMasterThreads(master);
            env.setMaxThreads(max);
        }
    }
}
