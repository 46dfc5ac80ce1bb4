package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which native build ND4J loads, and the backend line that says so. */
class NativesTest {

    @Test
    void anX86CpuWithoutAvx2GetsThePlainBuildAndTheLineSaysWhy() {
        List<String> both = List.of("-onednn-avx2", "");
        Natives.Choice c = Natives.decide("linux-x86_64", false, "auto", both);
        assertTrue(c.plainOnly());
        assertEquals("this CPU has no AVX2, so the plain build instead of linux-x86_64-onednn-avx2", c.why());
        Natives.Choice w = Natives.decide("windows-x86_64", false, "auto", both);
        assertTrue(w.plainOnly());
        assertTrue(w.why().endsWith("instead of windows-x86_64-onednn-avx2"), w.why());
    }

    @Test
    void withAvx2OrOnOtherCpusTheOptimisedBuildStays() {
        List<String> both = List.of("-onednn-avx2", "");
        assertEquals(new Natives.Choice(false, ""), Natives.decide("linux-x86_64", true, "auto", both));
        assertEquals(new Natives.Choice(false, ""), Natives.decide("linux-x86_64", null, "auto", both),
                "unknown: as JavaCPP would");
        // builds that need no AVX2, and ARM
        assertEquals(new Natives.Choice(false, ""), Natives.decide("macosx-x86_64", false, "auto",
                List.of("-onednn", "")));
        assertEquals(new Natives.Choice(false, ""), Natives.decide("macosx-arm64", null, "auto", List.of("")));
        assertEquals(new Natives.Choice(false, ""), Natives.decide("linux-arm64", null, "auto", List.of("")));
    }

    @Test
    void plainCanBeAskedForAndAMissingPlainBuildIsNamed() {
        Natives.Choice asked = Natives.decide("linux-x86_64", true, "plain", List.of("-onednn-avx2", ""));
        assertTrue(asked.plainOnly());
        assertEquals("transferlab.natives=plain asks for the plain build", asked.why());
        Natives.Choice missing = Natives.decide("linux-x86_64", false, "auto", List.of("-onednn-avx2"));
        assertFalse(missing.plainOnly());
        assertTrue(missing.why().startsWith("this CPU has no AVX2 and only the linux-x86_64-onednn-avx2 natives are "
                + "installed"), missing.why());
    }

    @Test
    void thisBuildHasThePlainNativesOfItsPlatformAndTheLineNamesWhatLoaded() {
        String platform = Natives.platform();
        assertTrue(Natives.present(platform).contains(""), "ND4J's POM brings the plain " + platform + " build: "
                + Natives.present(platform));
        String line = Backend.describe();
        String loaded = Natives.loaded();
        assertNotNull(loaded, "the loader names the JNI library's folder");
        assertTrue(loaded.startsWith(platform), loaded);
        assertTrue(line.contains("; natives " + loaded), line);
    }

    @Test
    void theCpuQuestionIsAnsweredOnX86() throws Exception {
        String arch = System.getProperty("os.arch");
        Boolean avx2 = Natives.cpuHasAvx2();
        if (!(arch.equals("amd64") || arch.equals("x86_64"))) {
            assertEquals(null, avx2);
            return;
        }
        assertNotNull(avx2, "HotSpot's UseAVX answers on x86");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) { // Linux: the JVM and the kernel agree
            boolean flag = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> List.of(l.split("\\s+")).contains("avx2")).orElse(false);
            assertEquals(flag, avx2);
        }
    }

    /**
     * The path a CPU without AVX2 takes, for real: a child JVM told to use the plain build trains from the command
     * line, and its backend line names the plain natives and why.
     */
    @Test
    void aChildAskedForThePlainBuildTrainsWithIt(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(org.transferlab.io.Platforms.javaExecutable(), "-Xmx1g",
                "-Dtransferlab.natives=plain", "-cp", System.getProperty("java.class.path"), "org.transferlab.Main",
                "train", "--exercise", "q1", "--data", "embedded", "--train-size", "256", "--epochs", "1", "--batch",
                "64", "--out", dir.resolve("plain").toString()));
        Path log = dir.resolve("plain.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        String platform = Natives.platform();
        assertTrue(out.contains("; natives " + platform + ": transferlab.natives=plain asks for the plain build)"),
                out);
        assertTrue(Files.isRegularFile(dir.resolve("plain").resolve("summary.json")), out);
    }
}
