package org.transferlab.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What an L2T run learned, from its {@code lambda.csv} and {@code channels.csv}: the last evaluated epoch's λ as a
 * source × target heat map (values written in the cells; its colour bar from 0 to the larger of 1 and the largest λ), for L2T-ww each pair's λ against the epoch, each pair's
 * matching loss against the epoch, and the channel weights of the pair with the largest λ.
 */
public final class LambdaFigures {
    private LambdaFigures() {
    }

    static List<RunFigures.Figure> of(Path runDir) throws IOException {
        Path lambdaFile = runDir.resolve("lambda.csv");
        if (!Files.isRegularFile(lambdaFile)) {
            return List.of();
        }
        List<String[]> rows = rows(lambdaFile);
        if (rows.isEmpty()) {
            return List.of();
        }
        String last = rows.get(rows.size() - 1)[0];
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        Map<String, XYSeries> losses = new LinkedHashMap<>();
        Map<String, XYSeries> lambdas = new LinkedHashMap<>();
        boolean learned = false;
        for (String[] r : rows) {
            if (!sources.contains(r[1])) {
                sources.add(r[1]);
            }
            if (!targets.contains(r[2])) {
                targets.add(r[2]);
            }
            losses.computeIfAbsent(r[1] + " → " + r[2], k -> new XYSeries(k, true, false))
                    .add(Double.parseDouble(r[0]), Double.parseDouble(r[4]));
            double lambda = Double.parseDouble(r[3]);
            lambdas.computeIfAbsent(r[1] + " → " + r[2], k -> new XYSeries(k, true, false))
                    .add(Double.parseDouble(r[0]), lambda);
            learned |= lambda != 1;
        }
        List<RunFigures.Figure> out = new ArrayList<>();
        out.add(new RunFigures.Figure("lambda", heatMap(rows, last, sources, targets)));
        if (learned) { // L2T-ww: how each pair's λ moved (the other methods fix λ = 1)
            out.add(new RunFigures.Figure("lambda-curves", curves("λ per pair during training", "λ(m,n)", lambdas)));
        }
        out.add(new RunFigures.Figure("pair-losses", curves("Matching loss per pair (unweighted)", "matching loss L(m,n)", losses)));
        out.addAll(channels(runDir, rows, last));
        return out;
    }

    /** One line per pair against the epoch. */
    private static JFreeChart curves(String title, String axis, Map<String, XYSeries> series) {
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        JFreeChart chart = org.jfree.chart.ChartFactory.createXYLineChart(title, "epoch", axis, c);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getDomainAxis())
                .setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        return ChartStyle.style(chart);
    }

    /** The heat map of one set of λ (pairs in order, source layers down, target layers across), for the live view. */
    public static JFreeChart heatMap(Map<org.transferlab.l2t.L2tMethod.Pair, Double> lambda, String epoch) {
        List<String[]> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        lambda.forEach((p, v) -> {
            rows.add(new String[]{epoch, p.source(), p.target(), String.valueOf(v), "0"});
            if (!sources.contains(p.source())) {
                sources.add(p.source());
            }
            if (!targets.contains(p.target())) {
                targets.add(p.target());
            }
        });
        return heatMap(rows, epoch, sources, targets);
    }

    private static JFreeChart heatMap(List<String[]> rows, String epoch, List<String> sources, List<String> targets) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        List<double[]> cells = new ArrayList<>();
        double max = 0;
        for (String[] r : rows) {
            if (r[0].equals(epoch)) {
                double v = Double.parseDouble(r[3]);
                cells.add(new double[]{targets.indexOf(r[2]), sources.indexOf(r[1]), v});
                max = Double.isFinite(v) ? Math.max(max, v) : max;
            }
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int k = 0; k < 3; k++) {
                xyz[k][i] = cells.get(i)[k];
            }
        }
        data.addSeries("λ", xyz);
        SymbolAxis x = new SymbolAxis("target layer n", targets.toArray(String[]::new));
        SymbolAxis y = new SymbolAxis("source layer m", sources.toArray(String[]::new));
        XYBlockRenderer r = new XYBlockRenderer();
        LambdaScale scale = new LambdaScale(Math.max(1, max)); // λ = 1 is the methods' fixed weight; L2T-ww's pass it
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart("λ, source layer m × target layer n, after epoch " + epoch, plot);
        chart.removeLegend();
        for (double[] cell : cells) {
            XYTextAnnotation a = new XYTextAnnotation(String.format(java.util.Locale.ROOT, "%.2f", cell[2]), cell[0],
                    cell[1]);
            a.setPaint(scale.light(cell[2]) ? java.awt.Color.BLACK : java.awt.Color.WHITE);
            a.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, (int) Math.round(13 * ChartStyle.scale())));
            plot.addAnnotation(a);
        }
        org.jfree.chart.axis.NumberAxis bar = new org.jfree.chart.axis.NumberAxis(String.format(java.util.Locale.ROOT,
                "λ (colours from 0 to %.2f)", scale.getUpperBound()));
        bar.setRange(scale.getLowerBound(), scale.getUpperBound()); // the bar shows the whole scale, not 0 to 1
        PaintScaleLegend legend = new PaintScaleLegend(scale, bar);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        legend.setStripWidth(14);
        ChartStyle.style(chart);
        bar.setLabelFont(plot.getDomainAxis().getLabelFont());
        bar.setTickLabelFont(plot.getDomainAxis().getTickLabelFont());
        chart.addSubtitle(legend);
        return chart;
    }

    /**
     * λ's colours, from 0 to {@code upper} (at least 1, and at least the largest λ drawn): a viridis-like
     * sequential scale, dark blue-violet at 0 through teal to yellow at the top, so cells just under and just
     * over 1 stay apart and none is drawn black.
     */
    record LambdaScale(double upper) implements org.jfree.chart.renderer.PaintScale {
        private static final java.awt.Color[] STOPS = {new java.awt.Color(68, 1, 84), new java.awt.Color(59, 82, 139),
                new java.awt.Color(33, 145, 140), new java.awt.Color(94, 201, 98), new java.awt.Color(253, 231, 37)};

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        private double position(double value) {
            return Double.isFinite(value) ? Math.max(0, Math.min(1, value / upper)) : 0;
        }

        /** Whether a value's colour is light (dark text on it reads better). */
        boolean light(double value) {
            return position(value) > 0.55;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            double t = position(value) * (STOPS.length - 1);
            int i = Math.min((int) t, STOPS.length - 2);
            double f = t - i;
            java.awt.Color a = STOPS[i];
            java.awt.Color b = STOPS[i + 1];
            return new java.awt.Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }

    private static List<RunFigures.Figure> channels(Path runDir, List<String[]> lambdaRows, String epoch) throws IOException {
        Path file = runDir.resolve("channels.csv");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String[] best = null;
        for (String[] r : lambdaRows) {
            if (r[0].equals(epoch) && (best == null || Double.parseDouble(r[3]) > Double.parseDouble(best[3]))) {
                best = r;
            }
        }
        if (best == null) {
            return List.of();
        }
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        for (String[] r : rows(file)) {
            if (r[0].equals(epoch) && r[1].equals(best[1]) && r[2].equals(best[2])) {
                bars.addValue(Double.parseDouble(r[4]), "weight", r[3]);
            }
        }
        JFreeChart c = org.jfree.chart.ChartFactory.createBarChart("Channel weights of " + best[1] + " → " + best[2]
                + " (largest λ), epoch " + epoch, "source channel", "mean weight", bars);
        c.removeLegend();
        return List.of(new RunFigures.Figure("channel-weights", ChartStyle.style(c)));
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String[]> out = new ArrayList<>();
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!l.isBlank()) {
                out.add(l.split(","));
            }
        }
        return out;
    }
}
