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
    void systemExitEndsOnlyTheSandbox() {
        CheckResult r = Sandbox.check("kd", List.of(kd("        System.exit(3);\n        return null;\n")),
                Duration.ofSeconds(60)).get(0);
        assertEquals(CheckResult.Status.CRASHED, r.status(), r.summary());
        assertTrue(r.summary().contains("System.exit"), r.summary());
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
