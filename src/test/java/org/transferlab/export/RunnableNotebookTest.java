package org.transferlab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.data.DataKind;
import org.transferlab.engine.CpuThreads;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingRun;
import org.transferlab.io.Json;

/**
 * An exported run's notebook is runnable: a short real KD run is exported, and the notebook's code cells that are
 * not the record (not tagged {@code skip-execution}) are run in order, verbatim, by JShell in a JVM of its own with
 * the project's class path, as the TransferLab kernel runs them. The re-run they train must end with the recorded
 * test accuracy, and the last cell must say so (it throws otherwise). The original run is trained with one CPU
 * thread, so on a machine with more cores the re-run's pinning to the recorded thread count is what makes it equal.
 */
class RunnableNotebookTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void anExportedRunsNotebookTrainsTheSameRunAgain() throws Exception {
        Path run = dir.resolve("q2-run");
        Files.createDirectories(run);
        TrainingConfig c = TrainingConfig.builder().exercise(Exercise.Q2).data(DataKind.EMBEDDED).trainSize(128)
                .epochs(2).batchSize(64).build();
        RunResult[] r = new RunResult[1];
        CpuThreads.with(1, () -> r[0] = new TrainingRun(c).outputDir(run).addListener(new RunRecorder(run)).run());
        assertEquals(RunResult.Status.COMPLETED, r[0].status(), r[0].message());
        JsonNode config = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertEquals(1, CpuThreads.recorded(config.path("backend").asText()), config.path("backend").asText());
        double recorded = Json.MAPPER.readTree(run.resolve("summary.json").toFile()).path("test_accuracy").asDouble();

        Notebook.of(run).write(dir, "q2", true, true);
        JsonNode nb = Json.MAPPER.readTree(dir.resolve("q2.ipynb").toFile());
        List<String> program = new ArrayList<>(); // the re-run section's cells
        List<String> all = new ArrayList<>(); // every code cell: what Jupyter's Run All runs
        int record = 0;
        int figures = 0;
        for (JsonNode cell : nb.get("cells")) {
            figures += cell.path("attachments").size();
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            StringBuilder src = new StringBuilder();
            cell.get("source").forEach(l -> src.append(l.asText()));
            all.add(src.toString());
            boolean skipped = false;
            for (JsonNode tag : cell.path("metadata").path("tags")) {
                skipped |= tag.asText().equals("skip-execution");
            }
            if (skipped) {
                record++;
            } else {
                program.add(src.toString());
            }
        }
        assertEquals(2, record, "the exercise's skeleton and solution stay out of nbconvert's run");
        assertTrue(figures >= 5, "the recorded figures are Markdown attachments: " + figures);
        assertEquals(3, program.size(), "the settings, the re-run and the check: " + program);
        assertTrue(program.get(0).contains("\"seed\" : 0") && program.get(0).contains("\"train_size\" : 128")
                && program.get(0).contains("\"kd\""), program.get(0));
        assertTrue(program.get(2).contains("recorded.put(\"test accuracy\", " + recorded + ")"), program.get(2));
        String html = Files.readString(dir.resolve("q2.html"));
        assertTrue(html.contains("Train this run again") && html.contains("Runs.again(settings)"));

        Path home = dir.resolve("home");
        String cp = System.getProperty("java.class.path");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String again;
        try (JShell js = JShell.builder().out(print).err(print).in(java.io.InputStream.nullInputStream())
                .compilerOptions("--class-path", cp)
                .remoteVMOptions("--class-path", cp, "-Djava.awt.headless=true", "-Dtransferlab.home=" + home, "-Xmx1g")
                .build()) {
            for (String cell : all) { // Run All: the exercise's cells compile too
                run(js, cell, out);
            }
            again = value(js, "rerun.testAccuracy()", out);
            // the check fails the cell when the accuracies differ: the same cell against another recorded value
            String other = program.get(2).replace("recorded.put(\"test accuracy\", " + recorded + ")",
                    "recorded.put(\"test accuracy\", " + (recorded + 0.01) + ")");
            List<SnippetEvent> thrown = new ArrayList<>();
            SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
            for (String rest = other; !rest.isBlank(); ) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                rest = info.remaining();
                js.eval(info.source()).stream().filter(e -> e.exception() != null).forEach(thrown::add);
            }
            assertEquals(1, thrown.size(), "the changed check throws once");
            jdk.jshell.EvalException ex = (jdk.jshell.EvalException) thrown.get(0).exception();
            assertEquals("java.lang.AssertionError", ex.getExceptionClassName());
            assertTrue(ex.getMessage().contains("differs from the recorded one"), ex.getMessage());
            String backend = value(js, "rerun.config().path(\"backend\").asText()", out);
            assertEquals(1, CpuThreads.recorded(backend.replace("\"", "")), "the re-run used the recorded thread count: "
                    + backend);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(recorded, Double.parseDouble(again), Notebook.RERUN_TOLERANCE, printed);
        assertTrue(printed.contains("the re-run ends with the recorded test accuracy"), printed);
        assertTrue(printed.contains("test accuracy  recorded " + String.format(java.util.Locale.ROOT, "%.4f", recorded)),
                printed);
        try (Stream<Path> runs = Files.list(home.resolve("runs"))) {
            List<Path> folders = runs.toList();
            assertEquals(1, folders.size(), folders.toString());
            assertTrue(folders.get(0).getFileName().toString().endsWith("-again"), folders.toString());
        }
    }

    /** Evaluates a cell snippet by snippet, as the kernel does; fails with the cell's error. */
    private static String run(JShell js, String cell, ByteArrayOutputStream out) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String rest = cell;
        String value = null;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String source = info.completeness().isComplete() ? info.source() : rest;
            rest = info.completeness().isComplete() ? info.remaining() : "";
            for (SnippetEvent e : js.eval(source)) {
                if (e.causeSnippet() != null) {
                    continue;
                }
                if (e.status() == Snippet.Status.REJECTED) {
                    fail("the cell does not compile: " + js.diagnostics(e.snippet()).filter(Diag::isError)
                            .map(d -> d.getMessage(null)).collect(Collectors.joining("; ")) + "\n" + source);
                }
                if (e.exception() != null) {
                    fail("the cell threw " + e.exception() + "\n" + out.toString(StandardCharsets.UTF_8));
                }
                value = e.value();
            }
        }
        return value;
    }

    private static String value(JShell js, String expression, ByteArrayOutputStream out) {
        return run(js, expression, out);
    }
}
