package org.transferlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Student code that never ends, exits the JVM, does not compile, throws, returns NaN or the wrong shape: each
 * gets a plain answer, and the test JVM (standing in for the app) keeps running.
 */
class SandboxSafetyTest {
    private static final String HEAD = "import org.nd4j.autodiff.samediff.*;\n\npublic class Solution {\n"
            + "    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, "
            + "SDVariable teacherLogits, double T) {\n";
    private static final String TAIL = "    }\n}\n";

    private static String kd(String body) {
        return HEAD + body + TAIL;
    }

    @Test
    void endlessLoopIsStoppedWithinTheLimit() {
        long t0 = System.nanoTime();
        CheckResult r = Sandbox.check("kd", List.of(kd("        while (true) { Math.sqrt(T); }\n")),
                Duration.ofSeconds(20)).get(0);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(CheckResult.Status.TIMED_OUT, r.status(), r.summary());
        assertTrue(r.summary().contains("20 s"), r.summary());
        assertTrue(secs >= 20 && secs < 35, "stopped after " + secs + " s");
    }

    @Test
    void systemExitIsRefused() {
        CheckResult r = Sandbox.check("kd", List.of(kd("        System.exit(3);\n        return null;\n")),
                Duration.ofSeconds(60)).get(0);
        assertEquals(CheckResult.Status.RUNTIME_ERROR, r.status(), r.summary());
        assertTrue(r.summary().startsWith("Refused: your code tried to end the JVM (System.exit)"), r.summary());
    }

    @Test
    void filesOutsideTheScratchFolderTheNetworkAndProcessesAreRefused(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path home) throws Exception {
        // stands in for the instructor's files: nothing a submission does may change or read them
        java.nio.file.Path victim = home.resolve("grades.txt");
        java.nio.file.Files.writeString(victim, "alice 10\n");
        String path = victim.toString().replace("\\", "\\\\");
        List<String[]> attempts = List.of(
                new String[]{"delete a file", "new java.io.File(\"" + path + "\").delete();"},
                new String[]{"write a file", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + path
                        + "\"), \"hacked\");"},
                new String[]{"write a file", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + home
                        .resolve("new.txt").toString().replace("\\", "\\\\") + "\"), \"x\");"},
                new String[]{"read a file", "System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of(\""
                        + path + "\")));"},
                new String[]{"read a file", "System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of("
                        + "System.getProperty(\"user.home\"), \".bashrc\")));"},
                new String[]{"write a file", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"../escaped-"
                        + home.getFileName() + ".txt\"), \"x\");"},
                new String[]{"open a network connection", "new java.net.Socket(\"127.0.0.1\", 9).close();"},
                new String[]{"start a program", "new ProcessBuilder(\"touch\", \"" + home.resolve("touched")
                        .toString().replace("\\", "\\\\") + "\").start().waitFor();"});
        List<String> sources = attempts.stream().map(a -> kd("        try {\n            " + a[1]
                + "\n        } catch (Exception e) {\n            throw new RuntimeException(e);\n"
                + "        }\n        return null;\n")).toList();
        List<CheckResult> rs = Sandbox.check("kd", sources, Duration.ofSeconds(120));
        for (int i = 0; i < attempts.size(); i++) {
            CheckResult r = rs.get(i);
            assertEquals(CheckResult.Status.RUNTIME_ERROR, r.status(), attempts.get(i)[1] + ": " + r.summary());
            assertTrue(r.summary().startsWith("Refused: your code tried to " + attempts.get(i)[0]),
                    attempts.get(i)[1] + ": " + r.summary());
            assertTrue(r.output().isEmpty(), "nothing was read: " + r.output());
        }
        assertEquals("alice 10\n", java.nio.file.Files.readString(victim), "the file is unchanged");
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "escaped-" + home.getFileName() + ".txt")), "nothing escaped the scratch folder");
        try (var files = java.nio.file.Files.list(home)) {
            assertEquals(List.of(victim), files.toList(), "nothing was created");
        }
        // a submission may use its own scratch folder (the working directory) and still pass
        String scratch = Cards.get("kd").solution().replace("SDVariable teacherProbs =",
                "try {\n            java.nio.file.Files.writeString(java.nio.file.Path.of(\"notes.txt\"), \"T=\" + T);\n"
                + "            System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of(\"notes.txt\")));\n"
                + "        } catch (java.io.IOException e) {\n            throw new RuntimeException(e);\n        }\n"
                + "        SDVariable teacherProbs =");
        assertTrue(scratch.contains("notes.txt"));
        CheckResult own = Sandbox.check("kd", scratch);
        assertEquals(CheckResult.Status.PASSED, own.status(), own.summary());
        assertTrue(own.output().contains("T=4"), own.output());
    }

    @Test
    void compileErrorsRuntimeErrorsNanAndShapesAreReportedPlainly() {
        List<CheckResult> rs = Sandbox.check("kd", List.of(
                kd("        SDVariable x = studentLogits.div(T)\n        return x;\n"),                // line 5: missing ;
                kd("        int[] a = new int[2];\n        a[3] = 1;\n        return null;\n"),       // line 6 throws
                kd("        return studentLogits.mul(0).sum().div(0);\n"),                            // 0/0 = NaN
                kd("        return sd.nn().logSoftmax(studentLogits.div(T)).mul(T * T);\n"),          // [N, K], not a scalar
                kd("        System.out.println(\"hello from the sandbox\");\n        return null;\n"),
                "public class MyLoss { }\n"),
                Duration.ofSeconds(120));

        CheckResult compile = rs.get(0);
        assertEquals(CheckResult.Status.COMPILE_ERROR, compile.status());
        assertEquals(5, compile.diagnostics().get(0).line(), compile.diagnostics().toString());
        assertTrue(compile.diagnostics().get(0).message().contains("';' expected"), compile.diagnostics().toString());

        CheckResult thrown = rs.get(1);
        assertEquals(CheckResult.Status.RUNTIME_ERROR, thrown.status());
        assertTrue(thrown.summary().contains("ArrayIndexOutOfBoundsException") && thrown.summary().contains("line 6"),
                thrown.summary());

        CheckResult nan = rs.get(2);
        assertEquals(CheckResult.Status.FAILED, nan.status());
        assertTrue(nan.summary().contains("NaN"), nan.summary());

        CheckResult shape = rs.get(3);
        assertEquals(CheckResult.Status.FAILED, shape.status());
        assertTrue(shape.summary().contains("shape [6, 10]") && shape.summary().contains("scalar"), shape.summary());

        CheckResult printed = rs.get(4);
        assertEquals("hello from the sandbox", printed.output());
        assertTrue(printed.summary().contains("returned null"), printed.summary());

        CheckResult renamed = rs.get(5);
        assertEquals(CheckResult.Status.COMPILE_ERROR, renamed.status());
        assertTrue(renamed.summary().contains("must be called Solution"), renamed.summary());
    }
}
