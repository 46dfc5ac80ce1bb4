package org.transferlab.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * The CRD paper's figure for one run: the teacher's and the student's logit correlation matrices on the test set
 * (K×K, diverging colours on [−1, 1]) and |C_T − C_S| (sequential on [0, {@value #DIFFERENCE_SCALE}], one fixed
 * scale so that the figures of several runs can be compared side by side). Drawn with Java2D cells.
 */
public final class CorrelationFigure implements Figures.Drawing {
    /** The top of the difference panel's colour scale, the same for every run. */
    public static final double DIFFERENCE_SCALE = 1.0;
    private final String title;
    private final double[] teacher;
    private final double[] student;
    private final int k;
    private final String caption;

    public CorrelationFigure(String title, double[] teacher, double[] student, String caption) {
        this.title = title;
        this.teacher = teacher.clone();
        this.student = student.clone();
        this.k = (int) Math.round(Math.sqrt(teacher.length));
        this.caption = caption;
    }

    @Override
    public String title() {
        return title;
    }

    /** |C_T − C_S| [K·K]. */
    public double[] difference() {
        double[] d = new double[teacher.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(teacher[i] - student[i]);
        }
        return d;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        g.setColor(Color.WHITE);
        g.fill(area);
        double panel = Math.min((area.getWidth() - 80) / 3, area.getHeight() - 170);
        double top = area.getY() + 70;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(title, (float) (area.getX() + 20), (float) (area.getY() + 36));
        String[] names = {"teacher C_T", "student C_S", "|C_T − C_S|"};
        double[][] data = {teacher, student, difference()};
        for (int p = 0; p < 3; p++) {
            double x = area.getX() + 20 + p * (panel + 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            g.setColor(Color.BLACK);
            g.drawString(names[p], (float) x, (float) (top - 8));
            double c = panel / k;
            for (int r = 0; r < k; r++) {
                for (int q = 0; q < k; q++) {
                    double v = data[p][r * k + q];
                    g.setColor(p == 2 ? AttentionFigure.color(1, v / DIFFERENCE_SCALE) : AttentionFigure.color(2, v));
                    g.fill(new Rectangle2D.Double(x + q * c, top + r * c, c + 0.5, c + 0.5));
                }
            }
            g.setColor(new Color(200, 200, 200));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(x, top, panel, panel));
        }
        double barY = top + panel + 24;
        bar(g, area.getX() + 20, barY, 2 * panel, 2, "correlation −1 … +1 (blue negative, red positive)");
        bar(g, area.getX() + 60 + 2 * panel, barY, panel - 20, 1,
                String.format(Locale.ROOT, "difference 0 … %.1f", DIFFERENCE_SCALE));
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString(caption, (float) (area.getX() + 20), (float) (barY + 56));
    }

    private static void bar(Graphics2D g, double x, double y, double width, int scale, String label) {
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double t = i / (double) (steps - 1);
            g.setColor(AttentionFigure.color(scale, scale == 2 ? 2 * t - 1 : t));
            g.fill(new Rectangle2D.Double(x + i * width / steps, y, width / steps + 0.5, 14));
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(label, (float) x, (float) (y + 32));
    }

    @Override
    public String csv() {
        StringBuilder sb = new StringBuilder("row,column,teacher,student,abs_difference\n");
        double[] d = difference();
        for (int r = 0; r < k; r++) {
            for (int q = 0; q < k; q++) {
                int i = r * k + q;
                sb.append(r).append(',').append(q).append(',').append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f",
                        teacher[i], student[i], d[i])).append('\n');
            }
        }
        return sb.toString();
    }
}
