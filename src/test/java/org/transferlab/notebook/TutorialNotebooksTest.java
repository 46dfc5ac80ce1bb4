package org.transferlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.kernel.JupyterCheck;
import org.transferlab.kernel.KernelSpec;

/**
 * The tutorial's notebooks executed for real: the TransferLab kernel installed into a temporary prefix (with this
 * build's class path and a temporary home for the runs), then {@code jupyter nbconvert --to notebook --execute}
 * on each solutions notebook, which fails on any cell error; the executed notebook must hold its inline figures
 * and the exercise checks' answers. Jupyter comes from Debian ({@code .ci/run} installs jupyter-nbconvert and
 * python3-jupyter-client when they are missing); where it is absent the test is skipped, except on CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TutorialNotebooksTest {
    private Path prefix;
    private Path work;

    @BeforeAll
    void installKernel(@TempDir Path dir) throws Exception {
        if (JupyterCheck.jupyterVersion().isEmpty() || !nbconvertWorks()) {
            if (System.getenv("CI") != null) {
                fail(JupyterCheck.JUPYTER_MISSING + " (.ci/run installs Debian's jupyter-nbconvert and "
                        + "python3-jupyter-client before the tests)");
            }
            Assumptions.abort(JupyterCheck.JUPYTER_MISSING);
        }
        prefix = dir.resolve("prefix");
        work = dir.resolve("work");
        Files.createDirectories(work);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String before = System.getProperty("transferlab.home");
        System.setProperty("transferlab.home", dir.resolve("home").toString());
        try {
            KernelSpec.install(KernelSpec.underPrefix(prefix), KernelSpec.argv(classPath));
        } finally {
            if (before == null) {
                System.clearProperty("transferlab.home");
            } else {
                System.setProperty("transferlab.home", before);
            }
        }
        assertEquals(List.of(), JupyterCheck.problems(KernelSpec.underPrefix(prefix)));
    }

    private static boolean nbconvertWorks() throws Exception {
        Process p = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void part1SolutionsRunsWithFiguresAndTheKdChecksAnswers() throws Exception {
        JsonNode nb = execute("part1-solutions.ipynb");
        assertTrue(images(nb) >= 5, "curves for Q1, Q2, Q3, A1 and the attention maps: " + images(nb));
        String text = texts(nb);
        assertTrue(text.contains("✔ All 4 checks pass"), "the student's KD passes the Q2 card's checks");
        assertTrue(text.contains("Mistake: summed over the batch instead of averaged"), "the wrong KD is named");
        assertTrue(text.contains("Hint: "), "and its hint shown");
    }

    @Test
    void part2SolutionsRunsWithFiguresAndItsChecksAnswers() throws Exception {
        JsonNode nb = execute("part2-solutions.ipynb");
        assertTrue(images(nb) >= 4, "curves of Q1, Q2, the weighting and A2's structures: " + images(nb));
        String text = texts(nb);
        assertTrue(text.contains("✔ All"), "the student's part-2 methods pass their cards' checks");
        assertTrue(text.contains("Mistake: "), "the deliberately wrong weighting is named");
        assertTrue(text.contains("Hint: "), "and its hint shown");
    }

    @Test
    void helloNotebookRuns() throws Exception {
        JsonNode nb = execute("hello-transferlab.ipynb");
        assertTrue(images(nb) >= 1, "a chart inline");
    }

    /** Executes notebooks/NAME into the work folder; fails with Jupyter's own message on a cell error. */
    private JsonNode execute(String name) throws Exception {
        Path source = Path.of("notebooks", name);
        assertTrue(Files.isRegularFile(source), source + " exists");
        List<String> command = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=1200", "--ExecutePreprocessor.startup_timeout=180",
                "--output-dir", work.toString(), "--output", name, source.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", prefix.resolve("share").resolve("jupyter").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
        Path log = work.resolve(name + ".log");
        pb.redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(name + " did not finish in 30 minutes; nbconvert said:\n" + Files.readString(log));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String said = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%s executed in %.0f s%n", name, seconds);
        assertEquals(0, p.exitValue(), () -> name + " failed to execute:\n" + said);
        JsonNode nb = new ObjectMapper().readTree(work.resolve(name).toFile());
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("error")) {
                    fail(name + ": a cell ended in an error: " + out.path("evalue").asText() + "\n"
                            + String.join("", new ObjectMapper().convertValue(cell.path("source"), List.class)));
                }
            }
        }
        return nb;
    }

    static int images(JsonNode nb) {
        int n = 0;
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                n += out.path("data").has("image/png") ? 1 : 0;
            }
        }
        return n;
    }

    static String texts(JsonNode nb) {
        StringBuilder b = new StringBuilder();
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                append(b, out.path("text"));
                append(b, out.path("data").path("text/plain"));
            }
        }
        return b.toString();
    }

    private static void append(StringBuilder b, JsonNode text) {
        if (text.isArray()) {
            text.forEach(t -> b.append(t.asText()));
        } else if (text.isTextual()) {
            b.append(text.asText());
        }
        b.append('\n');
    }
}
