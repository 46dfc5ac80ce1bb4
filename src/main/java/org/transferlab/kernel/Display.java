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
 * {@code "mime:base64 mime:base64"}, written to standard output between {@link #START} and {@link #END}: by
 * {@link #display} in the middle of a cell (the kernel turns it into a {@code display_data} message), and by
 * {@link #emit}, which the kernel calls for a cell's last expression (its {@code execute_result}).
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
        if (!emit(value)) {
            System.out.println(value);
        }
    }

    /**
     * Writes {@code value}'s rich encoding to standard output as a display block; false (and nothing written) for
     * a value shown as text. The kernel calls it for a cell's value: a JShell value comes back as a string cut at
     * about 21 800 characters, too short for a figure, while standard output has no limit.
     */
    public static boolean emit(Object value) {
        String rich = encode(value);
        if (rich.isEmpty()) {
            return false;
        }
        PrintStream out = System.out;
        out.print(START + rich + END);
        out.flush();
        return true;
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
            if (value instanceof Markdown md) {
                return entry("text/markdown", md.markdown().getBytes(StandardCharsets.UTF_8)) + " "
                        + entry("text/plain", md.plain().getBytes(StandardCharsets.UTF_8));
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
