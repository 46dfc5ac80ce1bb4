package org.transferlab.ui.views;

import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.part2.MultiTaskListener;

/**
 * The gradient-vector picture of a multi-task step, in the plane the two task gradients span: ∇L₁ along x, ∇L₂
 * at its angle (from their norms and dot product), and the combination the step took, w₁·∇L₁ + w₂·∇L₂ (for
 * MGDA and MGDA-UB the min-norm point; for PCGrad the weights are 1 and the shared step is the projected sum,
 * drawn from the two projections). Part 2 and chapter 4 draw it the same way.
 */
final class GradientVectors {
    private GradientVectors() {
    }

    /** Replaces {@code vectors}' series with the three arrows of step {@code s} and fits the axes of {@code plot}. */
    static void draw(XYSeriesCollection vectors, XYPlot plot, MultiTaskListener.Step s, List<String> names,
                     String weighting) {
        vectors.removeAllSeries();
        if (s == null) {
            return;
        }
        double n1 = s.gradientNorms()[0];
        double n2 = s.gradientNorms()[1];
        if (!(n1 > 0) || !(n2 > 0)) {
            return;
        }
        double x2 = s.gradientDot() / n1;
        double y2 = Math.sqrt(Math.max(0, n2 * n2 - x2 * x2));
        double cx;
        double cy;
        String label;
        if ("pcgrad".equals(weighting) && s.gradientDot() < 0) {
            // g1' = g1 − (g1·g2/‖g2‖²) g2, g2' = g2 − (g1·g2/‖g1‖²) g1; the step is g1' + g2'
            double d = s.gradientDot();
            double g1x = n1 - d / (n2 * n2) * x2;
            double g1y = -d / (n2 * n2) * y2;
            double g2x = x2 - d / (n1 * n1) * n1;
            cx = g1x + g2x;
            cy = g1y + y2;
            label = "PCGrad: projected ∇L₁ + projected ∇L₂";
        } else {
            double w1 = s.weights()[0];
            double w2 = s.weights()[1];
            cx = w1 * n1 + w2 * x2;
            cy = w2 * y2;
            label = String.format(weighting != null && weighting.startsWith("mgda") ? "min-norm: %.2f·∇L₁ + %.2f·∇L₂"
                    : "%.2f·∇L₁ + %.2f·∇L₂", w1, w2);
        }
        vectors.addSeries(arrow("∇L₁ (" + names.get(0) + ")", n1, 0));
        vectors.addSeries(arrow("∇L₂ (" + names.get(1) + ")", x2, y2));
        vectors.addSeries(arrow(label, cx, cy));
        double m = Math.max(Math.max(n1, n2), Math.hypot(cx, cy)) * 1.1;
        plot.getDomainAxis().setRange(-m, m);
        plot.getRangeAxis().setRange(-0.2 * m, m);
    }

    private static XYSeries arrow(String name, double x, double y) {
        XYSeries s = new XYSeries(name, false, true);
        s.add(0, 0);
        s.add(x, y);
        return s;
    }
}
