package org.transferlab.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which build of ND4J's native libraries this process loads, chosen before ND4J loads.
 *
 * <p>Each platform's natives come in a plain build (classifier {@code linux-x86_64}, {@code windows-x86_64}, …)
 * and, where ND4J publishes one, an optimised build ({@code linux-x86_64-onednn-avx2},
 * {@code windows-x86_64-onednn-avx2}, {@code macosx-x86_64-onednn}). With both on the class path JavaCPP's loader
 * takes the optimised one, and ND4J then ends the process ({@code System.exit(1)} after "CPU Feature Check
 * Failed") on a CPU without the instructions it was built for. So on an x86 CPU without AVX2 this sets JavaCPP's
 * {@code org.bytedeco.javacpp.platform.extension} to the empty string, which makes the loader consider the plain
 * build only (measured: with it set, {@code libjnind4jcpu} comes from {@code linux-x86_64/}).
 *
 * <p>The CPU is asked through the JVM, which has already probed it: HotSpot's {@code UseAVX} is 2 or more where
 * AVX2 is there (every operating system); on another JVM, Linux's {@code /proc/cpuinfo}. {@value #PROPERTY} =
 * {@code plain} asks for the plain build outright, {@code auto} (default) decides.
 */
public final class Natives {
    /** System property: {@code plain} loads the plain native build; {@code auto} (default) decides by the CPU. */
    public static final String PROPERTY = "transferlab.natives";
    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    /** The optimised builds ND4J 1.0.0-M2.1 publishes, best first (JavaCPP's own preference). */
    static final List<String> OPTIMISED = List.of("-onednn-avx512", "-onednn-avx2", "-onednn", "-avx512", "-avx2");

    private static volatile boolean chosen;
    private static volatile String notice;

    private Natives() {
    }

    /**
     * What {@link #choose()} does: whether to keep JavaCPP to the plain build, and the sentence for the backend
     * line ("" when nothing needs saying).
     */
    record Choice(boolean plainOnly, String why) {
    }

    /**
     * The choice, as a pure function. {@code platform} is JavaCPP's name ({@code linux-x86_64}); {@code avx2} is
     * whether the CPU has AVX2 (null: unknown, then the optimised build is tried as JavaCPP would);
     * {@code present} are the native builds on the class path ({@code ""} for the plain one, else the extension).
     */
    static Choice decide(String platform, Boolean avx2, String requested, List<String> present) {
        boolean plainThere = present.contains("");
        String best = present.stream().filter(e -> !e.isEmpty()).findFirst().orElse(null);
        if ("plain".equalsIgnoreCase(requested == null ? "" : requested.trim())) {
            return plainThere ? new Choice(true, PROPERTY + "=plain asks for the plain build")
                    : new Choice(false, PROPERTY + "=plain asks for the plain build, but only " + platform + best
                    + " is installed");
        }
        if (best == null || !(best.contains("avx2") || best.contains("avx512")) || !platform.endsWith("x86_64")) {
            return new Choice(false, "");
        }
        if (avx2 == null || avx2) {
            return new Choice(false, "");
        }
        if (plainThere) {
            return new Choice(true, "this CPU has no AVX2, so the plain build instead of " + platform + best);
        }
        return new Choice(false, "this CPU has no AVX2 and only the " + platform + best + " natives are installed, "
                + "which need it: install the all-platforms bundle or build with ND4J's plain " + platform
                + " natives");
    }

    /** Decides the native build before ND4J loads (once); the first thing {@link Backend#select()} does. */
    public static synchronized void choose() {
        if (chosen) {
            return;
        }
        chosen = true;
        if (System.getProperty(JAVACPP_EXTENSION) != null) {
            notice = "";
            return; // the user named a build for JavaCPP: theirs
        }
        String platform = platform();
        Choice c = decide(platform, cpuHasAvx2(), System.getProperty(PROPERTY, "auto"), present(platform));
        if (c.plainOnly()) {
            System.setProperty(JAVACPP_EXTENSION, "");
        }
        notice = c.why();
        if (!c.plainOnly() && !c.why().isEmpty()) {
            System.err.println("TransferLab: " + c.why() + ".");
        }
    }

    /** Why the natives are the ones they are, in words ("" when the preferred build loaded as usual). */
    public static String notice() {
        choose();
        return notice;
    }

    /** JavaCPP's name for this platform, e.g. {@code linux-x86_64}, {@code macosx-arm64}. */
    public static String platform() {
        return org.bytedeco.javacpp.Loader.Detector.getPlatform();
    }

    /** The native builds of ND4J for {@code platform} on the class path, best first; {@code ""} is the plain one. */
    static List<String> present(String platform) {
        String lib = System.mapLibraryName("jnind4jcpu");
        ClassLoader cl = Natives.class.getClassLoader();
        List<String> found = new ArrayList<>();
        for (String ext : OPTIMISED) {
            if (cl.getResource(BINDINGS + platform + ext + "/" + lib) != null) {
                found.add(ext);
            }
        }
        if (cl.getResource(BINDINGS + platform + "/" + lib) != null) {
            found.add("");
        }
        return found;
    }

    /**
     * The native build ND4J loaded, e.g. {@code linux-x86_64-onednn-avx2}: the folder its JNI library came from;
     * null before ND4J loaded or when the loader did not say.
     */
    public static String loaded() {
        Map<String, String> libs = org.bytedeco.javacpp.Loader.getLoadedLibraries();
        String path = libs.get("jnind4jcpu");
        if (path == null) {
            path = libs.get("jnind4jcuda");
        }
        if (path == null) {
            return null;
        }
        Path parent = Path.of(path).getParent();
        return parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
    }

    /** Whether the CPU has AVX2; null when neither the JVM nor the system tells, or the CPU is not x86. */
    static Boolean cpuHasAvx2() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean != null) {
                return Integer.parseInt(bean.getVMOption("UseAVX").getValue()) >= 2;
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no jdk.management module: ask the system
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).contains("avx2");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }
}
