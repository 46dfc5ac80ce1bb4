package org.transferlab.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * One test sample at one layer pair as a figure: the input image, the teacher's normalised attention map,
 * the student's, and their difference (student − teacher), with colour bars; teacher and student share one
 * scale. Drawn with Java2D cells, so PNG, SVG and PDF all come out sharp.
 */
public final class AttentionFigure implements Figures.Drawing {
    private static final Color[] SEQUENTIAL = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
            new Color(94, 201, 98), new Color(253, 231, 37)};
    private final String title;
    private final float[] image;
    private final float[] teacher;
    private final float[] student;
    private final int side;
    private final String caption;

    /**
     * @param image   28×28 pixels in [0, 1]
     * @param teacher the teacher's map at the common size (side×side), or null without a teacher
     * @param student the student's map at the common size
     */
    public AttentionFigure(String title, float[] image, float[] teacher, float[] student, int side, String caption) {
        this.title = title;
        this.image = image;
        this.teacher = teacher;
        this.student = student;
        this.side = side;
        this.caption = caption;
    }

    @Override
    public String title() {
        return title;
    }

    /** Title, the four panels, the colour bars and the caption, without the empty band below them. */
    @Override
    public int height(int width) {
        return (int) Math.ceil((width - 100) / 4.0 + 190);
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        g.setColor(Color.WHITE);
        g.fill(area);
        double w = area.getWidth();
        double panel = Math.min((w - 100) / 4, area.getHeight() - 170);
        double top = area.getY() + 70;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(title, (float) (area.getX() + 20), (float) (area.getY() + 36));
        float max = 1e-12f;
        for (float[] m : teacher == null ? List.of(student) : List.of(student, teacher)) {
            for (float v : m) {
                max = Math.max(max, Math.abs(v));
            }
        }
        String[] names = {"input 28×28", "teacher " + side + "×" + side, "student " + side + "×" + side,
                "student − teacher"};
        for (int p = 0; p < 4; p++) {
            double x = area.getX() + 20 + p * (panel + 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            g.setColor(Color.BLACK);
            g.drawString(names[p], (float) x, (float) (top - 8));
            if (p == 0) {
                cells(g, x, top, panel, image, 28, 1, 0);
            } else if (p == 1 && teacher != null) {
                cells(g, x, top, panel, teacher, side, max, 1);
            } else if (p == 2) {
                cells(g, x, top, panel, student, side, max, 1);
            } else if (p == 3 && teacher != null) {
                float[] d = new float[student.length];
                for (int k = 0; k < d.length; k++) {
                    d[k] = student[k] - teacher[k];
                }
                cells(g, x, top, panel, d, side, max, 2);
            } else {
                g.setColor(Color.GRAY);
                g.drawString("(no teacher)", (float) (x + 10), (float) (top + panel / 2));
            }
            g.setColor(new Color(200, 200, 200));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(x, top, panel, panel));
        }
        double barY = top + panel + 24;
        bar(g, area.getX() + 20, barY, 2 * panel, 1, String.format(Locale.ROOT, "attention 0 … %.3f", max));
        bar(g, area.getX() + 60 + 2 * panel, barY, 2 * panel, 2,
                String.format(Locale.ROOT, "difference −%.3f … +%.3f (blue: student lower)", max, max));
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString(caption, (float) (area.getX() + 20), (float) (barY + 56));
    }

    private static void cells(Graphics2D g, double x, double y, double size, float[] v, int n, float max, int scale) {
        double c = size / n;
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                g.setColor(color(scale, v[r * n + k] / max));
                g.fill(new Rectangle2D.Double(x + k * c, y + r * c, c + 0.5, c + 0.5));
            }
        }
    }

    private static void bar(Graphics2D g, double x, double y, double width, int scale, String label) {
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double t = i / (double) (steps - 1);
            g.setColor(color(scale, scale == 2 ? 2 * t - 1 : t));
            g.fill(new Rectangle2D.Double(x + i * width / steps, y, width / steps + 0.5, 14));
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(label, (float) x, (float) (y + 32));
    }

    /** 0: grey; 1: sequential (viridis-like) on [0, 1]; 2: diverging blue–white–red on [−1, 1]. */
    static Color color(int scale, double v) {
        if (scale == 0) {
            int gr = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
            return new Color(gr, gr, gr);
        }
        if (scale == 2) {
            double t = Math.max(-1, Math.min(1, v));
            Color end = t < 0 ? new Color(33, 102, 172) : new Color(178, 24, 43);
            return mix(Color.WHITE, end, Math.abs(t));
        }
        double t = Math.max(0, Math.min(1, v)) * (SEQUENTIAL.length - 1);
        int i = Math.min((int) t, SEQUENTIAL.length - 2);
        return mix(SEQUENTIAL[i], SEQUENTIAL[i + 1], t - i);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    @Override
    public String csv() {
        StringBuilder sb = new StringBuilder("row,column,student,teacher\n");
        for (int r = 0; r < side; r++) {
            for (int k = 0; k < side; k++) {
                int i = r * side + k;
                sb.append(r).append(',').append(k).append(',').append(String.format(Locale.ROOT, "%.6g", student[i]))
                        .append(',').append(teacher == null ? "" : String.format(Locale.ROOT, "%.6g", teacher[i]))
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
