package org.transferlab.darkknowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.export.ChartStyle;
import org.transferlab.export.Figures;
import org.transferlab.export.RunFigures;
import org.transferlab.io.Csv;

/**
 * A dark-knowledge run's figures, from its folder's files only: test errors per epoch of each network
 * ({@value DarkKnowledgeRecorder#PHASES}), per-digit test accuracy with and without the chosen bias
 * ({@value DarkKnowledgeRecorder#PER_CLASS}), the confusion matrix of the run's main student
 * ({@value DarkKnowledgeRecorder#CONFUSION}), the teacher's outputs for an image of the hidden digit at T = 1 and T
 * ({@value DarkKnowledgeRecorder#TEACHER_OUTPUTS}), the bias sweep on the validation digits
 * ({@value DarkKnowledgeRecorder#SWEEP}) and the born-again generations with their ensembles
 * ({@value DarkKnowledgeRecorder#GENERATIONS}).
 */
public final class DarkKnowledgeFigures {
    public static final String TEST_ERRORS = "test-errors";
    public static final String PER_CLASS = "per-class";
    /** The hidden digits' test accuracy per epoch of each network (omitted runs). */
    public static final String HIDDEN_DIGIT = "hidden-digit";
    /** The first per-digit column of {@value DarkKnowledgeRecorder#PHASES} ({@code accuracy_0}). */
    private static final int PHASE_DIGITS = 8;
    public static final String CONFUSION = "confusion";
    public static final String TEACHER_OUTPUTS = "teacher-outputs";
    public static final String BIAS_SWEEP = "bias-sweep";
    public static final String GENERATIONS = "generations";

    private DarkKnowledgeFigures() {
    }

    public static List<RunFigures.Figure> of(Path dir) throws IOException {
        List<RunFigures.Figure> out = new ArrayList<>();
        List<String[]> phases = rows(dir.resolve(DarkKnowledgeRecorder.PHASES));
        if (!phases.isEmpty()) {
            out.add(figure(TEST_ERRORS, testErrors(phases, titles(dir))));
        }
        List<String[]> perClass = rows(dir.resolve(DarkKnowledgeRecorder.PER_CLASS));
        if (!perClass.isEmpty() || hasPerClassColumns(dir)) {
            out.add(figure(PER_CLASS, perClass(perClass, phases, titles(dir))));
        }
        List<String[]> confusionRows = rows(dir.resolve(DarkKnowledgeRecorder.CONFUSION));
        JFreeChart hidden = hiddenDigits(dir, phases, perClass, confusionRows);
        if (hidden != null) {
            out.add(figure(HIDDEN_DIGIT, hidden));
        }
        if (!confusionRows.isEmpty()) {
            out.add(figure(CONFUSION, confusion(confusionRows, titles(dir))));
        }
        Path outputs = dir.resolve(DarkKnowledgeRecorder.TEACHER_OUTPUTS);
        if (Files.isRegularFile(outputs)) {
            out.add(figure(TEACHER_OUTPUTS, teacherOutputs(outputs, dir)));
        }
        List<String[]> sweep = rows(dir.resolve(DarkKnowledgeRecorder.SWEEP));
        if (!sweep.isEmpty()) {
            out.add(figure(BIAS_SWEEP, sweep(sweep)));
        }
        List<String[]> gens = rows(dir.resolve(DarkKnowledgeRecorder.GENERATIONS));
        if (!gens.isEmpty()) {
            out.add(figure(GENERATIONS, generations(gens)));
        }
        return out;
    }

    private static RunFigures.Figure figure(String name, JFreeChart chart) {
        return new RunFigures.Figure(name, Figures.Drawing.of(chart), chart);
    }

    /** The rows of a CSV file after its header; none when the file is absent. */
    static List<String[]> rows(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        List<String[]> out = new ArrayList<>();
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!l.isBlank()) {
                out.add(Csv.parse(l).toArray(String[]::new));
            }
        }
        return out;
    }

    /** Each network's title by its key, from config.json. */
    static Map<String, String> titles(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path config = dir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            for (var n : org.transferlab.io.Json.MAPPER.readTree(config.toFile()).path("networks")) {
                m.put(n.path("name").asText(), n.path("title").asText());
            }
        }
        return m;
    }

    private static JFreeChart testErrors(List<String[]> rows, Map<String, String> titles) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        int test = -1;
        for (String[] r : rows) {
            series.computeIfAbsent(r[0], k -> new XYSeries(titles.getOrDefault(k, k), true, false))
                    .add(Integer.parseInt(r[1]), Integer.parseInt(r[5]));
        }
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("Test errors per epoch, each network", "epoch of the network",
                "test errors", c);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return ChartStyle.style(chart);
    }

    private static boolean hasPerClassColumns(Path dir) throws IOException {
        Path f = dir.resolve(DarkKnowledgeRecorder.PHASES);
        return Files.isRegularFile(f) && Files.readAllLines(f).stream().findFirst()
                .map(h -> h.contains(",accuracy_0")).orElse(false);
    }

    /**
     * Test accuracy per digit: each finished network's bars from {@value DarkKnowledgeRecorder#PER_CLASS} (with the
     * chosen bias beside them), and a network still training (or not finished at the epoch a workspace shows) at its
     * newest epoch from {@value DarkKnowledgeRecorder#PHASES}, so the bars move as a run trains.
     */
    private static JFreeChart perClass(List<String[]> rows, List<String[]> phases, Map<String, String> titles) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        java.util.Set<String> finished = new java.util.HashSet<>();
        for (String[] r : rows) {
            if (r[0].startsWith("ensemble")) {
                continue;
            }
            finished.add(r[0]);
            bars.addValue(Double.parseDouble(r[3]), r[1], r[2]);
            if (r.length > 4 && !r[4].isEmpty()) {
                bars.addValue(Double.parseDouble(r[4]), r[1] + ", with the chosen bias", r[2]);
            }
        }
        Map<String, String[]> newest = new LinkedHashMap<>();
        for (String[] r : phases) {
            if (!finished.contains(r[0]) && r.length > PHASE_DIGITS) {
                newest.put(r[0], r);
            }
        }
        for (String[] r : newest.values()) {
            String name = titles.getOrDefault(r[0], r[0]) + ", epoch " + r[1];
            for (int c = 0; PHASE_DIGITS + c < r.length; c++) {
                if (!r[PHASE_DIGITS + c].isEmpty()) {
                    bars.addValue(Double.parseDouble(r[PHASE_DIGITS + c]), name, String.valueOf(c));
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Test accuracy per digit", "digit", "accuracy", bars);
        ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setRange(0, 1.05);
        return ChartStyle.style(chart);
    }

    /**
     * The hidden digits' test accuracy after each epoch of each network (from {@value DarkKnowledgeRecorder#PHASES}),
     * and for each student whose bias was chosen a point at its last epoch with that bias (the biased per-digit
     * accuracies of {@value DarkKnowledgeRecorder#PER_CLASS} pooled with the test counts of
     * {@value DarkKnowledgeRecorder#CONFUSION}). Null for runs that hide no digit or recorded no such column.
     */
    static JFreeChart hiddenDigits(Path dir, List<String[]> phases, List<String[]> perClass,
                                   List<String[]> confusion) throws IOException {
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config) || phases.isEmpty() || phases.get(0).length <= PHASE_DIGITS - 1) {
            return null;
        }
        var c = org.transferlab.io.Json.MAPPER.readTree(config.toFile());
        if (!"omitted".equals(c.path("experiment").asText())) {
            return null;
        }
        java.util.Set<Integer> hidden = new java.util.TreeSet<>();
        c.path("omit").forEach(n -> hidden.add(n.asInt()));
        Map<String, String> titles = titles(dir);
        Map<String, XYSeries> series = new LinkedHashMap<>();
        Map<String, Integer> last = new LinkedHashMap<>();
        for (String[] r : phases) {
            if (r.length <= PHASE_DIGITS - 1 || r[PHASE_DIGITS - 1].isEmpty()) {
                continue;
            }
            int epoch = Integer.parseInt(r[1]);
            series.computeIfAbsent(r[0], k -> new XYSeries(titles.getOrDefault(k, k), true, false))
                    .add(epoch, Double.parseDouble(r[PHASE_DIGITS - 1]));
            last.put(r[0], epoch);
        }
        if (series.isEmpty()) {
            return null;
        }
        Map<String, long[]> counts = new LinkedHashMap<>(); // network → test images per true digit
        for (String[] r : confusion) {
            long[] n = counts.computeIfAbsent(r[0], k -> new long[64]);
            n[Integer.parseInt(r[1])] += Long.parseLong(r[3]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        int lines = data.getSeriesCount();
        Map<String, double[]> biased = new LinkedHashMap<>();
        for (String[] r : perClass) {
            if (r.length > 4 && !r[4].isEmpty() && hidden.contains(Integer.parseInt(r[2])) && counts.containsKey(r[0])) {
                double n = counts.get(r[0])[Integer.parseInt(r[2])];
                double[] sum = biased.computeIfAbsent(r[0], k -> new double[2]);
                sum[0] += Double.parseDouble(r[4]) * n;
                sum[1] += n;
            }
        }
        for (var e : biased.entrySet()) {
            if (e.getValue()[1] > 0 && last.containsKey(e.getKey())) {
                XYSeries s = new XYSeries(titles.getOrDefault(e.getKey(), e.getKey()) + ", with the chosen bias");
                s.add((double) last.get(e.getKey()), e.getValue()[0] / e.getValue()[1]);
                data.addSeries(s);
            }
        }
        String which = hidden.size() == 1 ? "the hidden digit " + hidden.iterator().next()
                : "the hidden digits " + hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        JFreeChart chart = ChartFactory.createXYLineChart("Test accuracy on " + which + ", each epoch",
                "epoch of the network", "accuracy on " + (hidden.size() == 1 ? "its" : "their") + " test images", data);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = lines; i < data.getSeriesCount(); i++) {
            r.setSeriesLinesVisible(i, false);
            r.setSeriesShape(i, new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12));
        }
        chart.getXYPlot().setRenderer(r);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, 1.02);
        return ChartStyle.style(chart);
    }

    /** The student that carries the run's lesson: the distilled one, else the last BAN generation. */
    static String focus(List<String[]> confusionRows) {
        List<String> names = new ArrayList<>();
        for (String[] r : confusionRows) {
            if (!names.contains(r[0])) {
                names.add(r[0]);
            }
        }
        for (String n : List.of("distilled", "distilled-small")) {
            if (names.contains(n)) {
                return n;
            }
        }
        return names.stream().filter(n -> n.startsWith("ban") && !n.startsWith("banl")).reduce((a, b) -> b)
                .orElse(names.get(names.size() - 1));
    }

    private static JFreeChart confusion(List<String[]> rows, Map<String, String> titles) {
        String focus = focus(rows);
        List<double[]> cells = new ArrayList<>();
        int k = 0;
        double max = 1;
        for (String[] r : rows) {
            if (r[0].equals(focus)) {
                double v = Double.parseDouble(r[3]);
                cells.add(new double[]{Integer.parseInt(r[2]), Integer.parseInt(r[1]), v});
                k = Math.max(k, Integer.parseInt(r[1]) + 1);
                if (!r[1].equals(r[2])) {
                    max = Math.max(max, v);
                }
            }
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int j = 0; j < 3; j++) {
                xyz[j][i] = cells.get(i)[j];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("count", xyz);
        NumberAxis x = new NumberAxis("predicted digit");
        NumberAxis y = new NumberAxis("true digit");
        for (NumberAxis a : List.of(x, y)) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            a.setRange(-0.5, k - 0.5);
        }
        y.setInverted(true);
        XYBlockRenderer r = new XYBlockRenderer();
        double top = max;
        r.setPaintScale(new org.jfree.chart.renderer.PaintScale() {
            @Override
            public double getLowerBound() {
                return 0;
            }

            @Override
            public double getUpperBound() {
                return top;
            }

            @Override
            public java.awt.Paint getPaint(double v) {
                float f = (float) Math.max(0, Math.min(1, v / top));
                return new java.awt.Color(1 - 0.8f * f, 1 - 0.55f * f, 1 - 0.25f * f);
            }
        });
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart("Confusion on the test digits: " + titles.getOrDefault(focus, focus), plot);
        chart.removeLegend();
        for (double[] c : cells) {
            if (c[2] > 0) {
                XYTextAnnotation a = new XYTextAnnotation(String.valueOf((int) c[2]), c[0], c[1]);
                a.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, c[0] == c[1] ? java.awt.Font.PLAIN
                        : java.awt.Font.BOLD, (int) Math.round(10 * ChartStyle.scale())));
                a.setPaint(c[0] == c[1] ? java.awt.Color.GRAY : java.awt.Color.BLACK);
                plot.addAnnotation(a);
            }
        }
        return ChartStyle.style(chart);
    }

    private static JFreeChart teacherOutputs(Path file, Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        var c = Files.isRegularFile(config) ? org.transferlab.io.Json.MAPPER.readTree(config.toFile()) : null;
        String digit = c == null ? "?" : c.path("omit").path(0).asText("?");
        String which = c != null && "omitted".equals(c.path("experiment").asText()) ? "the hidden digit " + digit
                : "a " + digit;
        List<String> lines = Files.readAllLines(file);
        List<String> header = Csv.parse(lines.get(0));
        String t = header.get(2).substring("p_t".length());
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        for (String[] r : rows(file)) {
            bars.addValue(Double.parseDouble(r[1]), "T = 1", r[0]);
            bars.addValue(Double.parseDouble(r[2]), "T = " + t, r[0]);
        }
        JFreeChart chart = ChartFactory.createBarChart("The teacher's probabilities for one test image of " + which,
                "digit", "probability", bars);
        return ChartStyle.style(chart);
    }

    private static JFreeChart sweep(List<String[]> rows) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        XYSeriesCollection c = new XYSeriesCollection();
        List<Double> chosen = new ArrayList<>();
        for (String[] r : rows) {
            double b = Double.parseDouble(r[1]);
            series.computeIfAbsent(r[0] + ": all validation digits", k -> new XYSeries(k, true, false))
                    .add(b, Double.parseDouble(r[2]));
            series.computeIfAbsent(r[0] + ": hidden digits only", k -> new XYSeries(k, true, false))
                    .add(b, Double.parseDouble(r[3]));
            if (r[4].equals("1")) {
                chosen.add(b);
            }
        }
        series.values().forEach(c::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("Output bias of the hidden digits, chosen on validation digits",
                "bias added to the hidden digits' logits", "validation accuracy", c);
        for (double b : chosen) {
            ValueMarker m = new ValueMarker(b);
            m.setLabel(String.format(Locale.ROOT, "chosen %.2f", b));
            m.setPaint(java.awt.Color.GRAY);
            chart.getXYPlot().addDomainMarker(m);
        }
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, 1.02);
        return ChartStyle.style(chart);
    }

    private static JFreeChart generations(List<String[]> rows) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        String gen0 = null;
        for (String[] r : rows) {
            if (r[0].equals("teacher")) {
                gen0 = r[2];
            }
        }
        for (String[] r : rows) {
            if (r[0].equals("teacher")) {
                continue;
            }
            String name = r[0].equals("ensemble") ? "ensemble of BAN generations 1..k" : r[0];
            XYSeries s = series.computeIfAbsent(name, k -> new XYSeries(k, true, false));
            if (s.getItemCount() == 0 && gen0 != null && !r[0].equals("ensemble")) {
                s.add(0, Integer.parseInt(gen0));
            }
            s.add(Integer.parseInt(r[1]), Integer.parseInt(r[2]));
        }
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("Born-again generations: test errors", "generation (k)",
                "test errors", c);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return ChartStyle.style(chart);
    }
}
