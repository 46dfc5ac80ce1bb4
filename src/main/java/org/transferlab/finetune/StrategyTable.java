package org.transferlab.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Csv;

/**
 * The chapter's table: test accuracy per strategy and labels per class, over seeds, read from and written to
 * {@code table.csv} (one row per run: {@code setting,strategy,lr_multiplier,per_class,seed,steps,
 * trainable_parameters,test_accuracy,seconds}). The app's "accuracy against labels" chart and the README's
 * tables come from it; the shipped ones are in {@code resources/finetune/}.
 */
public final class StrategyTable {
    public static final String HEADER = "setting,strategy,lr_multiplier,per_class,seed,steps,trainable_parameters,"
            + "test_accuracy,seconds";

    /** One run's line. */
    public record Row(String setting, String strategy, double lrMultiplier, int perClass, long seed, int steps,
                      long trainable, double testAccuracy, double seconds) {

        /** The strategy as a table row names it: {@code all ×0.1} when the multiplier matters. */
        public String strategyLabel() {
            boolean multiplied = strategy.equals("all") || strategy.startsWith("top-");
            return multiplied && lrMultiplier != 1 ? strategy + " ×" + fmt(lrMultiplier) : strategy;
        }
    }

    /** Mean and sample standard deviation of one cell. */
    public record Cell(double mean, double sd, int runs) {
        public String text() {
            return runs == 0 ? "–" : runs == 1 ? String.format(Locale.ROOT, "%.3f", mean)
                    : String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    public List<Row> rows() {
        return rows;
    }

    public void add(Row r) {
        rows.removeIf(o -> o.setting.equals(r.setting) && o.strategyLabel().equals(r.strategyLabel())
                && o.perClass == r.perClass && o.seed == r.seed);
        rows.add(r);
    }

    public static StrategyTable read(List<String> lines) {
        StrategyTable t = new StrategyTable();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            List<String> f = Csv.parse(line);
            if (f.size() < 9) {
                continue;
            }
            t.add(new Row(f.get(0), f.get(1), Double.parseDouble(f.get(2)), Integer.parseInt(f.get(3)),
                    Long.parseLong(f.get(4)), Integer.parseInt(f.get(5)), Long.parseLong(f.get(6)),
                    Double.parseDouble(f.get(7)), Double.parseDouble(f.get(8))));
        }
        return t;
    }

    public static StrategyTable read(Path file) throws IOException {
        return Files.isRegularFile(file) ? read(Files.readAllLines(file)) : new StrategyTable();
    }

    /** The shipped table of {@code setting}, or an empty one. */
    public static StrategyTable shipped(String setting) {
        try (var in = StrategyTable.class.getResourceAsStream("/finetune/" + setting + "-table.csv")) {
            if (in == null) {
                return new StrategyTable();
            }
            return read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            return new StrategyTable();
        }
    }

    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.4f,%.1f\n", r.setting, r.strategy,
                    fmt(r.lrMultiplier), r.perClass, r.seed, r.steps, r.trainable, r.testAccuracy, r.seconds));
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Strategies in first-seen order, each with its cells by labels per class. */
    public Map<String, Map<Integer, Cell>> cells(String setting) {
        Map<String, Map<Integer, List<Double>>> values = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.setting.equals(setting)) {
                values.computeIfAbsent(r.strategyLabel(), k -> new java.util.TreeMap<>())
                        .computeIfAbsent(r.perClass, k -> new ArrayList<>()).add(r.testAccuracy);
            }
        }
        Map<String, Map<Integer, Cell>> out = new LinkedHashMap<>();
        values.forEach((s, byN) -> {
            Map<Integer, Cell> cells = new java.util.TreeMap<>();
            byN.forEach((n, v) -> cells.put(n, cell(v)));
            out.put(s, cells);
        });
        return out;
    }

    static Cell cell(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return new Cell(mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0, v.size());
    }

    /** The table in Markdown: one row per strategy, one column per labels-per-class, mean ± sd. */
    public String markdown(String setting) {
        Map<String, Map<Integer, Cell>> cells = cells(setting);
        java.util.SortedSet<Integer> ns = new java.util.TreeSet<>();
        cells.values().forEach(m -> ns.addAll(m.keySet()));
        StringBuilder sb = new StringBuilder("| strategy |");
        ns.forEach(n -> sb.append(" N = ").append(n).append(" |"));
        sb.append("\n|---|").append("---|".repeat(ns.size())).append('\n');
        cells.forEach((s, m) -> {
            sb.append("| ").append(s).append(" |");
            ns.forEach(n -> sb.append(' ').append(m.containsKey(n) ? m.get(n).text() : "–").append(" |"));
            sb.append('\n');
        });
        return sb.toString();
    }

    /** A Markdown table as plain text in aligned columns (for a monospace text area): no pipes, no rule row. */
    public static String aligned(String markdown) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1)) {
                cells.add(c.trim());
            }
            rows.add(cells);
        }
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(String.format("%-" + (width[i] + 3) + "s", r.get(i)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
