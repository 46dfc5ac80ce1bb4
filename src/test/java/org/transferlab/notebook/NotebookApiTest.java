package org.transferlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.exercises.Cards;
import org.transferlab.io.Json;

/**
 * The notebook API over the real engine and checker: a 1-epoch Q2 run lands as a normal run folder under the
 * runs root given (the app's Compare runs reads such folders) and reads back with the numbers it was trained
 * to; {@code Exercises.check("q2", …)} answers as the card does: a known mistake by name and hint, and a
 * method-only submission (the class added around it) passes.
 */
class NotebookApiTest {

    @Test
    void q2TrainsANormalRunFolder(@TempDir Path root) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Run run = Part1.q2().temperature(4).alpha(0.5).epochs(1).trainSize(256).seed(3).runsRoot(root)
                .progressTo(new PrintStream(printed, true, StandardCharsets.UTF_8)).train();
        Path dir = run.dir();
        assertEquals(root, dir.getParent());
        for (String f : List.of("config.json", "metrics.csv", "summary.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " in " + dir);
        }
        var summary = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("completed", summary.path("status").asText());
        double acc = summary.path("test_accuracy").asDouble();
        assertTrue(acc > 0.1 && acc <= 1, "test accuracy " + acc);
        assertEquals(acc, run.testAccuracy());
        assertEquals(acc, Run.open(dir).testAccuracy());
        var config = Json.MAPPER.readTree(dir.resolve("config.json").toFile());
        assertTrue(config.toString().contains("kd"), config.toString());
        assertEquals(3, config.path("seed").asLong(), config.toString());
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 1/1") && out.contains("test acc") && out.contains("run folder: " + dir), out);
        assertTrue(run.curves().getWidth() > 0);
        assertNotNull(run.temperature());
        assertTrue(run.toString().contains("completed"), run.toString());

        // settings no chapter accepts: a clear refusal, and no empty "-again" folder left behind
        String impossible = Files.readString(dir.resolve("config.json")).replaceFirst("\"epochs\" : 1", "\"epochs\" : -3");
        assertTrue(impossible.contains("\"epochs\" : -3"), impossible);
        Path againRoot = root.resolve("again");
        Files.createDirectories(againRoot);
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Runs.again(impossible, againRoot));
        assertTrue(refused.getMessage().toLowerCase().contains("epoch"), refused.getMessage());
        try (var left = Files.list(againRoot)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void checkNamesTheMistakeAndPassesAMethodAlone() {
        Exercises.Answer wrong = Exercises.check("q2", Cards.mistakeExample("kd", "missing-t2"));
        assertFalse(wrong.passed());
        assertEquals("missing-t2", wrong.mistake().id());
        assertTrue(wrong.toString().contains("Hint: " + Cards.get("kd").mistake("missing-t2").hint()), wrong.toString());

        String solution = Cards.get("kd").solution();
        String method = solution.substring(solution.indexOf('{', solution.indexOf("class Solution")) + 1,
                solution.lastIndexOf('}'));
        Exercises.Answer right = Exercises.check("q2", method);
        assertTrue(right.passed(), right.toString());
        assertTrue(right.toString().startsWith("✔ "), right.toString());
    }

    @Test
    void aCardIsDescribedAsMarkdownWithItsFormulaTypesetAndAsPlainText() {
        var card = Cards.get("kd");
        var md = Exercises.describe("q2");
        assertTrue(md.markdown().contains("$$" + card.formula() + "$$"), md.markdown());
        assertTrue(md.markdown().startsWith("**" + card.title() + "**"), md.markdown());
        assertTrue(md.markdown().contains("- " + card.inputs().get(0)), md.markdown());
        assertTrue(md.toString().contains("Formula: " + card.formula()), md.toString());
        String rich = org.transferlab.kernel.Display.encode(md);
        assertTrue(rich.startsWith("text/markdown:") && rich.contains(" text/plain:"), rich);
        String shown = new String(java.util.Base64.getDecoder().decode(rich.substring("text/markdown:".length(),
                rich.indexOf(' '))), StandardCharsets.UTF_8);
        assertEquals(md.markdown(), shown);
    }
}
