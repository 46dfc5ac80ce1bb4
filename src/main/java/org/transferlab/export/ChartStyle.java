package org.transferlab.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;

/**
 * One slide-friendly look for every chart, on screen and in exported figures: white background, large type, a colour-blind-safe palette
 * (Okabe and Ito), thick lines. {@link #scale} enlarges the type for presentation mode.
 */
public final class ChartStyle {
    /** Okabe–Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black. */
    public static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(230, 159, 0), new Color(204, 121, 167), new Color(86, 180, 233), new Color(240, 228, 66),
            Color.BLACK};
    private static double scale = 1.0;

    private ChartStyle() {
    }

    /** The type-size factor for every chart styled from now on (1 normal, about 1.5 on a projector). */
    public static void scale(double s) {
        scale = s;
    }

    public static double scale() {
        return scale;
    }

    public static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    private static Font font(int size, int style) {
        return new Font(Font.SANS_SERIF, style, (int) Math.round(size * scale));
    }

    /**
     * Runs several changes to a chart's data or look with its change events held back, then redraws once:
     * the JavaFX viewer repaints on every event, and one style pass alone fires dozens.
     */
    public static void batch(JFreeChart chart, Runnable changes) {
        boolean was = chart.isNotify();
        chart.setNotify(false);
        try {
            changes.run();
        } finally {
            chart.setNotify(was);
        }
    }

    /** Applies the house style to a chart (again after {@link #scale} changes), redrawing it once. */
    public static JFreeChart style(JFreeChart chart) {
        batch(chart, () -> styleNow(chart));
        return chart;
    }

    private static void styleNow(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(font(16, Font.BOLD));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof LegendTitle legend) {
                legend.setItemFont(font(13, Font.PLAIN));
                legend.setBackgroundPaint(Color.WHITE);
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(200, 200, 200));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(new Color(225, 225, 225));
            xy.setRangeGridlinePaint(new Color(225, 225, 225));
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i));
            }
            if (xy.getRenderer() != null) {
                for (int s = 0; s < 8; s++) {
                    xy.getRenderer().setSeriesPaint(s, color(s));
                    xy.getRenderer().setSeriesStroke(s, new BasicStroke((float) (2.2 * Math.max(1, scale * 0.9))));
                }
            }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(new Color(225, 225, 225));
            axis(cat.getDomainAxis());
            axis(cat.getRangeAxis());
            for (int s = 0; s < 8; s++) {
                cat.getRenderer().setSeriesPaint(s, color(s));
            }
        }
    }

    private static void axis(Axis a) {
        if (a != null) {
            a.setLabelFont(font(14, Font.PLAIN));
            a.setTickLabelFont(font(12, Font.PLAIN));
        }
    }

}
