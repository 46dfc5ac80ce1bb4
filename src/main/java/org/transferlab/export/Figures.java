package org.transferlab.export;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.transferlab.io.AtomicFiles;

/**
 * Writes a chart as a figure or its data. Figures are drawn at {@link #WIDTH}×{@link #HEIGHT} points (a
 * 16:10 slide panel); PNG multiplies the pixels by the scale, SVG and PDF are vector.
 */
public final class Figures {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /** What a chart can be exported as. */
    public enum Format {
        PNG("png"), SVG("svg"), PDF("pdf"), CSV("csv"), PGF("tex");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        public static Format parse(String s) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(s) || f.extension.equalsIgnoreCase(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown figure format '" + s + "'; choose png, svg, pdf, csv or pgf");
        }
    }

    private Figures() {
    }

    /** Something that draws itself into an area: a chart, or a panel of attention maps. */
    public interface Drawing {
        String title();

        void draw(Graphics2D g, java.awt.geom.Rectangle2D area);

        /** The data behind the drawing as CSV. */
        String csv();

        /** The height it wants at {@code width} points when drawn alone (a file, a notebook): charts' 500. */
        default int height(int width) {
            return HEIGHT;
        }

        static Drawing of(JFreeChart chart) {
            return new Drawing() {
                @Override
                public String title() {
                    return chart.getTitle() == null ? "figure" : chart.getTitle().getText();
                }

                @Override
                public void draw(Graphics2D g, java.awt.geom.Rectangle2D area) {
                    chart.draw(g, area);
                }

                @Override
                public String csv() {
                    return Figures.csv(chart);
                }
            };
        }
    }

    /** Writes a drawing in PNG, SVG, PDF or CSV (pgfplots is for charts only). */
    public static void write(Drawing d, Format format, double scale, Path file) throws IOException {
        write(d, format, scale, file, WIDTH, d.height(WIDTH));
    }

    /** Writes a drawing of {@code width} × {@code height} points (a workspace laid out as on screen). */
    public static void write(Drawing d, Format format, double scale, Path file, int width, int height)
            throws IOException {
        byte[] bytes = switch (format) {
            case PNG -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(image(d, scale, width, height), "png", out);
                yield out.toByteArray();
            }
            case SVG -> svg(d, width, height).getBytes(StandardCharsets.UTF_8);
            case PDF -> pdf(d, width, height);
            case CSV -> d.csv().getBytes(StandardCharsets.UTF_8);
            case PGF -> throw new IllegalArgumentException(d.title() + " is not a curve plot: export its CSV");
        };
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    /** Writes {@code chart} to {@code file} in {@code format} (PNG at {@code scale}× the point size). */
    public static void write(JFreeChart chart, Format format, double scale, Path file) throws IOException {
        byte[] bytes = switch (format) {
            case PNG -> png(chart, scale);
            case SVG -> svg(chart).getBytes(StandardCharsets.UTF_8);
            case PDF -> pdf(chart);
            case CSV -> csv(chart).getBytes(StandardCharsets.UTF_8);
            case PGF -> pgfplots(chart).getBytes(StandardCharsets.UTF_8);
        };
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    public static BufferedImage image(JFreeChart chart, double scale) {
        return image(Drawing.of(chart), scale);
    }

    public static BufferedImage image(Drawing chart, double scale) {
        return image(chart, scale, WIDTH, chart.height(WIDTH));
    }

    public static BufferedImage image(Drawing chart, double scale, int width, int height) {
        if (!(scale > 0) || scale > 8) {
            throw new IllegalArgumentException("PNG scale must be between 0 and 8 (1, 2 or 4), got " + scale);
        }
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
        chart.draw(g, new Rectangle(0, 0, width, height));
        g.dispose();
        return img;
    }

    public static byte[] png(JFreeChart chart, double scale) throws IOException {
        return png(Drawing.of(chart), scale);
    }

    public static byte[] png(Drawing chart, double scale) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image(chart, scale), "png", out);
        return out.toByteArray();
    }

    public static String svg(JFreeChart chart) {
        return svg(Drawing.of(chart));
    }

    public static String svg(Drawing chart) {
        return svg(chart, WIDTH, chart.height(WIDTH));
    }

    public static String svg(Drawing chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument();
    }

    public static byte[] pdf(JFreeChart chart) {
        return pdf(Drawing.of(chart));
    }

    public static byte[] pdf(Drawing chart) {
        return pdf(chart, WIDTH, chart.height(WIDTH));
    }

    public static byte[] pdf(Drawing chart, int width, int height) {
        PDFDocument doc = new PDFDocument();
        doc.setTitle(chart.title());
        doc.setAuthor("TransferLab");
        Page page = doc.createPage(new Rectangle(0, 0, width, height));
        PDFGraphics2D g = page.getGraphics2D();
        chart.draw(g, new Rectangle(0, 0, width, height));
        return doc.getPDFBytes();
    }

    /**
     * Drawings side by side as one: {@code cols} × {@code rows} cells in reading order, each drawing scaled as a
     * whole (its text with it) so that it keeps the proportions it has alone and fills its cell.
     */
    public static Drawing grid(String title, List<Drawing> cells, int cols, int rows) {
        return new Drawing() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public void draw(Graphics2D g, java.awt.geom.Rectangle2D area) {
                double cw = area.getWidth() / cols;
                double ch = area.getHeight() / rows;
                for (int i = 0; i < cells.size(); i++) {
                    java.awt.geom.AffineTransform saved = g.getTransform();
                    java.awt.Shape clip = g.getClip();
                    double x = area.getX() + (i % cols) * cw;
                    double y = area.getY() + (i / cols) * ch;
                    g.clip(new java.awt.geom.Rectangle2D.Double(x, y, cw, ch));
                    g.translate(x, y);
                    double s = Math.min(1, Math.min(cw / WIDTH, ch / HEIGHT) * 1.25);
                    g.scale(s, s);
                    cells.get(i).draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, cw / s, ch / s));
                    g.setTransform(saved);
                    g.setClip(clip);
                }
            }

            @Override
            public String csv() {
                StringBuilder sb = new StringBuilder();
                for (Drawing d : cells) {
                    sb.append("# ").append(d.title()).append('\n').append(d.csv());
                }
                return sb.toString();
            }
        };
    }

    /** A raster (a live view drawn by the window) as a drawing that fills its area, keeping its proportions. */
    public static Drawing raster(String title, BufferedImage image) {
        return new Drawing() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public void draw(Graphics2D g, java.awt.geom.Rectangle2D area) {
                double s = Math.min(area.getWidth() / image.getWidth(), area.getHeight() / image.getHeight());
                int w = (int) Math.round(image.getWidth() * s);
                int h = (int) Math.round(image.getHeight() * s);
                g.drawImage(image, (int) Math.round(area.getX() + (area.getWidth() - w) / 2),
                        (int) Math.round(area.getY() + (area.getHeight() - h) / 2), w, h, null);
            }

            @Override
            public String csv() {
                return "";
            }
        };
    }

    /** The chart's data as CSV: {@code series,x,y} for XY charts, {@code series,category,value} for bars. */
    public static String csv(JFreeChart chart) {
        StringBuilder sb = new StringBuilder();
        if (chart.getPlot() instanceof XYPlot p) {
            sb.append("series,x,y\n");
            for (int d = 0; d < p.getDatasetCount(); d++) {
                XYDataset data = p.getDataset(d);
                if (data == null) {
                    continue;
                }
                for (int s = 0; s < data.getSeriesCount(); s++) {
                    for (int i = 0; i < data.getItemCount(s); i++) {
                        sb.append(quote(String.valueOf(data.getSeriesKey(s)))).append(',')
                                .append(num(data.getXValue(s, i))).append(',').append(num(data.getYValue(s, i))).append('\n');
                    }
                }
            }
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            sb.append("series,category,value\n");
            CategoryDataset data = p.getDataset();
            for (int r = 0; r < data.getRowCount(); r++) {
                for (int c = 0; c < data.getColumnCount(); c++) {
                    Number v = data.getValue(r, c);
                    sb.append(quote(String.valueOf(data.getRowKey(r)))).append(',')
                            .append(quote(String.valueOf(data.getColumnKey(c)))).append(',')
                            .append(v == null ? "" : num(v.doubleValue())).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The chart's curves as a pgfplots snippet, one {@code \addplot coordinates {…}} per series. */
    public static String pgfplots(JFreeChart chart) {
        StringBuilder sb = new StringBuilder();
        String title = chart.getTitle() == null ? "" : chart.getTitle().getText();
        sb.append("% ").append(title).append(" (TransferLab)\n\\begin{tikzpicture}\n\\begin{axis}[");
        if (chart.getPlot() instanceof XYPlot p) {
            sb.append("xlabel={").append(tex(p.getDomainAxis().getLabel())).append("}, ylabel={")
                    .append(tex(p.getRangeAxis().getLabel())).append("}, legend pos=outer north east]\n");
            for (int d = 0; d < p.getDatasetCount(); d++) {
                XYDataset data = p.getDataset(d);
                if (data == null) {
                    continue;
                }
                for (int s = 0; s < data.getSeriesCount(); s++) {
                    sb.append("\\addplot coordinates {");
                    for (int i = 0; i < data.getItemCount(s); i++) {
                        double y = data.getYValue(s, i);
                        if (Double.isFinite(y)) {
                            sb.append('(').append(num(data.getXValue(s, i))).append(',').append(num(y)).append(") ");
                        }
                    }
                    sb.append("};\n\\addlegendentry{").append(tex(String.valueOf(data.getSeriesKey(s)))).append("}\n");
                }
            }
        } else {
            sb.append("]\n% this chart is not a curve plot: use its CSV\n");
        }
        sb.append("\\end{axis}\n\\end{tikzpicture}\n");
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String quote(String s) {
        return org.transferlab.io.Csv.field(s);
    }

    private static String tex(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\textbackslash{}").replace("_", "\\_").replace("%", "\\%").replace("&", "\\&")
                .replace("#", "\\#");
    }

    /** A file name made from a title: lower case, words joined by dashes. */
    public static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "figure" : s;
    }
}
