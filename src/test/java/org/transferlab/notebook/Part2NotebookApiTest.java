package org.transferlab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.export.Figures;
import org.transferlab.export.RunFigures;
import org.transferlab.exercises.Cards;
import org.transferlab.io.Csv;
import org.transferlab.io.Json;

/**
 * Part 2 through the notebook API over the real engine: a short Q2 run with uncertainty weighting lands as a
 * normal part-2 run folder under the runs root given, its losses fall and its tasks beat chance (10 %) by a
 * clear margin, its learned weights move off 1, and every figure the app's export draws for it renders; the
 * part-2 cards answer {@code Exercises.check} as in the app.
 */
class Part2NotebookApiTest {

    @Test
    void q2WithUncertaintyTrainsATwoTaskRunFolder(@TempDir Path root) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Part2Run run = Part2.q2().weighting("uncertainty").epochs(2).trainSize(320).batchSize(16).learningRate(1e-2)
                .seed(1).runsRoot(root).progressTo(new PrintStream(printed, true, StandardCharsets.UTF_8)).train();
        Path dir = run.dir();
        assertEquals(root, dir.getParent());
        assertTrue(dir.getFileName().toString().endsWith("-mtl-q2-seed1"), dir.toString());
        for (String f : List.of("config.json", "metrics.csv", "summary.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " in " + dir);
        }
        var config = Json.MAPPER.readTree(dir.resolve("config.json").toFile());
        assertEquals("mtl-q2", config.path("exercise").asText());
        assertEquals("uncertainty", config.path("weighting").asText());
        assertEquals(320, config.path("train_size").asInt());
        assertEquals(16, config.path("batch").asInt());
        assertEquals(1, config.path("seed").asLong());
        var summary = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("completed", summary.path("status").asText(), summary.toString());
        assertEquals("completed", run.status());
        double[] acc = run.testAccuracy();
        assertArrayEquals(new double[]{summary.path("task_accuracy").get(0).asDouble(),
                summary.path("task_accuracy").get(1).asDouble()}, acc);
        assertEquals(acc[1], run.testAccuracy(2));
        // chance is 0.10 on each task: together they must clearly beat it
        assertTrue(acc[1] > 0.3, "Fashion-MNIST test accuracy " + acc[1]);
        assertTrue((acc[0] + acc[1]) / 2 > 0.25, "mean test accuracy " + (acc[0] + acc[1]) / 2);

        // the losses fall: the mean of the first 4 steps against the last 4, per task
        List<double[]> steps = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        List<String> header = Csv.parse(lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = Csv.parse(l);
            if (f.get(0).equals("step")) {
                steps.add(new double[]{Double.parseDouble(f.get(header.indexOf("loss1"))),
                        Double.parseDouble(f.get(header.indexOf("loss2"))),
                        Double.parseDouble(f.get(header.indexOf("weight1")))});
            }
        }
        assertEquals(2 * 20, steps.size());
        for (int t = 0; t < 2; t++) {
            double first = 0;
            double last = 0;
            for (int i = 0; i < 4; i++) {
                first += steps.get(i)[t] / 4;
                last += steps.get(steps.size() - 1 - i)[t] / 4;
            }
            assertTrue(last < first - 0.1, "task " + (t + 1) + " loss " + first + " → " + last);
        }
        double[] w = run.finalWeights();
        assertEquals(2, w.length);
        assertTrue(Math.abs(w[0] - 1) > 1e-3 && Math.abs(w[1] - 1) > 1e-3, "uncertainty weights " + w[0] + ", " + w[1]);

        List<String> names = run.figures().stream().map(RunFigures.Figure::name).toList();
        assertTrue(names.containsAll(List.of("task-losses", "task-weights", "task-accuracy", "gradient-conflict")),
                names.toString());
        for (RunFigures.Figure f : run.figures()) {
            byte[] png = Figures.png(f.drawing(), 1);
            assertTrue(png.length > 1000, f.name() + ": " + png.length + " bytes");
        }
        assertEquals(2, run.lossCurve().getXYPlot().getDataset().getSeriesCount());
        assertEquals(2, run.accuracyCurve().getXYPlot().getDataset().getItemCount(0)); // one point per epoch
        assertEquals(3 * 640, run.curves().getWidth()); // losses, the learned weights, accuracy
        assertEquals(2, run.structures().length);

        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 2/2") && out.contains("test acc") && out.contains("run folder: " + dir), out);
        assertTrue(run.toString().contains("completed"), run.toString());
        assertEquals(dir, Part2Run.open(dir).dir());
        System.out.println(run + "; progress:\n" + out);
    }

    @Test
    void part2CardsAnswerAsInTheApp() {
        Exercises.Answer wrong = Exercises.check("mtl-q2", Cards.mistakeExample("mtl-independent-bn", "bn-shared"));
        assertFalse(wrong.passed());
        assertEquals("bn-shared", wrong.mistake().id());
        assertTrue(wrong.toString().contains("Hint: "), wrong.toString());

        String solution = Cards.get("uncertainty").solution();
        String method = solution.substring(solution.indexOf('{', solution.indexOf("class Solution")) + 1,
                solution.lastIndexOf('}'));
        Exercises.Answer right = Exercises.check("uncertainty", method);
        assertTrue(right.passed(), right.toString());
    }

    @Test
    void settingsAreCheckedBeforeTraining() {
        assertThrows(IllegalStateException.class, () -> Part2.a2().code("class Solution {}"));
        assertThrows(IllegalStateException.class, () -> Part2.a2().weightingCode("class Solution {}"));
        assertThrows(IllegalArgumentException.class, () -> Part2.q1().weighting("nope").config());
        var c = Part2.q1().config();
        assertEquals(1000, c.trainSize()); // the app's and the CLI's defaults
        assertEquals(30, c.epochs());
        assertEquals(128, c.batchSize());
        assertEquals("fixed", c.weighting());
        assertEquals("uncertainty", Part2.q2().weightingCode("x").config().weighting());
    }
}
