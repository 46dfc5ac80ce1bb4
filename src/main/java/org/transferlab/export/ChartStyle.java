package org.transferlab.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.event.ChartProgressEvent;
import org.jfree.chart.event.ChartProgressListener;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;

/**
 * One slide-friendly look for every chart, on screen and in exported figures: white background, large type, a colour-blind-safe palette
 * (Okabe and Ito), thick lines. {@link #scale} enlarges the type for presentation mode. An axis whose automatic
 * range has no width (one point, or a flat line such as fixed loss weights) is given a margin when the chart is
 * drawn ({@link #widenFlatRanges}), so its tick labels are not one value printed several times.
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
        chart.removeProgressListener(FLAT_RANGES); // once per chart, however often it is styled
        chart.addProgressListener(FLAT_RANGES);
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
            } else if (chart.getSubtitle(i) instanceof Note note) {
                note.setFont(font(12, Font.ITALIC));
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
                    xy.getRenderer().setSeriesStroke(s, lineStroke());
                }
                for (int i = 0; i < chart.getSubtitleCount(); i++) {
                    if (chart.getSubtitle(i) instanceof CoincidenceNote note) {
                        note.dashed.forEach(s -> xy.getRenderer().setSeriesStroke(s, dashedStroke(), false));
                    }
                }
            }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(new Color(225, 225, 225));
            axis(cat.getDomainAxis());
            axis(cat.getRangeAxis());
            for (int s = 0; s < 8; s++) {
                cat.getRenderer().setSeriesPaint(s, color(s));
            }
            if (cat.getRenderer() instanceof BarRenderer bars) { // flat bars: JFreeChart's default is a gradient
                bars.setBarPainter(new StandardBarPainter());
                bars.setShadowVisible(false);
            }
            if (cat.getDomainAxis() != null) { // long class names wrap instead of ending in "…"
                cat.getDomainAxis().setMaximumCategoryLabelLines(2);
            }
        }
    }

    private static void axis(Axis a) {
        if (a != null) {
            a.setLabelFont(font(14, Font.PLAIN));
            a.setTickLabelFont(font(12, Font.PLAIN));
        }
    }

    /** The house line: 2.2 points, thicker in presentation mode. */
    private static BasicStroke lineStroke() {
        return new BasicStroke((float) (2.2 * Math.max(1, scale * 0.9)));
    }

    /** The house line dashed: for a curve drawn over another, which shows through the gaps. */
    private static BasicStroke dashedStroke() {
        float w = lineStroke().getLineWidth();
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{4 * w, 3 * w}, 0f);
    }

    /** Widens flat automatic ranges just before each drawing, on screen and in exported files alike. */
    private static final ChartProgressListener FLAT_RANGES = e -> {
        if (e.getType() == ChartProgressEvent.DRAWING_STARTED && e.getChart() != null) {
            widenFlatRanges(e.getChart());
        }
    };

    /**
     * Gives every automatically ranged value axis of the chart whose range has (next to) no width a margin around
     * its value: ±10 % of it (±1 around 0), or ÷2 to ×2 on a log axis. JFreeChart widens such a range only to its
     * minimum size (10⁻⁸), and its ticks then all print the same label ("6.772E3 6.772E3", "1E0 1E0"). The axis
     * stays automatic: the next data recompute its range as usual.
     */
    public static void widenFlatRanges(JFreeChart chart) {
        Plot plot = chart.getPlot();
        if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                widen(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                widen(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot cat) {
            for (int i = 0; i < cat.getRangeAxisCount(); i++) {
                widen(cat.getRangeAxis(i));
            }
        }
    }

    private static void widen(ValueAxis a) {
        if (a == null || !a.isAutoRange()) {
            return;
        }
        Range r = a.getRange();
        double lo = r.getLowerBound();
        double hi = r.getUpperBound();
        double size = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(r.getLength() <= Math.max(1e-6 * size, 4 * a.getAutoRangeMinimumSize()))) {
            return; // a real range (or NaN bounds): left alone
        }
        double c = (lo + hi) / 2;
        Range wide;
        if (a instanceof LogAxis) {
            if (!(c > 0)) {
                return;
            }
            wide = new Range(c / 2, c * 2);
        } else {
            double h = c == 0 ? 1 : 0.1 * Math.abs(c);
            wide = new Range(c - h, c + h);
        }
        a.setRange(wide, false, false); // still automatic; no change event, so no redraw loop
    }

    /** A line of explanation under a chart's title, in the house style (restyled with the chart); see {@link #note}. */
    private static class Note extends TextTitle {
        private final String key;

        Note(String key, String text) {
            super(text);
            this.key = key;
            setFont(font(12, Font.ITALIC));
            setPaint(new Color(80, 80, 80));
            setHorizontalAlignment(HorizontalAlignment.CENTER);
            setPadding(new RectangleInsets(0, 4, 4, 4));
        }
    }

    /** The key of the note {@link #noteCoincidingSeries} writes (for {@link #note(JFreeChart, String)}). */
    public static final String COINCIDING = "coinciding series";

    /** The note {@link #noteCoincidingSeries} puts under the title; the series it dashed. */
    private static final class CoincidenceNote extends Note {
        private final List<Integer> dashed;

        CoincidenceNote(String text, List<Integer> dashed) {
            super(COINCIDING, text);
            this.dashed = dashed;
        }
    }

    /**
     * Puts a line of explanation under the chart's title, in place of the chart's note of the same {@code key};
     * {@code text} null removes it. E.g. what a stacked chart leaves out.
     */
    public static void note(JFreeChart chart, String key, String text) {
        for (int i = chart.getSubtitleCount() - 1; i >= 0; i--) {
            if (chart.getSubtitle(i) instanceof Note n && n.key.equals(key)) {
                if (n.getText().equals(text)) {
                    return;
                }
                chart.removeSubtitle(n);
            }
        }
        if (text != null) {
            chart.addSubtitle(0, new Note(key, text));
        }
    }

    /** The text of the chart's note {@code key}, or null (for tests). */
    public static String note(JFreeChart chart, String key) {
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof Note n && n.key.equals(key)) {
                return n.getText();
            }
        }
        return null;
    }

    /**
     * Says on the chart which of its curves are drawn exactly on top of each other (e.g. two tasks' fixed loss
     * weights 1 and 1, where one task would seem missing): a note under the title, "task 1 and task 2 coincide",
     * and the curve drawn on top dashed, so the one under it shows through the gaps. Call it again after the data
     * change: the note and the dashes follow (and go when the curves part). Returns the note's text, or null.
     */
    public static String noteCoincidingSeries(JFreeChart chart) {
        if (!(chart.getPlot() instanceof XYPlot plot) || plot.getRenderer() == null) {
            return null;
        }
        XYItemRenderer r = plot.getRenderer();
        List<Integer> before = new ArrayList<>();
        for (int i = chart.getSubtitleCount() - 1; i >= 0; i--) {
            if (chart.getSubtitle(i) instanceof CoincidenceNote n) {
                before.addAll(n.dashed);
                chart.removeSubtitle(n);
            }
        }
        XYDataset data = plot.getDataset();
        List<List<Integer>> groups = coinciding(data);
        List<Integer> dashed = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        boolean reverse = plot.getSeriesRenderingOrder() == SeriesRenderingOrder.REVERSE;
        for (List<Integer> g : groups) {
            // the series drawn last is on top: the first in reverse order (XYPlot's default), else the last
            int bottom = reverse ? g.get(g.size() - 1) : g.get(0);
            g.stream().filter(s -> s != bottom).forEach(dashed::add);
            List<String> names = g.stream().map(s -> String.valueOf(data.getSeriesKey(s))).toList();
            sentences.add(String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
                    + " coincide");
        }
        for (int s : before) {
            if (!dashed.contains(s)) {
                r.setSeriesStroke(s, lineStroke(), false);
            }
        }
        for (int s : dashed) {
            r.setSeriesStroke(s, dashedStroke(), false);
        }
        if (sentences.isEmpty()) {
            if (!before.isEmpty()) {
                chart.fireChartChanged();
            }
            return null;
        }
        String text = String.join("; ", sentences) + ": one curve hides the other (the upper one dashed)";
        chart.addSubtitle(0, new CoincidenceNote(text, dashed));
        return text;
    }

    /** Groups of two or more series with the same points (same x, y equal to 1 part in 10⁹), in series order. */
    static List<List<Integer>> coinciding(XYDataset data) {
        List<List<Integer>> groups = new ArrayList<>();
        if (data == null) {
            return groups;
        }
        boolean[] taken = new boolean[data.getSeriesCount()];
        for (int a = 0; a < data.getSeriesCount(); a++) {
            if (taken[a] || data.getItemCount(a) == 0) {
                continue;
            }
            List<Integer> g = new ArrayList<>(List.of(a));
            for (int b = a + 1; b < data.getSeriesCount(); b++) {
                if (!taken[b] && same(data, a, b)) {
                    g.add(b);
                    taken[b] = true;
                }
            }
            if (g.size() > 1) {
                groups.add(g);
            }
        }
        return groups;
    }

    private static boolean same(XYDataset d, int a, int b) {
        if (d.getItemCount(a) != d.getItemCount(b)) {
            return false;
        }
        for (int i = 0; i < d.getItemCount(a); i++) {
            if (!close(d.getXValue(a, i), d.getXValue(b, i)) || !close(d.getYValue(a, i), d.getYValue(b, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double u, double v) {
        return u == v || Math.abs(u - v) <= 1e-9 * Math.max(1, Math.max(Math.abs(u), Math.abs(v)))
                || (Double.isNaN(u) && Double.isNaN(v));
    }
}
