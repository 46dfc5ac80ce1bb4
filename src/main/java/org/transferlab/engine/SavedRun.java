package org.transferlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.transferlab.io.Json;

/**
 * A run folder read back from disk (what {@link RunRecorder} wrote): its settings, outcome and per-epoch
 * accuracies (for a part-2 run, the mean of its two tasks'). Folders that cannot be read are reported, not
 * skipped silently.
 *
 * @param testAccuracy per epoch, NaN where the epoch was not evaluated
 */
public record SavedRun(Path dir, String exercise, String status, String model, String teacher, int trainSize,
                       int epochs, long seed, double temperature, double alpha, double beta, double finalAccuracy,
                       double seconds, List<Double> trainAccuracy, List<Double> testAccuracy) {

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
            // a part-2 folder: per epoch the mean of the two tasks' accuracies, of the last structure trained
            twoTasks = !lines.isEmpty() && lines.get(0).startsWith("kind,structure,");
            String structure = "";
            for (String line : lines) {
                String[] f = line.split(",", -1);
                if (twoTasks && f.length >= 14 && f[0].equals("epoch")) {
                    if (!f[1].equals(structure)) {
                        structure = f[1];
                        train.clear();
                        test.clear();
                    }
                    train.add((number(f[10]) + number(f[11])) / 2);
                    test.add((number(f[12]) + number(f[13])) / 2);
                } else if (!twoTasks && f.length >= 10 && f[0].equals("epoch")) {
                    train.add(number(f[7]));
                    test.add(number(f[8]));
                }
            }
        }
        // no summary: the process ended without writing one (killed); the metrics say how far it got
        String status = s == null ? "interrupted" : s.path("status").asText("unknown");
        double finalAcc = s == null || twoTasks ? lastNumber(test) : s.path("test_accuracy").asDouble(Double.NaN);
        String model = twoTasks ? (s != null && s.has("structure") ? s.path("structure").asText() : "two tasks")
                : c.path("trained_model").asText("?");
        return new SavedRun(dir, c.path("exercise").asText("?"), status, model,
                c.path("teacher").asText(""), c.path("train_size").asInt(), c.path("epochs").asInt(),
                c.path("seed").asLong(), c.path("temperature").asDouble(Double.NaN),
                c.path("alpha").asDouble(Double.NaN), c.path("beta").asDouble(Double.NaN), finalAcc,
                s == null ? Double.NaN : s.path("seconds").asDouble(Double.NaN), train, test);
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
