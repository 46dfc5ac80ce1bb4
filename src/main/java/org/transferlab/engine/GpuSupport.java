package org.transferlab.engine;

import java.util.List;
import java.util.Locale;

/**
 * Whether the bundled ND4J CUDA natives can run on a GPU, decided from the GPU's compute capability alone.
 *
 * <p>{@code nd4j-cuda-11.6:1.0.0-M2.1}'s {@code libnd4jcuda.so} holds machine code (cubins) for the compute
 * capabilities in {@link #BUILT_FOR} and no PTX. A cubin built for X.y runs on devices X.z with z ≥ y (CUDA's
 * binary compatibility within a major version); without PTX the driver cannot compile for anything else. So
 * 8.9 (RTX 40) runs the 8.6 code, while 9.0 (H100, H200) and newer, and anything before 3.7, cannot run it:
 * the backend would load and then fail at its first kernel launch ("no kernel image is available").
 */
public final class GpuSupport {
    /** Compute capabilities the bundled natives hold machine code for, as {major, minor}. */
    public static final List<int[]> BUILT_FOR = List.of(new int[]{3, 7}, new int[]{5, 0}, new int[]{5, 2},
            new int[]{6, 0}, new int[]{6, 1}, new int[]{7, 0}, new int[]{7, 5}, new int[]{8, 0}, new int[]{8, 6});

    private GpuSupport() {
    }

    /** Can ND4J's CUDA backend run here, and one sentence saying so (for the user, as it is). */
    public record Decision(boolean usable, String message) {
    }

    /** One CUDA device as the driver reports it. */
    public record Device(String name, int major, int minor) {
        public String capability() {
            return major + "." + minor;
        }
    }

    /** The decision for a device named {@code deviceName} of compute capability {@code major.minor}. */
    public static Decision decide(String deviceName, int major, int minor) {
        String name = deviceName == null || deviceName.isBlank() ? "the NVIDIA GPU" : deviceName.trim();
        String cc = major + "." + minor;
        int[] code = null;
        for (int[] b : BUILT_FOR) {
            if (b[0] == major && b[1] <= minor) {
                code = b;
            }
        }
        if (code != null) {
            return new Decision(true, String.format(Locale.ROOT, "%s (compute capability %s)%s", name, cc,
                    code[1] == minor ? "" : ", running the natives' code for " + code[0] + "." + code[1]));
        }
        String why;
        if (major > 8) {
            why = "newer than the bundled ND4J CUDA 11.6 natives support (machine code for 3.7 to 8.6, no PTX to "
                    + "compile for newer GPUs)";
        } else if (major < 3 || major == 3 && minor < 7) {
            why = "older than the oldest GPU the bundled ND4J CUDA 11.6 natives support (3.7)";
        } else {
            why = "not among those the bundled ND4J CUDA 11.6 natives hold code for (3.7, 5.0, 5.2, 6.0, 6.1, 7.0, "
                    + "7.5, 8.0, 8.6)";
        }
        return new Decision(false, String.format(Locale.ROOT,
                "%s has compute capability %s, %s, so TransferLab trains on the CPU.", name, cc, why));
    }

    /** The first device that cannot run the natives decides for all (ND4J may place work on any of them). */
    public static Decision decide(List<Device> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no CUDA device to decide for");
        }
        Decision first = null;
        for (Device d : devices) {
            Decision x = decide(d.name(), d.major(), d.minor());
            if (!x.usable()) {
                return x;
            }
            first = first == null ? x : first;
        }
        return devices.size() == 1 ? first : new Decision(true, first.message() + " and " + (devices.size() - 1)
                + " more GPU" + (devices.size() > 2 ? "s" : ""));
    }
}
