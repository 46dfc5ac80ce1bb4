package org.transferlab.export;

import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Performance against weights: task 1's accuracy against task 2's, one point per fixed weighting (w, 1 − w)
 * joined in the order of w (the trade-off front), and each adaptive method's result as a marked point.
 */
public final class TradeOffFigure {
    /** One run's outcome: a label (w = 0.3, uncertainty, …) and its two task accuracies. */
    public record Point(String label, double task1, double task2) {
    }

    private TradeOffFigure() {
    }

    public static JFreeChart chart(String title, String task1, String task2, List<Point> front, List<Point> adaptive) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries line = new XYSeries("fixed weights (w, 1 − w)", false, true);
        front.forEach(p -> line.add(p.task1(), p.task2()));
        data.addSeries(line);
        for (Point p : adaptive) {
            XYSeries s = new XYSeries(p.label(), false, true);
            s.add(p.task1(), p.task2());
            data.addSeries(s);
        }
        JFreeChart c = ChartFactory.createXYLineChart(title, task1 + " test accuracy", task2 + " test accuracy", data);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        c.getXYPlot().setRenderer(r);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        NumberAxis x = (NumberAxis) c.getXYPlot().getDomainAxis();
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.15); // room for the points' labels at the ends, also in a narrow view
        x.setUpperMargin(0.15);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setUpperMargin(0.08);
        ChartStyle.style(c);
        double d = 7 * ChartStyle.scale();
        for (int i = 1; i < data.getSeriesCount(); i++) {
            r.setSeriesLinesVisible(i, false);
            r.setSeriesShape(i, new java.awt.geom.Rectangle2D.Double(-d, -d, 2 * d, 2 * d));
        }
        // label the front's points with their w
        r.setSeriesItemLabelGenerator(0, (ds, s, item) -> front.get(item).label());
        r.setSeriesItemLabelsVisible(0, true);
        r.setSeriesItemLabelFont(0, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN,
                (int) Math.round(11 * ChartStyle.scale())));
        return c;
    }

    /** The accuracies of {@code summaries} (label → summary.json's task_accuracy) as points. */
    public static List<Point> points(Map<String, double[]> summaries) {
        return summaries.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
