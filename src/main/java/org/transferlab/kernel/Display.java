package org.transferlab.kernel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.transferlab.export.Figures;

/**
 * The notebook side of rich output: runs inside the cells' Java process (JShell's remote VM), not in the kernel.
 * {@link #encode} turns a value the notebook can show richly (a {@link BufferedImage}, a JFreeChart drawn by the
 * export's own {@link Figures#png}, a {@link Figures.Drawing}, a {@code String[][]} table with a header row) into
 * {@code "mime:base64 mime:base64"}; the kernel asks for it after a cell's last expression and decodes it.
 * {@link #display} shows such a value in the middle of a cell: it writes the encoding to standard output between
 * {@link #START} and {@link #END}, and the kernel turns that into a {@code display_data} message.
 * Plain AWT/JFreeChart: works headless, no JavaFX.
 */
public final class Display {
    /** Opens a display block in the cell's standard output (an OSC-style escape no text contains). */
    public static final String START = "\u001b]transferlab-display;";
    /** Closes it. */
    public static final char END = '\u0007';

    private Display() {
    }

    /** Shows {@code value} in the cell's output now: an image or chart inline, anything else as its text. */
    public static void display(Object value) {
        String rich = encode(value);
        PrintStream out = System.out;
        if (rich.isEmpty()) {
            out.println(value);
        } else {
            out.print(START + rich + END);
        }
        out.flush();
    }

    /** {@code "mime:base64 …"} for a value shown richly, {@code ""} for one shown as text. */
    public static String encode(Object value) {
        try {
            if (value instanceof BufferedImage image) {
                return entry("image/png", png(image));
            }
            if (value instanceof JFreeChart chart) {
                return entry("image/png", Figures.png(chart, 1));
            }
            if (value instanceof Figures.Drawing drawing) {
                return entry("image/png", Figures.png(drawing, 1));
            }
            if (value instanceof String[][] table && table.length > 0) {
                return entry("text/html", html(table).getBytes(StandardCharsets.UTF_8));
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An HTML table: the first row is the header. */
    static String html(String[][] rows) {
        StringBuilder b = new StringBuilder("<table>");
        for (int r = 0; r < rows.length; r++) {
            String cell = r == 0 ? "th" : "td";
            b.append("<tr>");
            for (String v : rows[r]) {
                b.append('<').append(cell).append('>').append(escape(v)).append("</").append(cell).append('>');
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String entry(String mime, byte[] bytes) {
        return mime + ":" + Base64.getEncoder().encodeToString(bytes);
    }
}
