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

    /** A line of explanation under the chart's title ({@link ChartStyle#note}); null removes it. */
    public static void note(JFreeChart chart, String key, String text) {
        ChartStyle.note(chart, key, text);
    }

    public static String note(JFreeChart chart, String key) {
        return ChartStyle.note(chart, key);
    }

    /** Notes and dashes curves drawn on top of each other ({@link ChartStyle#noteCoincidingSeries}). */
    public static String noteCoincidingSeries(JFreeChart chart) {
        return ChartStyle.noteCoincidingSeries(chart);
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
