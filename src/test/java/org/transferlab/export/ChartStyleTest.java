package org.transferlab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.l2t.L2tMethod;
import org.transferlab.part2.MultiTaskRecorder;

/** The shared chart styling and the figures built on it, as a class in a lecture hall would read them. */
public class ChartStyleTest {
    @TempDir
    Path dir;

    /** Markup a chart must not print: {@code w_i}, {@code L^{m,n}}, {@code α_AA}. */
    public static final Pattern MARKUP = Pattern.compile("[_^]\\{|\\^\\(|\\p{L}_\\p{L}|_\\d");

    private static JFreeChart line(String x, String y, XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries s : series) {
            c.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("t", x, y, c);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return ChartStyle.style(chart);
    }

    /** The tick labels an axis prints once the chart is drawn at 800×500. */
    private static List<String> ticks(JFreeChart chart, ValueAxis axis, RectangleEdge edge) {
        BufferedImage img = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g, new Rectangle(0, 0, 800, 500), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        List<String> out = new ArrayList<>();
        for (Object t : axis.refreshTicks(g, new AxisState(), area, edge)) {
            if (t instanceof ValueTick v && v.getTickType() != TickType.MAJOR) {
                continue; // minor ticks have no label
            }
            if (t instanceof org.jfree.chart.axis.LogTick log && log.getAttributedLabel() != null) {
                var it = log.getAttributedLabel().getIterator();
                StringBuilder text = new StringBuilder();
                for (char ch = it.first(); ch != java.text.CharacterIterator.DONE; ch = it.next()) {
                    text.append(ch);
                }
                out.add(text.toString());
            } else {
                out.add(((Tick) t).getText());
            }
        }
        g.dispose();
        return out;
    }

    private static void distinct(List<String> labels, String what) {
        assertFalse(labels.isEmpty(), what + ": no tick labels");
        assertEquals(labels.size(), new HashSet<>(labels).size(), what + " prints a label twice: " + labels);
    }

    @Test
    void oneValueOnAnAxisGetsAMarginAndNoTickLabelTwice() {
        XYSeries one = new XYSeries("structure");
        one.add(6772, 0.5);
        JFreeChart c = line("parameters", "test accuracy", one);
        XYPlot p = c.getXYPlot();
        List<String> x = ticks(c, p.getDomainAxis(), RectangleEdge.BOTTOM);
        distinct(x, "one point's x axis");
        distinct(ticks(c, p.getRangeAxis(), RectangleEdge.LEFT), "one point's y axis");
        assertTrue(p.getDomainAxis().getRange().contains(6772) && p.getDomainAxis().getRange().getLength() > 100,
                "a margin around 6772: " + p.getDomainAxis().getRange());
        assertTrue(p.getDomainAxis().isAutoRange(), "the axis stays automatic");
        // fixed loss weights 1 and 1: a flat line at 1 ("1E0 1E0" before)
        XYSeries flat = new XYSeries("task 1");
        for (int s = 1; s <= 50; s++) {
            flat.add(s, 1.0);
        }
        JFreeChart w = line("step", "weight", flat);
        distinct(ticks(w, w.getXYPlot().getRangeAxis(), RectangleEdge.LEFT), "a flat line's y axis");
        // a flat line at 0
        XYSeries zero = new XYSeries("zero");
        zero.add(1, 0.0);
        zero.add(2, 0.0);
        JFreeChart z = line("step", "loss", zero);
        distinct(ticks(z, z.getXYPlot().getRangeAxis(), RectangleEdge.LEFT), "a flat line at 0");
        // a log axis with one value (labels per class N = 1)
        XYSeries n1 = new XYSeries("scratch");
        n1.add(1, 0.4);
        JFreeChart l = line("N", "accuracy", n1);
        LogAxis log = new LogAxis("labels per class N (log scale)"); // as chapter 3's figure sets it up
        log.setBase(10);
        log.setSmallestValue(0.8);
        log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        log.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        l.getXYPlot().setDomainAxis(log);
        ChartStyle.style(l);
        distinct(ticks(l, log, RectangleEdge.BOTTOM), "a log axis with one value");
    }

    @Test
    void aRealRangeIsLeftAlone() {
        XYSeries s = new XYSeries("loss");
        s.add(1, 2.0);
        s.add(100, 0.5);
        JFreeChart c = line("step", "loss", s);
        ticks(c, c.getXYPlot().getRangeAxis(), RectangleEdge.LEFT);
        var r = c.getXYPlot().getRangeAxis().getRange();
        assertTrue(r.getLowerBound() > 0.4 && r.getUpperBound() < 2.1, "JFreeChart's own range: " + r);
    }

    @Test
    void curvesOnTopOfEachOtherAreNotedAndTheUpperOneDashed() {
        XYSeries a = new XYSeries("task 1");
        XYSeries b = new XYSeries("task 2");
        for (int s = 1; s <= 20; s++) {
            a.add(s, 1.0);
            b.add(s, 1.0);
        }
        JFreeChart c = line("step", "weight wᵢ", a, b);
        String note = ChartStyle.noteCoincidingSeries(c);
        assertNotNull(note, "the chart says so");
        assertTrue(note.startsWith("task 1 and task 2 coincide"), note);
        assertEquals(note, ChartStyle.note(c, ChartStyle.COINCIDING));
        var r = c.getXYPlot().getRenderer();
        // XYPlot draws its series last to first: task 1 is on top, dashed; task 2 under it, solid
        assertTrue(((BasicStroke) r.getSeriesStroke(0)).getDashArray() != null, "the upper curve is dashed");
        assertNull(((BasicStroke) r.getSeriesStroke(1)).getDashArray(), "the lower one solid");
        ChartStyle.style(c); // restyling (presentation mode) keeps the dashes
        assertTrue(((BasicStroke) r.getSeriesStroke(0)).getDashArray() != null);
        b.add(21, 0.7); // the curves part: note and dashes go
        assertNull(ChartStyle.noteCoincidingSeries(c));
        assertNull(ChartStyle.note(c, ChartStyle.COINCIDING));
        assertNull(((BasicStroke) r.getSeriesStroke(0)).getDashArray());
    }

    /** A part-2 run folder with fixed weights 1 and 1, as {@code train part2 --weighting fixed} writes it. */
    private Path part2Run() throws Exception {
        Path run = Files.createDirectories(dir.resolve("mtl-q2"));
        StringBuilder m = new StringBuilder(MultiTaskRecorder.HEADER).append('\n');
        for (int s = 1; s <= 30; s++) {
            m.append(String.format(java.util.Locale.ROOT, "step,1,%d,%d,%.4f,%.4f,1,1,%.4f,0.1,,,,%n", (s - 1) / 10 + 1,
                    s, 2.3 - 0.05 * s, 2.2 - 0.04 * s, 4.5 - 0.09 * s));
        }
        m.append("epoch,1,1,,2.0,1.9,1,1,,,0.5,0.4,0.6,0.5\n");
        Files.writeString(run.resolve("metrics.csv"), m);
        return run;
    }

    @Test
    void theExportedWeightFigureSaysTheTasksCoincide() throws Exception {
        RunFigures.Figure weights = RunFigures.of(part2Run()).stream().filter(f -> f.name().equals("task-weights"))
                .findFirst().orElseThrow();
        String note = ChartStyle.note(weights.chart(), ChartStyle.COINCIDING);
        assertNotNull(note, "the exported figure carries the note");
        assertTrue(note.startsWith("task 1 (MNIST) and task 2 (Fashion-MNIST) coincide"), note);
        String svg = Figures.svg(weights.chart());
        assertTrue(svg.contains("coincide"), "drawn in the figure");
    }

    @Test
    void aRunOfOneEpochDrawsItsAccuracyAsAPointAtEpochOne() throws Exception {
        JFreeChart acc = RunFigures.of(part2Run()).stream().filter(f -> f.name().equals("task-accuracy"))
                .findFirst().orElseThrow().chart();
        assertEquals(List.of("1"), ticks(acc, acc.getXYPlot().getDomainAxis(), RectangleEdge.BOTTOM),
                "whole epochs, not 0.90 … 1.10");
        var r = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) acc.getXYPlot().getRenderer();
        assertTrue(r.getItemShapeVisible(0, 0) && r.getItemShapeVisible(1, 0), "a curve of one point is a dot");
    }

    /** An L2T-ww run folder whose λ reach 1.09 at its last epoch. */
    private Path l2tRun() throws Exception {
        Path run = Files.createDirectories(dir.resolve("l2t-ww"));
        Files.writeString(run.resolve("metrics.csv"), "kind,epoch,step,ce,transfer,total,train_accuracy,test_accuracy,"
                + "seconds\nstep,1,1,2.3,0.5,2.55,0.1,,1.0\nepoch,1,,,,2.5,0.2,0.3,1.0\n");
        Files.writeString(run.resolve("lambda.csv"), "epoch,source,target,lambda,matching_loss\n"
                + "1,group1,group1,1.0,0.40\n1,group2,group2,1.0,0.30\n1,group3,group3,1.0,0.20\n"
                + "2,group1,group1,1.09,0.35\n2,group2,group2,0.62,0.25\n2,group3,group3,1.04,0.15\n");
        return run;
    }

    @Test
    void noAxisOrSeriesTitlePrintsMarkup() throws Exception {
        List<JFreeChart> charts = new ArrayList<>();
        for (Path run : List.of(part2Run(), l2tRun())) {
            RunFigures.of(run).stream().map(RunFigures.Figure::chart).filter(java.util.Objects::nonNull)
                    .forEach(charts::add);
        }
        Path alphas = Files.createDirectories(dir.resolve("cross-stitch"));
        Files.writeString(alphas.resolve("metrics.csv"), Files.readString(part2Run().resolve("metrics.csv")));
        Files.writeString(alphas.resolve("alphas.csv"), "epoch,unit,aa,ab,ba,bb\n1,unit1,0.9,0.1,0.1,0.9\n");
        RunFigures.of(alphas).stream().map(RunFigures.Figure::chart).filter(java.util.Objects::nonNull)
                .forEach(charts::add);
        List<String> titles = titles(charts);
        assertTrue(titles.contains("weight wᵢ") && titles.contains("matching loss L(m,n)") && titles.contains("λ(m,n)")
                && titles.contains("unit1 α(A←B)"), titles.toString());
        for (String t : titles) {
            assertFalse(MARKUP.matcher(t).find(), "markup in a chart's title: " + t);
        }
    }

    /** Every axis label and series name of the charts. */
    public static List<String> titles(List<JFreeChart> charts) {
        List<String> out = new ArrayList<>();
        for (JFreeChart c : charts) {
            if (c.getPlot() instanceof XYPlot p) {
                for (int i = 0; i < p.getDomainAxisCount(); i++) {
                    out.add(p.getDomainAxis(i).getLabel());
                }
                for (int i = 0; i < p.getRangeAxisCount(); i++) {
                    out.add(p.getRangeAxis(i).getLabel());
                }
                for (int d = 0; d < p.getDatasetCount(); d++) {
                    if (p.getDataset(d) != null) {
                        for (int s = 0; s < p.getDataset(d).getSeriesCount(); s++) {
                            out.add(String.valueOf(p.getDataset(d).getSeriesKey(s)));
                        }
                    }
                }
            } else if (c.getPlot() instanceof org.jfree.chart.plot.CategoryPlot p) {
                out.add(p.getDomainAxis().getLabel());
                out.add(p.getRangeAxis().getLabel());
            }
            for (int i = 0; i < c.getSubtitleCount(); i++) {
                if (c.getSubtitle(i) instanceof PaintScaleLegend l) {
                    out.add(l.getAxis().getLabel());
                }
            }
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    @Test
    void theLambdaColourScaleCoversEveryLambdaAndSaysSo() throws Exception {
        Map<L2tMethod.Pair, Double> lambda = new LinkedHashMap<>();
        lambda.put(new L2tMethod.Pair("group1", "group1"), 1.09);
        lambda.put(new L2tMethod.Pair("group2", "group2"), 1.0);
        lambda.put(new L2tMethod.Pair("group3", "group3"), 0.62);
        for (JFreeChart c : List.of(LambdaFigures.heatMap(lambda, "2"), RunFigures.of(l2tRun()).stream()
                .filter(f -> f.name().equals("lambda")).findFirst().orElseThrow().chart())) {
            var scale = ((XYBlockRenderer) c.getXYPlot().getRenderer()).getPaintScale();
            assertEquals(0, scale.getLowerBound());
            assertEquals(1.09, scale.getUpperBound(), 1e-12, "the scale reaches the largest λ");
            PaintScaleLegend legend = null;
            for (int i = 0; i < c.getSubtitleCount(); i++) {
                if (c.getSubtitle(i) instanceof PaintScaleLegend l) {
                    legend = l;
                }
            }
            assertNotNull(legend, "a colour bar");
            assertEquals(0, legend.getAxis().getLowerBound(), 1e-12);
            assertEquals(1.09, legend.getAxis().getUpperBound(), 1e-12, "the bar shows the whole scale");
            assertTrue(legend.getAxis().getLabel().contains("0 to 1.09"), legend.getAxis().getLabel());
            Color top = (Color) scale.getPaint(1.09);
            Color one = (Color) scale.getPaint(1.0);
            assertTrue(luminance(top) > 0.5, "the largest λ is not drawn near-black: " + top);
            assertTrue(distance(top, one) > 25, "λ = 1 and λ = 1.09 look different: " + one + " " + top);
        }
        // fixed λ = 1 (the other methods): the scale is 0 to 1
        Map<L2tMethod.Pair, Double> fixed = Map.of(new L2tMethod.Pair("group1", "group1"), 1.0);
        var scale = ((XYBlockRenderer) LambdaFigures.heatMap(fixed, "1").getXYPlot().getRenderer()).getPaintScale();
        assertEquals(1, scale.getUpperBound(), 1e-12);
    }

    private static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }

    private static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }
}
