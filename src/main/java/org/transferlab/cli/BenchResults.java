package org.transferlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;

/**
 * What {@code bench --save FILE} writes and {@code bench --compare FILE} reads back: one measured result per
 * configuration with the settings and the machine it was measured on (JSON, written atomically); and the
 * comparison of a new measurement against a saved one, as ratios current/saved. No timing happens here.
 */
final class BenchResults {
    /** The file format's version, written as {@code "format"}. */
    static final int FORMAT = 1;

    private BenchResults() {
    }

    /**
     * One configuration's measurement: {@code exercise} is what {@code --exercises} takes (a1, q1, mtl-q2…),
     * {@code name} the label printed (student-kd-at…). {@code msPerStep} is the median wall-clock interval of
     * the measured steps; CPU time (the whole process's) and the Java heap allocated by all threads are means per
     * measured step; the peaks
     * are the largest used Java heap and resident set seen at a step's end.
     */
    record Entry(String exercise, String name, double msPerStep, double cpuMsPerStep, double allocMbPerStep,
                 long peakHeapMb, long peakRssMb) {
    }

    /** A whole saved benchmark: when, on what, with which settings, and every configuration's entry. */
    record Saved(String date, String commit, String machine, int steps, int warmup, int threads, int batch,
                 List<Entry> entries) {
        Saved {
            entries = List.copyOf(entries);
        }

        /** The saved entry of {@code exercise}, or null. */
        Entry entry(String exercise) {
            return entries.stream().filter(e -> e.exercise().equals(exercise)).findFirst().orElse(null);
        }

        /** The exercises in the order they were measured. */
        List<String> exercises() {
            return entries.stream().map(Entry::exercise).toList();
        }
    }

    /** One configuration's ratios current/saved; {@code slower} when the wall-clock ratio is above the threshold. */
    record Ratio(String exercise, String name, Entry saved, Entry current, double time, double cpu, double alloc,
                 double heap, boolean slower, boolean heavier) {
        boolean flagged() {
            return slower || heavier;
        }
    }

    static void save(Path file, Saved s) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("date", s.date());
        root.put("commit", s.commit());
        root.put("machine", s.machine());
        root.put("steps", s.steps());
        root.put("warmup", s.warmup());
        root.put("threads", s.threads());
        root.put("batch", s.batch());
        ArrayNode list = root.putArray("configurations");
        for (Entry e : s.entries()) {
            ObjectNode n = list.addObject();
            n.put("exercise", e.exercise());
            n.put("name", e.name());
            Json.putNumber(n, "ms_per_step", e.msPerStep());
            Json.putNumber(n, "cpu_ms_per_step", e.cpuMsPerStep());
            Json.putNumber(n, "alloc_mb_per_step", e.allocMbPerStep());
            n.put("peak_heap_mb", e.peakHeapMb());
            n.put("peak_rss_mb", e.peakRssMb());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, Json.MAPPER.writeValueAsString(root) + "\n");
    }

    static Saved read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a saved benchmark (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !root.path("configurations").isArray()) {
            throw new IOException(file + " is not a saved benchmark (bench --save writes one)");
        }
        int format = root.path("format").asInt(0);
        if (format > FORMAT) {
            throw new IOException(file + " was written by a newer TransferLab (format " + format + ")");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode n : root.path("configurations")) {
            entries.add(new Entry(n.path("exercise").asText(), n.path("name").asText(), number(n, "ms_per_step"),
                    number(n, "cpu_ms_per_step"), number(n, "alloc_mb_per_step"), n.path("peak_heap_mb").asLong(),
                    n.path("peak_rss_mb").asLong()));
        }
        return new Saved(root.path("date").asText(""), root.path("commit").asText(""),
                root.path("machine").asText(""), root.path("steps").asInt(), root.path("warmup").asInt(),
                root.path("threads").asInt(), root.path("batch").asInt(), entries);
    }

    private static double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /**
     * A peak heap counts as grown only by more than this as well as by the ratio: the used heap at a step's end
     * moves by tens of MB with the collector's timing alone, which on a 50 MB configuration is a large ratio.
     */
    static final long HEAP_SLACK_MB = 32;

    /**
     * Ratios current/saved for each configuration measured both times, in the saved order. A configuration is
     * {@code slower} when its ms/step ratio is above {@code threshold}, {@code heavier} when its peak heap ratio is
     * and the heap grew by more than {@value #HEAP_SLACK_MB} MB (both only where the saved value is positive).
     */
    static List<Ratio> compare(Saved saved, List<Entry> current, double threshold) {
        List<Ratio> out = new ArrayList<>();
        for (Entry s : saved.entries()) {
            Entry c = current.stream().filter(e -> e.exercise().equals(s.exercise())).findFirst().orElse(null);
            if (c == null) {
                continue;
            }
            double time = ratio(c.msPerStep(), s.msPerStep());
            double heap = ratio(c.peakHeapMb(), s.peakHeapMb());
            out.add(new Ratio(s.exercise(), s.name(), s, c, time, ratio(c.cpuMsPerStep(), s.cpuMsPerStep()),
                    ratio(c.allocMbPerStep(), s.allocMbPerStep()), heap, time > threshold,
                    heap > threshold && c.peakHeapMb() - s.peakHeapMb() > HEAP_SLACK_MB));
        }
        return out;
    }

    /** a / b, NaN where b is not positive or either is unknown. */
    static double ratio(double a, double b) {
        return b > 0 && Double.isFinite(a) && Double.isFinite(b) ? a / b : Double.NaN;
    }

    /** The comparison as a table, one configuration a line, flagged ones marked. */
    static String table(List<Ratio> ratios, double threshold) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%-18s %9s %9s %7s %7s %8s %7s  %s%n", "configuration", "saved ms", "now ms", "time×", "cpu×",
                "alloc×", "heap×", "flag (above " + fmt(threshold) + "×)"));
        for (Ratio r : ratios) {
            String flag = r.slower() && r.heavier() ? "SLOWER, MORE HEAP" : r.slower() ? "SLOWER"
                    : r.heavier() ? "MORE HEAP" : "";
            b.append(String.format(Locale.ROOT, "%-18s %9.1f %9.1f %7s %7s %8s %7s  %s%n", r.name(),
                    r.saved().msPerStep(), r.current().msPerStep(), fmt(r.time()), fmt(r.cpu()), fmt(r.alloc()),
                    fmt(r.heap()), flag));
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }
}
