package org.transferlab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend this process gets, and a description of it in words: "CPU (model, …)" or
 * "CUDA (device name, compute capability X.Y)".
 *
 * <p>With the {@code cuda} Maven profile both backends are on the class path and ND4J prefers CUDA. Before
 * ND4J loads, {@link #select()} asks the CUDA runtime for the GPUs' compute capabilities and, where the
 * bundled natives cannot run ({@link GpuSupport}), keeps ND4J on the CPU and says why in one sentence
 * ({@link #fallbackNotice()}); so it does when the runtime finds no GPU or does not answer. The system
 * property {@value #PROPERTY}{@code =cpu} asks for the CPU outright.
 */
public final class Backend {
    /** System property: {@code cpu} keeps ND4J on the CPU even where CUDA could run; {@code auto} (default). */
    public static final String PROPERTY = "transferlab.backend";
    static final long PROBE_SECONDS = 60;

    private static volatile boolean selected;
    private static volatile String description;
    private static volatile String notice;
    private static volatile String gpu;

    private Backend() {
    }

    /** What {@link #select()} does, decided from what it found. */
    record Plan(boolean hideCuda, String notice, String gpu) {
    }

    /**
     * The choice, as a pure function: whether the CUDA backend is installed, the {@value #PROPERTY} property,
     * and what the CUDA probe found (null when it did not run).
     */
    static Plan plan(boolean cudaInstalled, String requested, CudaProbe.Result probe) {
        if (!cudaInstalled) {
            return new Plan(false, null, null);
        }
        if ("cpu".equalsIgnoreCase(requested == null ? "" : requested.trim())) {
            return new Plan(true, "The CUDA backend is installed but " + PROPERTY + "=cpu asks for the CPU.", null);
        }
        if (probe.timedOut()) {
            return new Plan(true, "The NVIDIA driver did not answer within " + PROBE_SECONDS
                    + " s, so TransferLab trains on the CPU.", null);
        }
        if (probe.devices().isEmpty()) { // ND4J's own check would find the same, print a stack trace and use the CPU
            return new Plan(true, "The CUDA backend is installed but found no usable GPU (" + probe.failure()
                    + "), so TransferLab trains on the CPU.", null);
        }
        GpuSupport.Decision d = GpuSupport.decide(probe.devices());
        return d.usable() ? new Plan(false, null, d.message()) : new Plan(true, d.message(), null);
    }

    /**
     * Decides the backend before ND4J loads (once; later calls do nothing). Call it first thing in a program
     * that may run with the {@code cuda} profile; {@link #describe()} calls it too, in case nothing touched
     * ND4J before.
     */
    public static synchronized void select() {
        if (selected) {
            return;
        }
        selected = true;
        Natives.choose(); // before ND4J loads: the plain natives on an x86 CPU without AVX2
        boolean installed = cudaOnClassPath();
        String requested = System.getProperty(PROPERTY, "auto");
        boolean askForCpu = "cpu".equalsIgnoreCase(requested.trim());
        CudaProbe.Result probe = installed && !askForCpu ? CudaProbe.run(PROBE_SECONDS) : null;
        Plan p = plan(installed, requested, probe);
        if (p.hideCuda()) {
            ND4JClassLoading.setNd4jClassloader(new WithoutCudaBackend(ND4JClassLoading.getNd4jClassloader()));
        }
        notice = p.notice();
        gpu = p.gpu();
    }

    /**
     * Initialises ND4J (once) and describes the backend and its device; on the CPU with the thread count ND4J's
     * ops use on the calling thread now ({@link CpuThreads}: a re-run of a recorded run may set it).
     */
    public static synchronized String describe() {
        String d = described();
        return d.startsWith("CPU (") ? d.replaceFirst("\\b\\d+ threads\\b", CpuThreads.current() + " threads") : d;
    }

    private static String described() {
        select();
        if (description == null) {
            String cls = Nd4j.getBackend().getClass().getSimpleName();
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            if (cls.toLowerCase(Locale.ROOT).contains("cu")) {
                description = "CUDA (" + cudaDevices(env) + ")";
            } else {
                String build = buildInfo();
                description = "CPU (" + cpuName() + System.getProperty("os.arch") + ", " + env.getOrDefault("omp.threads",
                        Runtime.getRuntime().availableProcessors()) + " threads"
                        + (build.contains("HAVE_ONEDNN") ? ", oneDNN" : "") + (build.contains("HAVE_OPENBLAS")
                        ? ", OpenBLAS" : "") + natives() + ")";
                if (notice == null && cudaOnClassPath()) {
                    notice = "The CUDA backend is installed but could not start (no usable NVIDIA driver or "
                            + "CUDA 11.6 runtime?), so TransferLab trains on the CPU.";
                }
            }
        }
        return description;
    }

    /**
     * The layers' kernels for the next runs: {@code java}, {@code nd4j} or {@code auto} (the app's Backend menu
     * and {@code --kernels}); the UI goes through here, never to the layers.
     */
    public static void useKernels(String name) {
        org.transferlab.nn.Kernels.choose(name);
    }

    /** The kernels the next runs use: "java" or "nd4j". */
    public static String kernels() {
        return org.transferlab.nn.Kernels.current().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One sentence for the user when CUDA is installed but the CPU is used (or the GPU cannot run); else null. */
    public static String fallbackNotice() {
        describe();
        return notice;
    }

    /**
     * The GPUs as ND4J reports them, checked again: should ND4J have loaded CUDA on a GPU its natives cannot
     * run (the probe could not tell), the notice says so rather than leaving the first kernel to fail.
     */
    private static String cudaDevices(Properties env) {
        Object info = env.get("cuda.devicesInformation");
        if (!(info instanceof List<?> list) || list.isEmpty()) {
            return gpu != null ? gpu : "GPU";
        }
        List<GpuSupport.Device> devices = new java.util.ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("cuda.deviceMajor") instanceof Number major
                    && m.get("cuda.deviceMinor") instanceof Number minor) {
                devices.add(new GpuSupport.Device(String.valueOf(m.get("cuda.deviceName")), major.intValue(),
                        minor.intValue()));
            }
        }
        if (devices.isEmpty()) {
            return gpu != null ? gpu : String.valueOf(info);
        }
        GpuSupport.Decision d = GpuSupport.decide(devices);
        if (d.usable()) {
            return d.message();
        }
        GpuSupport.Device first = devices.get(0);
        notice = first.name() + " (compute capability " + first.capability() + ") cannot run the bundled ND4J CUDA "
                + "natives; start again with -D" + PROPERTY + "=cpu to train on the CPU.";
        return first.name() + ", compute capability " + first.capability();
    }

    /**
     * "; natives linux-x86_64-onednn-avx2" (the native build ND4J loaded), with the reason where it is not the
     * preferred one: "; natives linux-x86_64: this CPU has no AVX2, so the plain build instead of …".
     */
    static String natives() {
        String loaded = Natives.loaded();
        String why = Natives.notice();
        return loaded == null ? "" : "; natives " + loaded + (why.isEmpty() ? "" : ": " + why);
    }

    /**
     * "AMD EPYC 9B14, ": the processor's name from {@code /proc/cpuinfo} (Linux), {@code PROCESSOR_IDENTIFIER}
     * (Windows) or {@code sysctl machdep.cpu.brand_string} (macOS); "" where none answers.
     */
    private static String cpuName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        try {
            if (os.startsWith("windows")) {
                String id = System.getenv("PROCESSOR_IDENTIFIER");
                return id == null || id.isBlank() ? "" : id.trim() + ", ";
            }
            if (os.startsWith("mac")) {
                Process p = new ProcessBuilder("sysctl", "-n", "machdep.cpu.brand_string").redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .trim();
                return p.waitFor() == 0 && !out.isEmpty() ? out + ", " : "";
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + ", ";
                }
            }
        } catch (IOException | RuntimeException e) {
            // the architecture alone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private static String buildInfo() {
        try {
            return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    private static boolean cudaOnClassPath() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
