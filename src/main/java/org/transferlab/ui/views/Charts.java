package org.transferlab.ui.views;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.transferlab.export.ChartStyle;

/** The UI's access to the house chart style ({@link ChartStyle}) and chart viewers. */
public final class Charts {
    private Charts() {
    }

    public static void scale(double s) {
        ChartStyle.scale(s);
    }

    public static double scale() {
        return ChartStyle.scale();
    }

    public static Color color(int i) {
        return ChartStyle.color(i);
    }

    public static void batch(JFreeChart chart, Runnable changes) {
        ChartStyle.batch(chart, changes);
    }

    public static JFreeChart style(JFreeChart chart) {
        return ChartStyle.style(chart);
    }

    /** A viewer for the chart, sized by its container, with the export items in its context menu. */
    public static ChartViewer viewer(JFreeChart chart) {
        ChartViewer v = new ChartViewer(chart);
        v.setMinSize(200, 150);
        v.setPrefSize(600, 400);
        ExportMenu.install(v);
        return v;
    }
}
