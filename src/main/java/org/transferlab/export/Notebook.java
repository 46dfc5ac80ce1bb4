package org.transferlab.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;
import org.transferlab.engine.Version;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;
import org.transferlab.lessons.Lessons;

/**
 * A run folder as a Jupyter notebook (nbformat 4) and as a self-contained HTML page with the same content: the
 * exercise's goal and formulas, the run's settings, the Java that computes its loss (the project's own source,
 * packaged with the app, so it cannot drift), the figures as embedded PNG, and the results table.
 */
public final class Notebook {
    /** One piece of content, rendered into both formats. */
    private sealed interface Block permits Heading, Text, Formula, Code, Figure, Table, Program {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Text(String text) implements Block {
    }

    private record Formula(String latex) implements Block {
    }

    /** Source shown as a code cell; {@code file} is its path under src/main/java. */
    private record Code(String file, String source) implements Block {
    }

    private record Figure(String title, byte[] png) implements Block {
    }

    /** A cell meant to run on the TransferLab kernel (the re-run of the run); the other code cells are its record. */
    private record Program(String source) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();
    private final String title;

    private Notebook(String title) {
        this.title = title;
    }

    /** Builds the notebook of a run folder (part 1, part 2, chapter 3 or chapter 4). */
    public static Notebook of(Path runDir) throws IOException {
        return of(runDir, RunFigures.of(runDir));
    }

    /** The notebook of a run folder with these figures (its chapter's, {@code Chapter.figures}). */
    public static Notebook of(Path runDir, List<RunFigures.Figure> figures) throws IOException {
        JsonNode config = Json.MAPPER.readTree(runDir.resolve("config.json").toFile());
        Path summaryFile = runDir.resolve("summary.json");
        JsonNode summary = Files.isRegularFile(summaryFile) ? Json.MAPPER.readTree(summaryFile.toFile()) : null;
        String exercise = config.path("exercise").asText();
        boolean part2 = exercise.startsWith("mtl-");
        Lessons.Card card = (part2 ? Lessons.part2() : Lessons.part1()).get(exercise);
        List<String> methods = new ArrayList<>();
        config.path("methods").forEach(m -> methods.add(m.asText()));
        if (card == null && !methods.isEmpty()) {
            card = Lessons.forMethods(methods);
        }
        if (card == null && !exercise.isEmpty() && Lessons.exists(exercise)) {
            card = Lessons.chapter(exercise).get(exercise);
        }
        Notebook nb = new Notebook(card == null ? exercise : card.title());
        nb.blocks.add(new Heading(1, nb.title));
        nb.blocks.add(new Text("Exported by TransferLab " + Version.get() + " from the run folder `"
                + runDir.getFileName() + "`" + (summary == null ? " (the run has no summary: it did not finish)." : ".")));
        if (card != null) {
            nb.blocks.add(new Text(card.goal()));
            card.formulas().forEach(f -> nb.blocks.add(new Formula(f)));
            nb.blocks.add(new Heading(3, "What to change"));
            nb.blocks.add(new Text(card.change()));
            nb.blocks.add(new Heading(3, "What to look for"));
            nb.blocks.add(new Text(card.watch()));
            nb.blocks.add(new Heading(3, "Question"));
            nb.blocks.add(new Text(card.question()));
        }
        nb.blocks.add(new Heading(2, "Settings of this run"));
        List<List<String>> settings = new ArrayList<>();
        config.fields().forEachRemaining(e -> settings.add(List.of(e.getKey(), e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString())));
        nb.blocks.add(new Table(List.of("setting", "value"), settings));
        nb.blocks.add(new Heading(2, "The loss, as TransferLab computes it"));
        for (String file : sources(exercise, config)) {
            nb.blocks.add(new Code(file, source(file)));
        }
        for (String cardId : exerciseCards(config)) {
            nb.exercise(org.transferlab.exercises.Cards.get(cardId));
        }
        nb.blocks.add(new Heading(2, "Figures"));
        for (RunFigures.Figure f : figures) {
            nb.blocks.add(new Figure(f.title(), Figures.png(f.drawing(), 1)));
        }
        nb.blocks.add(new Heading(2, "Results"));
        if (summary != null) {
            List<List<String>> rows = new ArrayList<>();
            summary.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("structures")) {
                    rows.add(List.of(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                }
            });
            nb.blocks.add(new Table(List.of("result", "value"), rows));
            Path structures = runDir.resolve("structures.csv");
            if (Files.isRegularFile(structures)) {
                List<String> lines = Files.readAllLines(structures);
                List<List<String>> table = new ArrayList<>();
                lines.subList(1, lines.size()).forEach(l -> table.add(List.of(org.transferlab.io.Csv.parse(l).toArray(String[]::new))));
                nb.blocks.add(new Table(List.of(org.transferlab.io.Csv.parse(lines.get(0)).toArray(String[]::new)), table));
            }
        }
        nb.again(runDir, config, summary);
        return nb;
    }

    /**
     * How far a re-run's test accuracy may be from the recorded one. Zero: on the CPU a run's numbers depend only on
     * its settings, its seed and the number of threads ND4J splits its sums over (every shuffle, draw and
     * initialisation is seeded; two runs with the same settings and thread count wrote byte-identical metrics, and
     * 1 thread against 2 differed in metrics.csv from the 14th step on), and the re-run uses the recorded thread count
     * ({@link org.transferlab.engine.CpuThreads}). Another CPU model, where oneDNN may pick other kernels, was not
     * measured: a re-run there that differs at all fails the check and says which backend it had.
     */
    public static final double RERUN_TOLERANCE = 0.0;

    /**
     * The section that trains the run again on the TransferLab kernel: the run's settings (its {@code config.json},
     * verbatim), the training ({@link org.transferlab.notebook.Runs#again}), and a last cell that prints each test
     * accuracy next to the recorded one and throws when they differ by more than {@link #RERUN_TOLERANCE}.
     */
    private void again(Path runDir, JsonNode config, JsonNode summary) throws IOException {
        blocks.add(new Heading(2, "Train this run again"));
        String name = runDir.getFileName().toString();
        var chapter = chapterOf(config);
        if (summary == null || !summary.path("status").asText().equals("completed")) {
            blocks.add(new Text("The run did not complete, so there is no test accuracy to train it again against."));
            return;
        }
        if (name.contains("-your-code")) {
            blocks.add(new Text("This run trained a student's own loss code, which its settings do not hold: train it "
                    + "again from the app's Exercises tab or with `Part1...code(source)` of the notebook API."));
            return;
        }
        if (chapter.isEmpty()) {
            blocks.add(new Text("No chapter of this TransferLab claims the run, so it cannot be trained again here."));
            return;
        }
        java.util.LinkedHashMap<String, Double> recorded = org.transferlab.notebook.Run.open(runDir).testAccuracies();
        if (recorded.isEmpty()) {
            blocks.add(new Text("The run's summary records no test accuracy to compare a re-run with."));
            return;
        }
        String steps = config.has("epochs") ? config.path("epochs").asInt() + " epochs"
                + (summary.has("steps") ? " (" + summary.path("steps").asInt() + " steps)" : "")
                : config.has("steps") ? config.path("steps").asInt() + " steps" : "its";
        int structures = recorded.keySet().stream().anyMatch(k -> k.startsWith("structure ")) ? (int) recorded.keySet()
                .stream().map(k -> k.substring(0, k.indexOf(" (") < 0 ? k.length() : k.indexOf(" ("))).distinct().count() : 1;
        if (structures > 1) {
            steps += " for each of its " + structures + " structures";
        }
        double seconds = summary.path("seconds").asDouble(Double.NaN);
        String backend = config.path("backend").asText(summary.path("backend").asText("?"));
        boolean cpu = backend.startsWith("CPU (");
        String cost = Double.isNaN(seconds) ? "The recorded run's wall time is not known."
                : "The recorded run took " + org.transferlab.chapters.ProgressLine.duration(seconds) + " on " + backend
                + ": expect about as long on a like machine, longer on a slower or busier one (a laptop's CPU, two "
                + "cores shared with other work), plus a few seconds to start.";
        blocks.add(new Text("The cells below train this run again on the TransferLab kernel: the same chapter ("
                + chapter.get().title() + "), the same settings and the same seed, read from the run's `config.json` "
                + "(verbatim in the first cell) by the chapter itself, as `train --resume` reads them. The re-run trains "
                + steps + ", from scratch, into a new folder under the runs root (`~/.transferlab/runs`, or "
                + "`$transferlab.home/runs`) whose name ends in `-again`, with as many CPU threads as the run "
                + "recorded in its backend line (a run's numbers depend on how ND4J splits its sums over threads; "
                + "more threads than this machine's cores give the same numbers, only slower). " + cost));
        blocks.add(new Text((cpu ? "The last cell prints each test accuracy of the re-run next to the one recorded above "
                + "and fails (throws) if any differs by more than " + tolerance() + "."
                : "The run trained on " + backend + ", whose sums are not reproducible bit for bit and which this "
                + "notebook does not pin: the last cell prints each test accuracy of the re-run next to the recorded "
                + "one, but does not fail when they differ.") + " Run the section from its first cell "
                + "down, or the whole notebook (Run ▸ Run All Cells): the run's record above (source listings and "
                + "figures) is Markdown, which running never clears, and the exercise's cells only define its class "
                + "(tagged `skip-execution`, which `jupyter nbconvert --execute` honours)."));
        String json = Files.readString(runDir.resolve("config.json")).strip().replace("\\", "\\\\")
                .replace("\"\"\"", "\\\"\"\"");
        StringBuilder settings = new StringBuilder("// the settings the run recorded: its config.json, verbatim (chapter, "
                + "exercise, seed, epochs, sizes, rates, methods and their settings)\nString settings = \"\"\"\n");
        for (String line : json.split("\n", -1)) {
            settings.append("    ").append(line).append('\n');
        }
        blocks.add(new Program(settings.append("    \"\"\";").toString()));
        blocks.add(new Program("// trains the run again: " + steps + (Double.isNaN(seconds) ? "" : "; the recorded run took "
                + org.transferlab.chapters.ProgressLine.duration(seconds)) + "\n"
                + "var rerun = org.transferlab.notebook.Runs.again(settings);"));
        StringBuilder check = new StringBuilder("// the test accuracy the run recorded (summary.json"
                + (structures > 1 ? " and structures.csv" : "") + "), and how far the re-run's may be from it\n"
                + "var recorded = new java.util.LinkedHashMap<String, Double>();\n");
        recorded.forEach((k, v) -> check.append("recorded.put(\"").append(javaString(k))
                .append("\", ").append(v.isNaN() ? "Double.NaN" : v.toString()).append(");\n"));
        check.append("double tolerance = ").append(RERUN_TOLERANCE).append("; // ").append(tolerance()).append("\n")
                .append("var again = rerun.testAccuracies();\n")
                .append("System.out.println(\"backend: recorded ").append(javaString(backend))
                .append("\\n         re-run   \" + rerun.config().path(\"backend\").asText());\n")
                .append("boolean same = true;\n")
                .append("for (var e : recorded.entrySet()) {\n")
                .append("    double a = again.getOrDefault(e.getKey(), Double.NaN);\n")
                .append("    System.out.printf(java.util.Locale.ROOT, \"%-").append(recorded.keySet().stream()
                        .mapToInt(String::length).max().orElse(13))
                .append("s  recorded %.4f  re-run %.4f  difference %.4f%n\", e.getKey(), e.getValue(), a, "
                        + "Math.abs(a - e.getValue()));\n")
                .append("    same &= Math.abs(a - e.getValue()) <= tolerance;\n")
                .append("}\n")
                .append(cpu ? "if (!same) {\n"
                        + "    throw new AssertionError(\"the re-run's test accuracy differs from the recorded one by more "
                        + "than \" + tolerance);\n"
                        + "}\n"
                        + "System.out.println(\"the re-run ends with the recorded test accuracy\");"
                        : "System.out.println(same ? \"the re-run ends with the recorded test accuracy\"\n"
                        + "        : \"the re-run's test accuracy differs from the recorded one (a GPU run: compared, not "
                        + "checked)\");");
        blocks.add(new Program(check.toString()));
    }

    /** {@code s} as the inside of a Java string literal. */
    private static String javaString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String tolerance() {
        return RERUN_TOLERANCE == 0 ? "0 (on the CPU, the same settings, seed and thread count give the same numbers)"
                : String.valueOf(RERUN_TOLERANCE);
    }

    /**
     * The exercise-mode cards that belong to a run's exercise (and, in part 2, its weighting): their cells in
     * the notebook are the very files the app's exercise tab starts from and checks against.
     */
    public static List<String> exerciseCards(JsonNode config) {
        return chapterOf(config).map(c -> c.exerciseCards(config)).orElse(List.of());
    }

    /** The chapter whose run a config.json describes. */
    private static java.util.Optional<org.transferlab.chapters.Chapter> chapterOf(JsonNode config) {
        return org.transferlab.chapters.Chapters.ofRun(config.path("chapter").asText(""),
                config.path("exercise").asText(""));
    }

    private void exercise(org.transferlab.exercises.Card c) {
        blocks.add(new Heading(2, "Exercise: " + c.title()));
        blocks.add(new Text(c.goal()));
        blocks.add(new Formula(c.formula()));
        blocks.add(new Text("Inputs: " + String.join("; ", c.inputs()) + "."));
        blocks.add(new Text("Fill in the skeleton (Java, SameDiff API). In TransferLab's Exercises tab, Check runs it "
                + "against the reference and names these known mistakes: "
                + String.join("; ", c.mistakes().stream().map(m -> m.title()).toList()) + "."));
        blocks.add(new Code(EXERCISE_CELL + c.id() + "/Skeleton.java", c.skeleton()));
        blocks.add(new Heading(3, "A solution"));
        blocks.add(new Code(EXERCISE_CELL + c.id() + "/Solution.java", c.solution()));
    }

    /** How a source listing's Markdown cell begins: this, then the file under src/main/java and a backquote. */
    static final String SOURCE_LISTING = "Source: `";

    /** Code cells whose file starts with this are exercise cells, written exactly as the card's file. */
    static final String EXERCISE_CELL = "exercises/";

    /** The source files that compute this exercise's loss, paths under src/main/java. */
    static List<String> sources(String exercise, JsonNode config) {
        List<String> files = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        config.path("methods").forEach(m -> methods.add(m.asText()));
        if (!config.has("methods")) { // a run folder written before the method registry
            switch (exercise) {
                case "q2" -> methods.add("kd");
                case "q3" -> methods.add("at");
                case "a1" -> methods.addAll(List.of("kd", "at"));
                default -> {
                }
            }
        }
        for (String m : methods) {
            if (org.transferlab.transfer.TransferMethods.ids().contains(m)) {
                org.transferlab.transfer.TransferMethods.get(m).sources().stream().filter(f -> !files.contains(f))
                        .forEach(files::add);
            }
        }
        files.add(org.transferlab.transfer.TransferMethod.source(org.transferlab.transfer.CrossEntropy.class));
        chapterOf(config).ifPresent(c -> c.notebookSources(config).stream().filter(f -> !files.contains(f))
                .forEach(files::add));
        if (config.has("weighting")) { // a multi-task run: the weighting that combined its losses
            String w = config.path("weighting").asText("fixed");
            files.add(org.transferlab.weightings.Weightings.get(
                    org.transferlab.weightings.Weightings.NAMES.contains(w) ? w : "fixed").source());
        }
        return files;
    }

    /** A source file as packaged with the app (resources under /sources/). */
    public static String source(String file) throws IOException {
        try (InputStream in = Notebook.class.getResourceAsStream("/sources/" + file)) {
            if (in == null) {
                throw new IOException("the source " + file + " is not packaged with this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public String title() {
        return title;
    }

    /** nbformat 4 JSON. */
    public ObjectNode ipynb() {
        ObjectNode nb = Json.MAPPER.createObjectNode();
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        ObjectNode meta = nb.putObject("metadata");
        ObjectNode kernel = meta.putObject("kernelspec");
        kernel.put("name", org.transferlab.kernel.KernelSpec.NAME); // `kernel install` makes it startable
        kernel.put("display_name", org.transferlab.kernel.KernelSpec.DISPLAY_NAME);
        kernel.put("language", "java");
        meta.putObject("language_info").put("name", "java");
        meta.put("title", title);
        ArrayNode cells = nb.putArray("cells");
        int id = 0;
        StringBuilder markdown = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Code || b instanceof Figure || b instanceof Program) {
                id = flush(cells, markdown, id);
            }
            if (b instanceof Heading h) {
                markdown.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Text t) {
                markdown.append(t.text()).append("\n\n");
            } else if (b instanceof Formula f) {
                markdown.append("$$").append(f.latex()).append("$$\n\n");
            } else if (b instanceof Table t) {
                markdown.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
                markdown.append("---|".repeat(t.header().size())).append('\n');
                for (List<String> r : t.rows()) {
                    markdown.append("| ").append(String.join(" | ", r.stream().map(c -> c.replace("|", "\\|"))
                            .toList())).append(" |\n");
                }
                markdown.append('\n');
            } else if (b instanceof Program p) {
                ObjectNode cell = cell(cells, "code", id++);
                cell.putNull("execution_count");
                cell.putArray("outputs");
                source(cell, p.source());
            } else if (b instanceof Code c && c.file().startsWith(EXERCISE_CELL)) {
                ObjectNode cell = cell(cells, "code", id++); // the card's file, which compiles in a cell
                record(cell);
                cell.putNull("execution_count");
                cell.putArray("outputs");
                source(cell, c.source());
            } else if (b instanceof Code c) {
                // a source listing (its package line would not compile in a cell): Markdown, which Run All leaves be
                ObjectNode cell = cell(cells, "markdown", id++);
                source(cell, SOURCE_LISTING + c.file() + "` (TransferLab's own source)\n\n```java\n"
                        + c.source().stripTrailing() + "\n```");
            } else if (b instanceof Figure f) {
                // the recorded figure as the cell's attachment: Markdown, so running the notebook never clears it
                ObjectNode cell = cell(cells, "markdown", id++);
                String name = "figure-" + id + ".png";
                cell.putObject("attachments").putObject(name)
                        .put("image/png", Base64.getEncoder().encodeToString(f.png()));
                source(cell, "![" + f.title().replace("]", ")").replace("[", "(") + "](attachment:" + name + ")");
            }
        }
        flush(cells, markdown, id);
        return nb;
    }

    /**
     * Marks an exercise's code cell as part of the run's record, not to be run by {@code jupyter nbconvert
     * --execute} (the skeleton would only define a class that throws); source listings and figures are Markdown.
     */
    private static void record(ObjectNode cell) {
        ((ObjectNode) cell.get("metadata")).putArray("tags").add("skip-execution");
    }

    private static int flush(ArrayNode cells, StringBuilder markdown, int id) {
        if (markdown.length() == 0) {
            return id;
        }
        ObjectNode cell = cell(cells, "markdown", id);
        source(cell, markdown.toString().stripTrailing());
        markdown.setLength(0);
        return id + 1;
    }

    private static ObjectNode cell(ArrayNode cells, String type, int id) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", type);
        cell.put("id", "cell-" + id);
        cell.putObject("metadata");
        return cell;
    }

    /** nbformat stores source as a list of lines, each ending in a newline but the last. */
    private static void source(ObjectNode cell, String text) {
        ArrayNode lines = cell.putArray("source");
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            lines.add(i < parts.length - 1 ? parts[i] + "\n" : parts[i]);
        }
    }

    /** The same content as one self-contained HTML page (images and formulas embedded as data URIs). */
    public String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;"
                        + "line-height:1.45;color:#222}pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + "img.figure{max-width:100%;border:1px solid #eee}</style></head><body>\n");
        for (Block b : blocks) {
            if (b instanceof Heading x) {
                h.append("<h").append(x.level()).append('>').append(esc(x.text())).append("</h").append(x.level())
                        .append(">\n");
            } else if (b instanceof Text x) {
                h.append("<p>").append(esc(x.text()).replaceAll("`([^`]+)`", "<code>$1</code>")).append("</p>\n");
            } else if (b instanceof Formula x) {
                h.append("<p><img alt=\"").append(esc(x.latex())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(formula(x.latex()))).append("\"></p>\n");
            } else if (b instanceof Program x) {
                h.append("<pre>").append(esc(x.source())).append("</pre>\n");
            } else if (b instanceof Code x) {
                h.append("<p><code>").append(esc(x.file())).append("</code></p><pre>").append(esc(x.source()))
                        .append("</pre>\n");
            } else if (b instanceof Figure x) {
                h.append("<figure><img class=\"figure\" alt=\"").append(esc(x.title()))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(x.png()))
                        .append("\"><figcaption>").append(esc(x.title())).append("</figcaption></figure>\n");
            } else if (b instanceof Table x) {
                h.append("<table><tr>");
                x.header().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
                h.append("</tr>\n");
                for (List<String> r : x.rows()) {
                    h.append("<tr>");
                    r.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] formula(String latex) {
        try {
            TeXIcon icon = new TeXFormula(latex).createTeXIcon(TeXConstants.STYLE_DISPLAY, 20);
            BufferedImage img = new BufferedImage(Math.max(1, icon.getIconWidth()), Math.max(1, icon.getIconHeight()),
                    BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            icon.setForeground(Color.BLACK);
            icon.paintIcon(null, g, 0, 0);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** Writes {@code <name>.ipynb} and {@code <name>.html} into {@code dir}, atomically. */
    public void write(Path dir, String name, boolean ipynb, boolean html) throws IOException {
        Files.createDirectories(dir);
        if (ipynb) {
            AtomicFiles.writeString(dir.resolve(name + ".ipynb"),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ipynb()) + "\n");
        }
        if (html) {
            AtomicFiles.writeString(dir.resolve(name + ".html"), html());
        }
    }

}
