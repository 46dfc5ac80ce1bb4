package org.transferlab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.data.DataKind;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingRun;
import org.transferlab.io.Json;

/** A real (short) A1 run exported as a notebook: valid nbformat 4, images that decode, code that is the source. */
class NotebookTest {
    @TempDir
    Path dir;

    @Test
    void aRunBecomesAValidNotebookAndAnHtmlPage() throws Exception {
        Path run = dir.resolve("a1-run");
        Files.createDirectories(run);
        TrainingConfig c = TrainingConfig.builder().exercise(Exercise.A1).data(DataKind.EMBEDDED).trainSize(256)
                .epochs(2).batchSize(64).build();
        RunResult r = new TrainingRun(c).outputDir(run).addListener(new RunRecorder(run)).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        assertTrue(Files.exists(run.resolve(RunRecorder.SNAPSHOT)), "the last snapshot is kept for figures");

        Notebook nb = Notebook.of(run);
        nb.write(dir, "a1", true, true);
        JsonNode json = Json.MAPPER.readTree(dir.resolve("a1.ipynb").toFile());
        assertEquals(4, json.get("nbformat").asInt());
        assertTrue(json.get("nbformat_minor").asInt() >= 0);
        assertTrue(json.get("metadata").isObject());
        int images = 0;
        int code = 0;
        java.util.List<String> codeCells = new java.util.ArrayList<>();
        for (JsonNode cell : json.get("cells")) {
            String type = cell.get("cell_type").asText();
            assertTrue(type.equals("markdown") || type.equals("code"), type);
            assertTrue(cell.get("source").isArray() && cell.get("metadata").isObject());
            assertTrue(cell.get("id").asText().matches("[a-zA-Z0-9-_]{1,64}"));
            StringBuilder src = new StringBuilder();
            cell.get("source").forEach(l -> src.append(l.asText()));
            String text = src.toString();
            if (type.equals("code")) {
                assertTrue(cell.has("execution_count") && cell.get("outputs").isArray());
                codeCells.add(text);
            } else if (text.startsWith(Notebook.SOURCE_LISTING)) {
                // the source listings are the project's files, verbatim, as Markdown (their package line would
                // not compile in a cell, and Run All leaves Markdown be)
                int at = Notebook.SOURCE_LISTING.length();
                String file = text.substring(at, text.indexOf('`', at));
                String body = text.substring(text.indexOf("```java\n") + 8, text.lastIndexOf("\n```"));
                assertEquals(Files.readString(Path.of("src/main/java", file)).stripTrailing(), body, file);
                code++;
            }
            // the figures are Markdown cells' attachments: running the notebook never clears them
            for (JsonNode att : cell.path("attachments")) {
                assertEquals("markdown", type);
                String png = att.path("image/png").asText();
                assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png))), "image decodes");
                images++;
            }
        }
        assertEquals(4, code, "the sources the registry names for A1: KD (with its Softmax), AT, and CE");
        var card = org.transferlab.exercises.Cards.get("kd-at");
        assertTrue(codeCells.contains(card.skeleton()), "the exercise cell is the app's skeleton, verbatim");
        assertTrue(codeCells.contains(card.solution()), "and its solution");
        assertTrue(images >= 6, "loss, accuracy, 3 attention pairs, temperature: " + images);
        String all = json.toString();
        assertTrue(all.contains("A1 · KD and AT together") && all.contains("$$"), "the lesson with its formulas");
        String html = Files.readString(dir.resolve("a1.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("</html>"));
        assertEquals(images + 2 /* lesson and exercise formulas */, html.split("data:image/png;base64,").length - 1);
        assertTrue(!html.contains("http://") && !html.contains("https://"), "self-contained: no external links");
    }
}
