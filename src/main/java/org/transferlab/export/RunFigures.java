package org.transferlab.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A run folder's figures rebuilt from its {@code metrics.csv}, without the app: for part 1 the loss components
 * per step and the accuracy per epoch; for part 2 the per-task losses, loss weights, test accuracy and the
 * gradient cosine. Steps are thinned to at most {@value #MAX_POINTS} points per curve (every k-th step).
 */
public final class RunFigures {
    static final int MAX_POINTS = 1000;

    /** A named figure (the name becomes the file name); {@code chart} is null for non-chart drawings. */
    public record Figure(String name, Figures.Drawing drawing, JFreeChart chart) {
        Figure(String name, JFreeChart chart) {
            this(name, Figures.Drawing.of(chart), chart);
        }

        public String title() {
            return drawing.title();
        }
    }

    private RunFigures() {
    }

    public static List<Figure> of(Path runDir) throws IOException {
        Path metrics = runDir.resolve("metrics.csv");
        if (!Files.isRegularFile(metrics)) {
            throw new IOException(runDir + " has no metrics.csv: is it a TransferLab run folder?");
        }
        List<String> lines = Files.readAllLines(metrics);
        if (lines.isEmpty()) {
            throw new IOException(metrics + " is empty");
        }
        String[] header = org.transferlab.io.Csv.parse(lines.get(0)).toArray(String[]::new);
        List<String[]> steps = new ArrayList<>();
        List<String[]> epochs = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = org.transferlab.io.Csv.parse(l).toArray(String[]::new);
            if (f.length != header.length) {
                continue;
            }
            (f[0].equals("step") ? steps : epochs).add(f);
        }
        int every = Math.max(1, steps.size() / MAX_POINTS);
        List<Figure> out = new ArrayList<>();
        if (List.of(header).contains("loss1")) {
            int structure = col(header, "structure");
            String last = steps.isEmpty() ? "1" : steps.get(steps.size() - 1)[structure];
            List<String[]> s = steps.stream().filter(r -> r[structure].equals(last)).toList();
            List<String[]> e = epochs.stream().filter(r -> r[structure].equals(last)).toList();
            String[] names = taskNames(runDir);
            out.add(new Figure("task-losses", line("Loss per task", "step", "loss",
                    series(s, header, "step", tasks("loss", names), every))));
            JFreeChart weights = line("Loss weight per task", "step", "weight wᵢ",
                    series(s, header, "step", tasks("weight", names), every));
            ChartStyle.noteCoincidingSeries(weights); // fixed weights 1 and 1: one line over the other
            out.add(new Figure("task-weights", weights));
            out.add(new Figure("task-accuracy", line("Test accuracy per task", "epoch", "accuracy",
                    series(e, header, "epoch", tasks("test_acc", names), 1))));
            out.add(new Figure("gradient-conflict", line("Gradient conflict on what the tasks share", "step",
                    "cos(∇L₁, ∇L₂)", series(s, header, "step", Map.of("cosine", "cosine"), every))));
        } else {
            // the loss columns sit between "step" and "total": one per term of the run's methods
            Map<String, String> losses = new LinkedHashMap<>();
            List<String> h = List.of(header);
            for (String c : h.subList(h.indexOf("step") + 1, h.indexOf("total"))) {
                losses.put(c, org.transferlab.transfer.TransferMethods.label(c));
            }
            losses.put("total", "total (weighted)");
            out.add(new Figure("loss-components", line("Loss components per step", "step", "loss",
                    series(steps, header, "step", losses, every))));
            Map<String, String> acc = new LinkedHashMap<>();
            acc.put("train_accuracy", "train");
            acc.put("test_accuracy", "test");
            JFreeChart a = line("Accuracy per epoch", "epoch", "accuracy", series(epochs, header, "epoch", acc, 1));
            a.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
            ((NumberAxis) a.getXYPlot().getRangeAxis()).setRange(0, 1);
            out.add(new Figure("accuracy", ChartStyle.style(a)));
        }
        out.addAll(fromSnapshot(runDir));
        out.addAll(structures(runDir));
        out.addAll(drift(runDir));
        out.addAll(forgetting(runDir));
        out.addAll(alphas(runDir));
        out.addAll(vidSigma(runDir));
        out.addAll(logitCorrelation(runDir));
        out.addAll(LambdaFigures.of(runDir));
        return out;
    }

    /** The columns {@code prefix1} and {@code prefix2} named after the two tasks, task 1 first. */
    private static Map<String, String> tasks(String prefix, String[] names) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + "1", names[0]);
        m.put(prefix + "2", names[1]);
        return m;
    }

    /** The two tasks' names from config.json ("left digit", …); part 2's folders before names: MNIST, Fashion-MNIST. */
    private static String[] taskNames(Path runDir) throws IOException {
        String[] names = {"task 1 (MNIST)", "task 2 (Fashion-MNIST)"};
        Path config = runDir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            var tasks = org.transferlab.io.Json.MAPPER.readTree(config.toFile()).path("tasks");
            if (tasks.isArray() && tasks.size() == 2) {
                for (int t = 0; t < 2; t++) {
                    names[t] = "task " + (t + 1) + " (" + tasks.get(t).asText() + ")";
                }
            }
        }
        return names;
    }

    /**
     * The cross-stitch weights α_AA, α_AB, α_BA, α_BB as series names: what column A (or B) takes from column A
     * (or B), e.g. α_AB is what A takes from B: "α(A←B)".
     */
    public static final String[] CROSS_STITCH_ALPHAS = {"α(A←A)", "α(A←B)", "α(B←A)", "α(B←B)"};

    /** A cross-stitch run's learned mix: per unit the channel mean of each of {@link #CROSS_STITCH_ALPHAS} against the epoch. */
    private static List<Figure> alphas(Path runDir) throws IOException {
        Path file = runDir.resolve("alphas.csv");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        Map<String, XYSeries> series = new LinkedHashMap<>();
        String[] names = CROSS_STITCH_ALPHAS;
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = org.transferlab.io.Csv.parse(l).toArray(String[]::new);
            if (f.length != 6) {
                continue;
            }
            for (int k = 0; k < 4; k++) {
                series.computeIfAbsent(f[1] + " " + names[k], n -> new XYSeries(n, true, false))
                        .add(Double.parseDouble(f[0]), Double.parseDouble(f[2 + k]));
            }
        }
        if (series.isEmpty()) {
            return List.of();
        }
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("Cross-stitch α, mean over channels", "epoch", "α", c);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return List.of(new Figure("cross-stitch-alpha", ChartStyle.style(chart)));
    }

    /**
     * A VID run's learned σ_c per teacher channel at each pair, from vid_sigma.csv (the end of the latest epoch): a
     * small σ_c marks a teacher channel the student predicts well, one near its start (√5) one it cannot.
     */
    private static List<Figure> vidSigma(Path runDir) throws IOException {
        Path file = runDir.resolve("vid_sigma.csv");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        Map<String, XYSeries> series = new LinkedHashMap<>();
        String epoch = "";
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = org.transferlab.io.Csv.parse(l).toArray(String[]::new);
            if (f.length != 5) {
                continue;
            }
            epoch = f[0];
            series.computeIfAbsent(f[1], n -> new XYSeries(n, true, false))
                    .add(Double.parseDouble(f[2]), Double.parseDouble(f[3]));
        }
        if (series.isEmpty()) {
            return List.of();
        }
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("VID: learned σ per teacher channel, after epoch " + epoch,
                "teacher channel", "σ_c", c);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(false, true));
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return List.of(new Figure("vid-sigma", ChartStyle.style(chart)));
    }

    /**
     * The teacher's and the student's logit correlation matrices on the test set and their difference, from
     * logit_correlation.csv (the end of the run): the CRD paper's figure, for any run that wrote the file.
     */
    private static List<Figure> logitCorrelation(Path runDir) throws IOException {
        Path file = runDir.resolve(org.transferlab.engine.LogitCorrelation.FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        int k = (int) Math.round(Math.sqrt(Math.max(0, lines.size() - 1)));
        if (k < 1) {
            return List.of();
        }
        double[] t = new double[k * k];
        double[] s = new double[k * k];
        for (String l : lines.subList(1, lines.size())) {
            String[] f = org.transferlab.io.Csv.parse(l).toArray(String[]::new);
            if (f.length != 5) {
                continue;
            }
            int i = Integer.parseInt(f[0]) * k + Integer.parseInt(f[1]);
            t[i] = Double.parseDouble(f[2]);
            s[i] = Double.parseDouble(f[3]);
        }
        String label = runDir.getFileName() == null ? "" : runDir.getFileName().toString();
        Path config = runDir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            var methods = org.transferlab.io.Json.MAPPER.readTree(config.toFile()).path("methods");
            if (methods.isArray()) {
                List<String> m = new ArrayList<>();
                methods.forEach(x -> m.add(x.asText()));
                label = m.isEmpty() ? "ce, the baseline" : String.join("+", m);
            }
        }
        double mean = org.transferlab.engine.LogitCorrelation.meanOffDiagonal(t, s);
        return List.of(new Figure("logit-correlation", new CorrelationFigure(String.format(java.util.Locale.ROOT,
                "Logit correlation (%s): mean |C_T − C_S| = %.3f", label, mean), t, s,
                "Pearson correlations of the 10 class logits over the test set (mean: off the diagonal)"), null));
    }

    /** A fine-tuning run's source-task accuracy (and target accuracy) per evaluated epoch, from forgetting.csv. */
    private static List<Figure> forgetting(Path runDir) throws IOException {
        String label = "this run";
        Path config = runDir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            label = org.transferlab.io.Json.MAPPER.readTree(config.toFile()).path("strategy").asText(label);
        }
        FineTuneFigures.ForgettingCurve c = FineTuneFigures.readForgetting(runDir, label);
        if (c == null) {
            return List.of();
        }
        return List.of(new Figure("forgetting", FineTuneFigures.forgetting("The source task while fine-tuning for "
                + "the target", List.of(c))));
    }

    /** A fine-tuning run's layer drift (‖w − w₀‖ / ‖w₀‖ per layer against the step), from drift.csv. */
    private static List<Figure> drift(Path runDir) throws IOException {
        Path file = runDir.resolve("drift.csv");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.size() < 2) {
            return List.of();
        }
        String[] header = org.transferlab.io.Csv.parse(lines.get(0)).toArray(String[]::new);
        List<String[]> rows = lines.subList(1, lines.size()).stream()
                .map(l -> org.transferlab.io.Csv.parse(l).toArray(String[]::new)).filter(f -> f.length == header.length)
                .toList();
        Map<String, String> layers = new LinkedHashMap<>();
        for (int i = 2; i < header.length; i++) {
            layers.put(header[i], header[i]);
        }
        JFreeChart c = line("How far each layer has moved", "step", "‖w − w₀‖ / ‖w₀‖",
                series(rows, header, "step", layers, 1));
        c.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        return List.of(new Figure("layer-drift", ChartStyle.style(c)));
    }

    /** Attention maps (sample 1, every pair) and the softened distributions, from the run's last snapshot. */
    private static List<Figure> fromSnapshot(Path runDir) throws IOException {
        Path file = runDir.resolve("snapshot.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        com.fasterxml.jackson.databind.JsonNode s = org.transferlab.io.Json.MAPPER.readTree(file.toFile());
        double t = 4;
        Path config = runDir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            String v = org.transferlab.engine.MethodSettingsJson.setting(
                    org.transferlab.io.Json.MAPPER.readTree(config.toFile()), "kd", "temperature");
            t = v.isEmpty() ? 4 : Double.parseDouble(v);
        }
        List<Figure> out = new ArrayList<>();
        float[] image = floats(s.path("images").get(0));
        var sides = s.path("mapSides");
        var studentMaps = s.path("studentMaps");
        var teacherMaps = s.path("teacherMaps");
        for (var it = studentMaps.fieldNames(); it.hasNext(); ) {
            String pair = it.next();
            float[] sm = floats(studentMaps.get(pair).get(0));
            int side = sides.get(pair).get(0).asInt();
            float[] tm = null;
            int common = side;
            if (teacherMaps.has(pair)) {
                tm = floats(teacherMaps.get(pair).get(0));
                int ts = (int) Math.round(Math.sqrt(tm.length));
                common = Math.min(side, ts);
                tm = pool(tm, ts, common);
                sm = pool(sm, side, common);
            }
            out.add(new Figure("attention-" + pair, new AttentionFigure("Attention maps at " + pair + ", test sample 1",
                    image, tm, sm, common, "L2-normalised maps as the AT loss compares them; step "
                    + s.path("step").asLong() + ", epoch " + s.path("epoch").asInt()), null));
        }
        org.jfree.data.category.DefaultCategoryDataset bars = new org.jfree.data.category.DefaultCategoryDataset();
        float[] sl = floats(s.path("studentLogits").get(0));
        boolean teacher = s.path("teacherLogits").isArray();
        float[] tl = teacher ? floats(s.path("teacherLogits").get(0)) : null;
        double[] qs = org.transferlab.transfer.Softmax.softmax(sl, t);
        double[] pt = teacher ? org.transferlab.transfer.Softmax.softmax(tl, t) : null;
        for (int k = 0; k < qs.length; k++) {
            if (pt != null) {
                bars.addValue(pt[k], "teacher", String.valueOf(k));
            }
            bars.addValue(qs[k], "student", String.valueOf(k));
        }
        JFreeChart c = ChartFactory.createBarChart(String.format(java.util.Locale.ROOT,
                "Softened class probabilities, test sample 1, T = %.1f", t), "class", "probability", bars);
        out.add(new Figure("temperature", ChartStyle.style(c)));
        return out;
    }

    /** A2: each structure's per-task test accuracy against its parameter count. */
    private static List<Figure> structures(Path runDir) throws IOException {
        Path file = runDir.resolve("structures.csv");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        XYSeries t1 = new XYSeries("task 1 (MNIST)", false, true);
        XYSeries t2 = new XYSeries("task 2 (Fashion-MNIST)", false, true);
        for (String l : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] f = org.transferlab.io.Csv.parse(l).toArray(String[]::new);
            t1.add(Double.parseDouble(f[3]), Double.parseDouble(f[4]));
            t2.add(Double.parseDouble(f[3]), Double.parseDouble(f[5]));
        }
        XYSeriesCollection c = new XYSeriesCollection(t1);
        c.addSeries(t2);
        JFreeChart chart = ChartFactory.createXYLineChart("A2: test accuracy against parameters, per structure",
                "parameters", "test accuracy", c);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(false, true));
        return List.of(new Figure("structures", ChartStyle.style(chart)));
    }

    private static float[] floats(com.fasterxml.jackson.databind.JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }

    private static float[] pool(float[] map, int n, int m) {
        if (n == m) {
            return map;
        }
        int k = n / m;
        float[] out = new float[m * m];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                out[(y / k) * m + x / k] += map[y * n + x] / (k * k);
            }
        }
        return out;
    }

    private static int col(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static XYSeriesCollection series(List<String[]> rows, String[] header, String x, Map<String, String> ys,
                                             int every) {
        XYSeriesCollection c = new XYSeriesCollection();
        int xi = col(header, x);
        for (var e : ys.entrySet()) {
            int yi = col(header, e.getKey());
            if (yi < 0) {
                continue;
            }
            XYSeries s = new XYSeries(e.getValue(), false, true);
            for (int i = 0; i < rows.size(); i++) {
                if (i % every != 0 && i != rows.size() - 1) {
                    continue;
                }
                String[] r = rows.get(i);
                if (!r[yi].isEmpty() && !r[xi].isEmpty()) {
                    s.add(Double.parseDouble(r[xi]), Double.parseDouble(r[yi]), false);
                }
            }
            if (s.getItemCount() > 0) {
                c.addSeries(s);
            }
        }
        return c;
    }

    /** Curves against the step or the epoch (whole numbers on the x axis); a curve of one point is drawn as a dot. */
    private static JFreeChart line(String title, String x, String y, XYSeriesCollection data) {
        JFreeChart c = ChartFactory.createXYLineChart(title, x, y, data);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            if (data.getItemCount(i) == 1) {
                r.setSeriesShapesVisible(i, true); // a line of one point draws nothing
            }
        }
        c.getXYPlot().setRenderer(r);
        ((NumberAxis) c.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return ChartStyle.style(c);
    }
}
