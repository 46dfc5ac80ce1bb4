package org.transferlab.export;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.finetune.GeneralitySweep;
import org.transferlab.finetune.StrategyTable;

/**
 * Chapter 3's summary charts, the same in the app's views, in exported figures and in the README: accuracy
 * against labels per class per strategy, and the AnB/BnB curve.
 */
public final class FineTuneFigures {
    private FineTuneFigures() {
    }

    /**
     * Test accuracy against labels per class (log axis), one solid line per strategy of {@code table} (its mean
     * over seeds) and one dashed line per strategy of {@code yours} (labels per class → mean accuracy).
     */
    public static JFreeChart labels(StrategyTable table, String setting, Map<String, Map<Integer, Double>> yours) {
        XYSeriesCollection data = new XYSeriesCollection();
        table.cells(setting).forEach((strategy, byN) -> {
            XYSeries s = new XYSeries(strategy, true, false);
            byN.forEach((n, c) -> s.add(n.doubleValue(), c.mean()));
            data.addSeries(s);
        });
        yours.forEach((strategy, byN) -> {
            XYSeries s = new XYSeries("yours: " + strategy, true, false);
            byN.forEach((n, a) -> s.add(n.doubleValue(), a));
            data.addSeries(s);
        });
        JFreeChart c = ChartFactory.createXYLineChart("Test accuracy against labels per class (" + setting + ")",
                "labels per class N", "test accuracy on the target", data);
        LogAxis x = new LogAxis("labels per class N (log scale)");
        x.setBase(10);
        x.setSmallestValue(0.8);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // one tick per power of ten: 1, 10, 100
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        x.setLowerMargin(0.05);
        x.setUpperMargin(0.05);
        c.getXYPlot().setDomainAxis(x);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        c.getXYPlot().setRenderer(r);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        ChartStyle.style(c);
        // your runs: the colour of the same strategy's shipped line, dashed, with larger open markers
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String key = data.getSeriesKey(i).toString();
            if (key.startsWith("yours: ")) {
                int same = data.indexOf(key.substring("yours: ".length()));
                if (same >= 0) {
                    r.setSeriesPaint(i, r.lookupSeriesPaint(same));
                }
                r.setSeriesStroke(i, new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_ROUND,
                        java.awt.BasicStroke.JOIN_ROUND, 1f, new float[]{6f, 4f}, 0f));
                double d = 7 * ChartStyle.scale();
                r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-d, -d, 2 * d, 2 * d));
                r.setSeriesShapesFilled(i, false);
            }
        }
        return c;
    }

    /** Accuracy on B against transferred layers n for BnB, BnB+, AnB, AnB+ (means over seeds), base B as a line. */
    public static JFreeChart generality(List<GeneralitySweep.Point> points) {
        Map<String, Map<Integer, StrategyTable.Cell>> curve = GeneralitySweep.curve(points);
        XYSeriesCollection data = new XYSeriesCollection();
        for (String v : GeneralitySweep.VARIANTS) {
            XYSeries s = new XYSeries(v, true, false);
            curve.get(v).forEach((n, c) -> s.add(n.doubleValue(), c.mean()));
            data.addSeries(s);
        }
        JFreeChart c = ChartFactory.createXYLineChart("How general are the features? Accuracy on B against copied layers",
                "n: conv layers copied from a base network", "test accuracy on B (classes 5–9)", data);
        c.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        NumberAxis x = (NumberAxis) c.getXYPlot().getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.8, 3.2);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        StrategyTable.Cell base = curve.get("baseB").get(0);
        ChartStyle.style(c);
        if (base != null) {
            ValueMarker m = new ValueMarker(base.mean());
            m.setLabel(String.format(Locale.ROOT, "base B %.3f", base.mean()));
            m.setPaint(java.awt.Color.DARK_GRAY);
            m.setStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    1f, new float[]{6f, 4f}, 0f));
            m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN,
                    (int) Math.round(12 * ChartStyle.scale())));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
            c.getXYPlot().addRangeMarker(m);
        }
        return c;
    }

    /**
     * One run's curves for the forgetting chart: the source task's test accuracy by epoch (epoch 0: the source
     * network itself, before training) and the target's test accuracy by epoch.
     */
    public record ForgettingCurve(String label, Map<Integer, Double> source, Map<Integer, Double> target) {
    }

    /** A run folder's {@code forgetting.csv} as a curve labelled {@code label}; null when it has none. */
    public static ForgettingCurve readForgetting(java.nio.file.Path runDir, String label) throws java.io.IOException {
        java.nio.file.Path file = runDir.resolve(org.transferlab.finetune.FineTuneRecorder.FORGETTING);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = java.nio.file.Files.readAllLines(file);
        Map<Integer, Double> source = new java.util.TreeMap<>();
        Map<Integer, Double> target = new java.util.TreeMap<>();
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = l.split(",", -1);
            if (f.length < 4) {
                continue;
            }
            int epoch = Integer.parseInt(f[0]);
            if (!f[2].isEmpty()) {
                source.put(epoch, Double.parseDouble(f[2]));
            }
            if (!f[3].isEmpty()) {
                target.put(epoch, Double.parseDouble(f[3]));
            }
        }
        return source.isEmpty() ? null : new ForgettingCurve(label, source, target);
    }

    /**
     * Forgetting against remembering: per run, the source task's test accuracy by epoch (solid; through the
     * source's head, LwF's kept old head for LwF) and the target's test accuracy (dashed, same colour).
     */
    public static JFreeChart forgetting(String title, List<ForgettingCurve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ForgettingCurve c : curves) {
            XYSeries s = new XYSeries("source task: " + c.label(), true, false);
            c.source().forEach((e, a) -> s.add(e.doubleValue(), a));
            data.addSeries(s);
        }
        for (ForgettingCurve c : curves) {
            XYSeries t = new XYSeries("target: " + c.label(), true, false);
            c.target().forEach((e, a) -> t.add(e.doubleValue(), a));
            data.addSeries(t);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch (0: the source network before fine-tuning)",
                "test accuracy", data);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(r);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, 1);
        ChartStyle.style(chart);
        int n = curves.size();
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(n + i, r.lookupSeriesPaint(i));
            r.setSeriesStroke(n + i, new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_ROUND,
                    java.awt.BasicStroke.JOIN_ROUND, 1f, new float[]{6f, 4f}, 0f));
            r.setSeriesShapesFilled(n + i, false);
        }
        return chart;
    }
}
