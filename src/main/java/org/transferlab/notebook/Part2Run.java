package org.transferlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.transferlab.export.Figures;
import org.transferlab.export.RunFigures;
import org.transferlab.io.Csv;
import org.transferlab.io.Json;

/**
 * A part-2 run folder seen from a notebook: its figures, drawn by the app's export from the folder's files
 * ({@link RunFigures}), and its numbers from {@code summary.json}. Task 1 is MNIST digits, task 2 Fashion-MNIST.
 * For A2 the curves are the last structure's; {@link #structures()} and {@link #structureChart()} compare them all.
 */
public final class Part2Run {
    private final Path dir;

    private Part2Run(Path dir) {
        this.dir = dir;
    }

    /** An existing part-2 run folder, trained here, in the app or by {@code train part2}. */
    public static Part2Run open(Path dir) {
        Path metrics = dir.resolve("metrics.csv");
        try {
            if (!Files.isRegularFile(metrics) || !Files.readAllLines(metrics).get(0).contains("loss1")) {
                throw new IllegalArgumentException(dir + " is not a part-2 run folder (no two-task metrics.csv)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Part2Run(dir);
    }

    public static Part2Run open(String dir) {
        return open(Path.of(dir));
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** All of the folder's figures, as the app's export names them (task-losses, task-weights, task-accuracy, …). */
    public List<RunFigures.Figure> figures() {
        return CellRun.figures(dir);
    }

    /** The figure named {@code name}; the message lists the folder's figures when it has none by that name. */
    public Figures.Drawing figure(String name) {
        return CellRun.figure(dir, name);
    }

    private JFreeChart chart(String name) {
        return CellRun.chart(dir, name);
    }

    /** Each task's cross-entropy per step. */
    public JFreeChart lossCurve() {
        return chart("task-losses");
    }

    /** Each task's test accuracy per epoch. */
    public JFreeChart accuracyCurve() {
        return chart("task-accuracy");
    }

    /** Each task's loss weight w_i per step (flat for fixed weights; learned by uncertainty, GradNorm, …). */
    public JFreeChart weightCurve() {
        return chart("task-weights");
    }

    /** The cosine between the two tasks' gradients on what they share: below 0 they pull apart. */
    public JFreeChart conflictCurve() {
        return chart("gradient-conflict");
    }

    /**
     * {@link #lossCurve()} and {@link #accuracyCurve()} side by side as one image, with {@link #weightCurve()}
     * between them when the weights are not fixed.
     */
    public BufferedImage curves() {
        return weighting().equals("fixed") ? Run.sideBySide(lossCurve(), accuracyCurve())
                : Run.sideBySide(lossCurve(), weightCurve(), accuracyCurve());
    }

    /** A2: each structure's test accuracy per task against its parameter count. */
    public JFreeChart structureChart() {
        return chart("structures");
    }

    /**
     * A2: one row per structure (shared blocks, BN, parameters, test accuracy per task, mean) with a header row,
     * shown as a table; a one-structure run has one row, from its summary.
     */
    public String[][] structures() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"structure", "shared blocks", "BN", "parameters", "task 1 (MNIST)",
                "task 2 (Fashion-MNIST)", "mean", ""});
        Path file = dir.resolve("structures.csv");
        try {
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                for (String l : lines.subList(1, lines.size())) {
                    String[] f = Csv.parse(l).toArray(String[]::new);
                    if (f.length >= 7) {
                        rows.add(new String[]{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f.length > 7 ? f[7] : ""});
                    }
                }
            } else if (summary().has("structure")) {
                double[] a = testAccuracy();
                rows.add(new String[]{summary().path("structure").asText(), "", "", summary().path("parameters")
                        .asText(), num(a[0]), num(a[1]), num((a[0] + a[1]) / 2), ""});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.toArray(String[][]::new);
    }

    /** A2: the structure with the best mean test accuracy; otherwise the run's one structure. */
    public String bestStructure() {
        return summary().path("best_structure").asText(summary().path("structure").asText(""));
    }

    /** The test accuracy per task at the end, task 1 first ({@code summary.json}); NaNs if the run has not ended. */
    public double[] testAccuracy() {
        JsonNode a = summary().path("task_accuracy");
        return a.size() == 2 ? new double[]{a.get(0).asDouble(), a.get(1).asDouble()}
                : new double[]{Double.NaN, Double.NaN};
    }

    /** Task {@code task}'s (1 or 2) test accuracy at the end. */
    public double testAccuracy(int task) {
        if (task < 1 || task > 2) {
            throw new IllegalArgumentException("part 2 has tasks 1 (MNIST) and 2 (Fashion-MNIST), not " + task);
        }
        return testAccuracy()[task - 1];
    }

    /** The loss weights w_i at the end ({@code summary.json}). */
    public double[] finalWeights() {
        JsonNode w = summary().path("final_weights");
        double[] v = new double[w.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = w.get(i).asDouble();
        }
        return v;
    }

    /** Trainable parameters of the (last) structure. */
    public long parameters() {
        return summary().path("parameters").asLong();
    }

    /** The weighting the run used (fixed, uncertainty, …). */
    public String weighting() {
        return config().path("weighting").asText("fixed");
    }

    /** completed, stopped, diverged or failed ({@code summary.json}). */
    public String status() {
        return summary().path("status").asText("running");
    }

    /** {@code summary.json} as read (empty when the run has not ended). */
    public JsonNode summary() {
        Path s = dir.resolve("summary.json");
        try {
            return Files.isRegularFile(s) ? Json.MAPPER.readTree(s.toFile()) : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings the run recorded ({@code config.json}). */
    public JsonNode config() {
        try {
            return Json.MAPPER.readTree(dir.resolve("config.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public String toString() {
        double[] a = testAccuracy();
        return String.format(Locale.ROOT, "%s: %s, %s, %s weighting, test accuracy %.4f (MNIST) / %.4f "
                + "(Fashion-MNIST)", dir.getFileName(), status(), bestStructure(), weighting(), a[0], a[1]);
    }
}
