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
import org.jfree.chart.renderer.GrayPaintScale;
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
 * source × target heat map (values written in the cells), for L2T-ww each pair's λ against the epoch, each pair's
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
            out.add(new RunFigures.Figure("lambda-curves", curves("λ per pair during training", "λ^{m,n}", lambdas)));
        }
        out.add(new RunFigures.Figure("pair-losses", curves("Matching loss per pair (unweighted)", "L^{m,n}", losses)));
        out.addAll(channels(runDir, rows, last));
        return out;
    }

    /** One line per pair against the epoch. */
    private static JFreeChart curves(String title, String axis, Map<String, XYSeries> series) {
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        JFreeChart chart = org.jfree.chart.ChartFactory.createXYLineChart(title, "epoch", axis, c);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
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
                max = Math.max(max, v);
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
        GrayPaintScale scale = new GrayPaintScale(0, Math.max(max, 1e-9), 255);
        r.setPaintScale(new InvertedGray(scale));
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart("λ, source layer m × target layer n, after epoch " + epoch, plot);
        chart.removeLegend();
        for (double[] cell : cells) {
            XYTextAnnotation a = new XYTextAnnotation(String.format(java.util.Locale.ROOT, "%.2f", cell[2]), cell[0],
                    cell[1]);
            a.setPaint(cell[2] > 0.6 * max ? java.awt.Color.WHITE : java.awt.Color.BLACK);
            a.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, (int) Math.round(13 * ChartStyle.scale())));
            plot.addAnnotation(a);
        }
        PaintScaleLegend legend = new PaintScaleLegend(new InvertedGray(scale), new org.jfree.chart.axis.NumberAxis("λ"));
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        ChartStyle.style(chart);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Dark for large λ, light for small: a gray scale turned around. */
    private record InvertedGray(GrayPaintScale scale) implements org.jfree.chart.renderer.PaintScale {
        @Override
        public double getLowerBound() {
            return scale.getLowerBound();
        }

        @Override
        public double getUpperBound() {
            return scale.getUpperBound();
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            return scale.getPaint(scale.getUpperBound() - (value - scale.getLowerBound()));
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
