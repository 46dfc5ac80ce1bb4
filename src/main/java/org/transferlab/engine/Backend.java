package org.transferlab.engine;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend this process got, in words: "CPU (…)" or "CUDA (device name)". ND4J tries the CUDA
 * backend first when it is on the class path (the {@code cuda} Maven profile) and falls back to the CPU when
 * CUDA cannot load; {@link #fallbackNotice()} says so plainly.
 */
public final class Backend {
    private static volatile String description;
    private static volatile String notice;

    private Backend() {
    }

    /** Initialises ND4J (once) and describes the backend. */
    public static synchronized String describe() {
        if (description == null) {
            String cls = Nd4j.getBackend().getClass().getSimpleName();
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            if (cls.toLowerCase().contains("cu")) {
                Object devices = env.get("cuda.devicesInformation");
                description = "CUDA (" + (devices == null ? "GPU" : devices) + ")";
            } else {
                String build = buildInfo();
                description = "CPU (" + System.getProperty("os.arch") + ", " + env.getOrDefault("omp.threads",
                        Runtime.getRuntime().availableProcessors()) + " threads"
                        + (build.contains("HAVE_ONEDNN") ? ", oneDNN" : "") + (build.contains("HAVE_OPENBLAS")
                        ? ", OpenBLAS" : "") + ")";
                if (cudaOnClassPath()) {
                    notice = "The CUDA backend is installed but could not start (no usable NVIDIA driver or "
                            + "CUDA 11.6 runtime?); training runs on the CPU instead.";
                }
            }
        }
        return description;
    }

    /** A message for the user when CUDA was wanted but the CPU is used; null otherwise. */
    public static String fallbackNotice() {
        describe();
        return notice;
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
