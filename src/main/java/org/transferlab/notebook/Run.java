package org.transferlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.transferlab.export.Figures;
import org.transferlab.export.RunFigures;
import org.transferlab.io.Json;

/**
 * A part-1 run folder seen from a notebook: its figures, drawn by the app's export from the folder's files
 * ({@link RunFigures}), and its numbers from {@code summary.json}. A run trained by {@link Part1} or any folder
 * the app or the CLI wrote: {@code Run.open(path)}.
 */
public final class Run {
    private final Path dir;

    private Run(Path dir) {
        this.dir = dir;
    }

    /** An existing run folder (one with {@code metrics.csv}). */
    public static Run open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("metrics.csv"))) {
            throw new IllegalArgumentException(dir + " has no metrics.csv: is it a TransferLab run folder?");
        }
        return new Run(dir);
    }

    public static Run open(String dir) {
        return open(Path.of(dir));
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** All of the folder's figures, as the app's export names them (loss-components, accuracy, attention-…). */
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

    /** The loss components per step (cross-entropy, KD, AT, the weighted total). */
    public JFreeChart lossCurve() {
        return chart("loss-components");
    }

    /** Train and test accuracy per epoch. */
    public JFreeChart accuracyCurve() {
        return chart("accuracy");
    }

    /** {@link #lossCurve()} and {@link #accuracyCurve()} side by side, as one image (a cell's value shows it). */
    public BufferedImage curves() {
        return sideBySide(lossCurve(), accuracyCurve());
    }

    /** Charts drawn side by side, 640 × 400 each, as one image (part 2's curves too). */
    static BufferedImage sideBySide(JFreeChart... charts) {
        int w = 640;
        int h = 400;
        BufferedImage image = new BufferedImage(charts.length * w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        for (int i = 0; i < charts.length; i++) {
            charts[i].draw(g, new Rectangle2D.Double(i * w, 0, w, h));
        }
        g.dispose();
        return image;
    }

    /**
     * The teacher's and the student's attention maps at {@code group<pair>} (1, 2 or 3) for the first test
     * image, at the run's last snapshot, as the AT loss compares them.
     */
    public Figures.Drawing attention(int pair) {
        return figure("attention-group" + pair);
    }

    /** The teacher's and the student's softened class probabilities for the first test image, at the run's T. */
    public JFreeChart temperature() {
        return chart("temperature");
    }

    /** The test accuracy at the end ({@code summary.json}); NaN if the run has not ended. */
    public double testAccuracy() {
        return summary().path("test_accuracy").asDouble(Double.NaN);
    }

    /**
     * Every test accuracy the run ended with ({@code summary.json}), by name, in the order the run records them:
     * {@code test accuracy} for a run of one network; one per task for a run of two tasks (part 2, MultiMNIST),
     * named by the task; for part 2's A2, one per structure and task, from {@code structures.csv}; for the
     * dark-knowledge chapter, one per network. Empty when the run has not ended.
     */
    public java.util.LinkedHashMap<String, Double> testAccuracies() {
        java.util.LinkedHashMap<String, Double> out = new java.util.LinkedHashMap<>();
        JsonNode s = summary();
        JsonNode acc = s.path("test_accuracy");
        if (acc.isObject()) { // one per network (dark knowledge)
            acc.fields().forEachRemaining(e -> out.put("test accuracy " + e.getKey(), e.getValue().asDouble(Double.NaN)));
        } else if (acc.isNumber()) {
            out.put("test accuracy", acc.asDouble());
        }
        Path structures = dir.resolve("structures.csv");
        if (Files.isRegularFile(structures)) { // part 2's A2: every structure it trained, not only the last
            try {
                List<String> lines = Files.readAllLines(structures);
                List<String> header = org.transferlab.io.Csv.parse(lines.get(0));
                List<String> tasks = taskNames(s, 2);
                for (String line : lines.subList(1, lines.size())) {
                    List<String> f = org.transferlab.io.Csv.parse(line);
                    String shared = f.get(header.indexOf("shared_blocks"));
                    String structure = "structure " + f.get(header.indexOf("index")) + " (" + shared + " shared block"
                            + (shared.equals("1") ? "" : "s") + ", BN "
                            + f.get(header.indexOf("bn")).replace('_', ' ') + ")";
                    for (int t = 0; t < tasks.size(); t++) {
                        out.put(structure + " " + tasks.get(t),
                                Double.parseDouble(f.get(header.indexOf("test_acc" + (t + 1)))));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
        JsonNode tasks = s.path("task_accuracy");
        if (tasks.isArray()) {
            List<String> names = taskNames(s, tasks.size());
            for (int t = 0; t < tasks.size(); t++) {
                out.put("test accuracy " + names.get(t), tasks.get(t).asDouble(Double.NaN));
            }
        }
        return out;
    }

    /** The tasks' names: the summary's, else the settings', else task 1, task 2. */
    private List<String> taskNames(JsonNode summary, int n) {
        JsonNode names = summary.path("tasks").isArray() ? summary.path("tasks") : config().path("tasks");
        List<String> out = new java.util.ArrayList<>();
        for (int t = 0; t < n; t++) {
            out.add(names.isArray() && names.size() == n ? names.get(t).asText() : "task " + (t + 1));
        }
        return out;
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

    @Override
    public String toString() {
        JsonNode s = summary();
        return String.format(Locale.ROOT, "%s: %s, %d/%d epochs, test accuracy %.4f", dir.getFileName(),
                s.path("status").asText("running"), s.path("epochs_completed").asInt(), s.path("epochs").asInt(),
                testAccuracy());
    }
}
