package org.transferlab.chapters;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.transferlab.io.Csv;
import org.transferlab.io.Json;

/**
 * A run folder of any chapter read back from disk: its chapter, settings and outcome from {@code config.json}
 * and {@code summary.json} (the chapter says what its settings are, {@link Chapter#describe}), and its evaluated
 * rows from {@code metrics.csv}. Folders that cannot be read are reported, not skipped silently.
 *
 * @param chapter      the id of the chapter that wrote it ("?" when no registered chapter claims it)
 * @param label        what the run trained: the exercise, or its methods joined by "+" ("kd+rkd")
 * @param methods      part 1's transfer methods (empty for a baseline, a teacher or another chapter's run)
 * @param settings     the settings that tell its runs apart, {@code kd.temperature → 4}
 * @param tasks        the names of its tasks when it has two, else empty
 * @param xUnit        what {@link #x} counts: {@code epoch} or {@code step}
 * @param x            per evaluated row of {@code metrics.csv}, its epoch or step
 * @param testAccuracy per row, the test accuracy; for a run with tasks, the mean of theirs (the per-task values are
 *                     in {@link #taskAccuracy}); NaN where the row was not evaluated
 * @param taskAccuracy per task, per row, its test accuracy (empty for a single-task run)
 */
public record SavedRun(Path dir, String chapter, String exercise, String label, List<String> methods,
                       java.util.Map<String, String> settings, String status, String model, String teacher,
                       int trainSize, int epochs, long seed, double finalAccuracy, double seconds,
                       List<Double> trainAccuracy, List<Double> testAccuracy, List<String> tasks, String xUnit,
                       List<Double> x, List<List<Double>> taskAccuracy) {

    /** A part-1 run of one task, with epochs as its x (tests and legacy callers). */
    public SavedRun(Path dir, String exercise, String label, List<String> methods,
                    java.util.Map<String, String> settings, String status, String model, String teacher,
                    int trainSize, int epochs, long seed, double finalAccuracy, double seconds,
                    List<Double> trainAccuracy, List<Double> testAccuracy) {
        this(dir, "part1", exercise, label, methods, settings, status, model, teacher, trainSize, epochs, seed,
                finalAccuracy, seconds, trainAccuracy, testAccuracy, List.of(), "epoch",
                java.util.stream.IntStream.rangeClosed(1, testAccuracy.size()).mapToObj(i -> (double) i).toList(),
                List.of());
    }

    /**
     * What a run is apart from its seed: runs with the same key differ only in their seed, so their results
     * can be averaged (the mean ± sd of Compare runs).
     */
    public String settingsKey() {
        return String.join("|", chapter, label, model, teacher, String.valueOf(trainSize), String.valueOf(epochs),
                settings.toString());
    }

    /** The settings in one short line, {@code kd.temperature=4 kd.alpha=0.5}. */
    public String settingsLine() {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The last evaluated accuracy of each task (NaN where none), in {@link #tasks}' order. */
    public List<Double> finalTaskAccuracy() {
        return taskAccuracy.stream().map(SavedRun::lastNumber).toList();
    }

    /** Reads one run folder; throws {@link IOException} with the folder's name when it is not a readable run. */
    public static SavedRun read(Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Path summary = dir.resolve("summary.json");
        if (!Files.isRegularFile(config)) {
            throw new IOException(dir + " is not a TransferLab run folder (no config.json)");
        }
        JsonNode c;
        try {
            c = Json.MAPPER.readTree(config.toFile());
        } catch (IOException e) {
            throw new IOException(config + " is damaged: " + e.getMessage(), e);
        }
        if (c == null || !c.isObject()) {
            throw new IOException(config + " is damaged: not a JSON object");
        }
        JsonNode s = null;
        if (Files.isRegularFile(summary)) {
            try {
                s = Json.MAPPER.readTree(summary.toFile());
            } catch (IOException e) {
                s = null;
            }
        }
        String exercise = c.path("exercise").asText("?");
        Chapter chapter = Chapters.ofRun(c.path("chapter").asText(""), exercise).orElse(null);
        RunDescription d = chapter == null ? RunDescription.generic(c) : chapter.describe(c);
        Rows rows = Rows.read(dir.resolve("metrics.csv"), d);
        // no summary: the process ended without writing one (killed); the metrics say how far it got
        String status = s == null ? "interrupted" : s.path("status").asText("unknown");
        double finalAcc = s == null || !d.tasks().isEmpty() || !s.has("test_accuracy") ? lastNumber(rows.test)
                : s.path("test_accuracy").asDouble(Double.NaN);
        String model = d.tasks().isEmpty() ? d.model() : s != null && s.has("structure") ? s.path("structure").asText()
                : d.model();
        return new SavedRun(dir, chapter == null ? "?" : chapter.id(), exercise, d.label(), d.methods(), d.settings(),
                status, model, c.path("teacher").asText(""), c.path("train_size").asInt(), c.path("epochs").asInt(),
                c.path("seed").asLong(), finalAcc, s == null ? Double.NaN : s.path("seconds").asDouble(Double.NaN),
                rows.train, rows.test, d.tasks(), d.xUnit(), rows.x, rows.perTask);
    }

    /** The evaluated rows of a {@code metrics.csv}: one per {@code epoch} row (of the last structure trained). */
    private record Rows(List<Double> x, List<Double> train, List<Double> test, List<List<Double>> perTask) {
        static Rows read(Path metrics, RunDescription d) throws IOException {
            Rows r = new Rows(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            if (!Files.isRegularFile(metrics)) {
                return r;
            }
            List<String> lines = Files.readAllLines(metrics);
            List<String> header = lines.isEmpty() ? List.of() : Csv.parse(lines.get(0));
            int n = d.tasks().size();
            for (int t = 0; t < n; t++) {
                r.perTask.add(new ArrayList<>());
            }
            int[] trainCols = n > 0 ? cols(header, "train_acc", n) : new int[]{header.indexOf("train_accuracy")};
            int[] testCols = n > 0 ? cols(header, "test_acc", n) : new int[]{header.indexOf("test_accuracy")};
            int xCol = header.indexOf(d.xUnit());
            int structureCol = header.indexOf("structure");
            String structure = "";
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                List<String> f = Csv.parse(line);
                if (f.size() != header.size() || !f.get(0).equals("epoch")) {
                    continue;
                }
                if (structureCol >= 0 && !f.get(structureCol).equals(structure)) { // part 2: a new structure
                    structure = f.get(structureCol);
                    r.x.clear();
                    r.train.clear();
                    r.test.clear();
                    r.perTask.forEach(List::clear);
                }
                r.x.add(xCol < 0 ? r.x.size() + 1.0 : number(f.get(xCol)));
                r.train.add(mean(f, trainCols));
                r.test.add(mean(f, testCols));
                for (int t = 0; t < n; t++) {
                    r.perTask.get(t).add(testCols[t] < 0 ? Double.NaN : number(f.get(testCols[t])));
                }
            }
            return r;
        }

        private static int[] cols(List<String> header, String prefix, int n) {
            int[] c = new int[n];
            for (int t = 0; t < n; t++) {
                c[t] = header.indexOf(prefix + (t + 1));
            }
            return c;
        }
    }

    private static double mean(List<String> f, int[] cols) {
        double sum = 0;
        for (int c : cols) {
            if (c < 0) {
                return Double.NaN;
            }
            sum += number(f.get(c));
        }
        return sum / cols.length;
    }

    private static double number(String s) {
        try {
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double lastNumber(List<Double> values) {
        for (int i = values.size() - 1; i >= 0; i--) {
            if (!values.get(i).isNaN()) {
                return values.get(i);
            }
        }
        return Double.NaN;
    }

    /** The result of listing a folder of runs: what was read, and one line per folder that was not. */
    public record Listing(List<SavedRun> runs, List<String> problems) {
    }

    /** Every run folder directly inside {@code root}, oldest first (by folder name). */
    public static Listing list(Path root) {
        List<SavedRun> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Listing(runs, problems);
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList()) {
                try {
                    runs.add(read(d));
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + root + ": " + e.getMessage());
        }
        return new Listing(runs, problems);
    }
}
