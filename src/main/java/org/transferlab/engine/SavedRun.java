package org.transferlab.engine;

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
import org.transferlab.transfer.Setting;
import org.transferlab.transfer.TransferMethods;

/**
 * A run folder read back from disk (what {@link RunRecorder} wrote): its settings, outcome and per-epoch
 * accuracies (for a part-2 run, the mean of its two tasks'). Folders that cannot be read are reported, not
 * skipped silently.
 *
 * @param label        what the run trained: the exercise, or its methods joined by "+" ("kd+rkd")
 * @param methods      the transfer methods (empty for a baseline, a teacher or a part-2 run)
 * @param settings     the methods' settings as written, {@code kd.temperature → 4.0}
 * @param testAccuracy per epoch, NaN where the epoch was not evaluated
 */
public record SavedRun(Path dir, String exercise, String label, List<String> methods,
                       java.util.Map<String, String> settings, String status, String model, String teacher,
                       int trainSize, int epochs, long seed, double finalAccuracy, double seconds,
                       List<Double> trainAccuracy, List<Double> testAccuracy) {

    /**
     * What a run is apart from its seed: runs with the same key differ only in their seed, so their results
     * can be averaged (the mean ± sd of Compare runs).
     */
    public String settingsKey() {
        return String.join("|", label, model, teacher, String.valueOf(trainSize), String.valueOf(epochs),
                settings.toString());
    }

    /** The settings in one short line, {@code kd.temperature=4 kd.alpha=0.5}. */
    public String settingsLine() {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Reads one run folder; throws {@link IOException} with the folder's name when it is not a readable run. */
    public static SavedRun read(Path dir) throws IOException {
        Path config = dir.resolve(RunRecorder.CONFIG);
        Path summary = dir.resolve(RunRecorder.SUMMARY);
        if (!Files.isRegularFile(config)) {
            throw new IOException(dir + " is not a TransferLab run folder (no " + RunRecorder.CONFIG + ")");
        }
        JsonNode c;
        try {
            c = Json.MAPPER.readTree(config.toFile());
        } catch (IOException e) {
            throw new IOException(config + " is damaged: " + e.getMessage(), e);
        }
        JsonNode s = null;
        if (Files.isRegularFile(summary)) {
            try {
                s = Json.MAPPER.readTree(summary.toFile());
            } catch (IOException e) {
                s = null;
            }
        }
        List<Double> train = new ArrayList<>();
        List<Double> test = new ArrayList<>();
        Path metrics = dir.resolve(RunRecorder.METRICS);
        boolean twoTasks = false;
        if (Files.isRegularFile(metrics)) {
            List<String> lines = Files.readAllLines(metrics);
            List<String> header = lines.isEmpty() ? List.of() : Csv.parse(lines.get(0));
            // a part-2 folder: per epoch the mean of the two tasks' accuracies, of the last structure trained
            twoTasks = header.contains("structure");
            int[] trainCols = twoTasks ? new int[]{header.indexOf("train_acc1"), header.indexOf("train_acc2")}
                    : new int[]{header.indexOf("train_accuracy")};
            int[] testCols = twoTasks ? new int[]{header.indexOf("test_acc1"), header.indexOf("test_acc2")}
                    : new int[]{header.indexOf("test_accuracy")};
            String structure = "";
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                List<String> f = Csv.parse(line);
                if (f.size() != header.size() || !f.get(0).equals("epoch")) {
                    continue;
                }
                if (twoTasks && !f.get(header.indexOf("structure")).equals(structure)) {
                    structure = f.get(header.indexOf("structure"));
                    train.clear();
                    test.clear();
                }
                train.add(mean(f, trainCols));
                test.add(mean(f, testCols));
            }
        }
        // no summary: the process ended without writing one (killed); the metrics say how far it got
        String status = s == null ? "interrupted" : s.path("status").asText("unknown");
        double finalAcc = s == null || twoTasks ? lastNumber(test) : s.path("test_accuracy").asDouble(Double.NaN);
        String model = twoTasks ? (s != null && s.has("structure") ? s.path("structure").asText() : "two tasks")
                : c.path("trained_model").asText("?");
        String exercise = c.path("exercise").asText("?");
        List<String> methods = new ArrayList<>();
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (exercise.equals("finetune")) { // the chapter "transfer by weights": its strategy is its setting
            for (String k : List.of("setting", "strategy", "per_class", "lr_multiplier")) {
                settings.put(k, c.path(k).asText(""));
            }
            c.path("layer_overrides").fields().forEachRemaining(e -> settings.put("layer." + e.getKey(),
                    e.getValue().asText()));
        } else if (!twoTasks) {
            c.path("methods").forEach(m -> methods.add(m.asText()));
            if (!c.has("methods")) { // a folder written before the method registry
                switch (exercise) {
                    case "q2" -> methods.add("kd");
                    case "q3" -> methods.add("at");
                    case "a1" -> methods.addAll(List.of("kd", "at"));
                    default -> { }
                }
            }
            for (String m : methods) {
                if (TransferMethods.ids().contains(m)) {
                    for (Setting st : TransferMethods.get(m).settings()) {
                        String v = MethodSettingsJson.setting(c, m, st.key());
                        if (!v.isEmpty()) {
                            settings.put(m + "." + st.key(), v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
                        }
                    }
                }
            }
        } else {
            settings.put("weighting", c.path("weighting").asText(""));
        }
        String label = exercise.equals("student") ? String.join("+", methods)
                : exercise.equals("finetune") || exercise.equals("l2t") ? c.path("label").asText(exercise) : exercise;
        return new SavedRun(dir, exercise, label, methods, settings, status, model, c.path("teacher").asText(""),
                c.path("train_size").asInt(), c.path("epochs").asInt(), c.path("seed").asLong(), finalAcc,
                s == null ? Double.NaN : s.path("seconds").asDouble(Double.NaN), train, test);
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
