package org.transferlab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.cli.TransferLabCommand;

class FiguresTest {
    @TempDir
    Path dir;

    private static JFreeChart curves() {
        XYSeries a = new XYSeries("CE");
        XYSeries b = new XYSeries("KD, weighted");
        for (int i = 1; i <= 5; i++) {
            a.add(i, 2.0 / i);
            b.add(i, 1.0 / i);
        }
        XYSeriesCollection c = new XYSeriesCollection(a);
        c.addSeries(b);
        return ChartStyle.style(ChartFactory.createXYLineChart("Loss components per step", "step", "loss", c));
    }

    @Test
    void svgAndPdfParseAndCarryTheTitle() throws Exception {
        JFreeChart chart = curves();
        Path svg = dir.resolve("f.svg");
        Figures.write(chart, Figures.Format.SVG, 1, svg);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        // the SVG names the W3C DTD; parse offline
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = xml.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(Files.readString(svg).contains("Loss components per step"));
        Path pdf = dir.resolve("f.pdf");
        Figures.write(chart, Figures.Format.PDF, 1, pdf);
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-"), "a PDF header");
        assertTrue(text.contains("/Title (Loss components per step)"), "the title in the document info");
        assertTrue(text.trim().endsWith("%%EOF"), "a complete PDF");
        assertTrue(text.contains("/Type /Page"), "one page");
    }

    @Test
    void pngSizeFollowsTheScale() throws Exception {
        JFreeChart chart = curves();
        for (int scale : new int[]{1, 2, 4}) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Figures.png(chart, scale)));
            assertEquals(Figures.WIDTH * scale, img.getWidth());
            assertEquals(Figures.HEIGHT * scale, img.getHeight());
        }
        assertThrows(IllegalArgumentException.class, () -> Figures.png(chart, 0));
    }

    @Test
    void anAttentionFigureIsAsTallAsItsContentAndItsLowestBandIsNotEmpty() {
        float[] image = new float[28 * 28];
        float[] map = new float[49];
        for (int i = 0; i < map.length; i++) {
            map[i] = i / 49f;
        }
        var fig = new AttentionFigure("t", image, map, map, 7, "a caption");
        BufferedImage png = Figures.image(fig, 1);
        assertEquals(Figures.WIDTH, png.getWidth());
        assertEquals(365, png.getHeight(), "800 wide: four 175-point panels, title, bars and caption");
        boolean inked = false; // the caption sits in the last 60 rows: nothing below is blank page
        for (int y = png.getHeight() - 60; y < png.getHeight() && !inked; y++) {
            for (int x = 0; x < png.getWidth() && !inked; x++) {
                inked = (png.getRGB(x, y) & 0xffffff) != 0xffffff;
            }
        }
        assertTrue(inked, "the caption is drawn near the bottom edge");
    }

    @Test
    void dataAsCsvAndCurvesAsPgfplots() {
        JFreeChart chart = curves();
        List<String> csv = Figures.csv(chart).lines().toList();
        assertEquals("series,x,y", csv.get(0));
        assertEquals(11, csv.size());
        assertEquals("CE,1.00000,2.00000", csv.get(1));
        assertEquals("\"KD, weighted\",5.00000,0.200000", csv.get(10));
        String pgf = Figures.pgfplots(chart);
        assertTrue(pgf.contains("\\addplot coordinates {(1.00000,2.00000) (2.00000,1.00000)"), pgf);
        assertEquals(2, pgf.split("\\\\addplot").length - 1);
        assertTrue(pgf.contains("\\addlegendentry{KD, weighted}"));
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        bars.addValue(0.7, "teacher", "Shirt");
        bars.addValue(0.2, "student", "Shirt");
        JFreeChart bar = ChartFactory.createBarChart("Softened class probabilities", "class", "p", bars);
        assertEquals(List.of("series,category,value", "teacher,Shirt,0.700000", "student,Shirt,0.200000"),
                Figures.csv(bar).lines().toList());
        assertEquals("softened-class-probabilities", Figures.slug("Softened class probabilities"));
    }

    @Test
    void exportCommandWritesARunsFiguresHeadless() throws Exception {
        Path run = dir.resolve("run-q2");
        Files.createDirectories(run);
        StringBuilder m = new StringBuilder("kind,epoch,step,ce,kd,at,total,train_accuracy,test_accuracy,seconds\n");
        for (int s = 1; s <= 20; s++) {
            m.append(String.format(java.util.Locale.ROOT, "step,%d,%d,%.3f,%.3f,,%.3f,0.5,,%.1f%n", (s - 1) / 10 + 1, s,
                    2.3 - 0.05 * s, 1.0 - 0.02 * s, 3.0 - 0.06 * s, 0.1 * s));
        }
        m.append("epoch,1,,,,,2.0,0.4,0.35,1.0\nepoch,2,,,,,1.6,0.5,0.45,2.0\n");
        Files.writeString(run.resolve("metrics.csv"), m);
        Path out = dir.resolve("figures");
        int code = TransferLabCommand.execute(new String[]{"export", "--run", run.toString(), "--out", out.toString(),
                "--formats", "png,svg,pdf,csv,pgf", "--scale", "2"});
        assertEquals(0, code);
        List<String> names;
        try (var files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("run-q2-accuracy.csv", "run-q2-accuracy.pdf", "run-q2-accuracy.svg", "run-q2-accuracy.tex",
                "run-q2-accuracy@2x.png", "run-q2-loss-components.csv", "run-q2-loss-components.pdf",
                "run-q2-loss-components.svg", "run-q2-loss-components.tex", "run-q2-loss-components@2x.png"), names);
        BufferedImage img = ImageIO.read(out.resolve("run-q2-accuracy@2x.png").toFile());
        assertEquals(1600, img.getWidth());
        assertTrue(Files.readString(out.resolve("run-q2-loss-components.csv")).contains("KD,20.0000,0.600000"));
        assertEquals(2, TransferLabCommand.execute(new String[]{"export", "--run", run.toString(), "--out",
                out.toString(), "--formats", "gif"}), "unknown formats are refused with a message");
        assertEquals(1, TransferLabCommand.execute(new String[]{"export", "--run", dir.resolve("nope").toString(),
                "--out", out.toString()}));
    }
}
