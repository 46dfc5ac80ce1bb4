package org.transferlab.ui.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.CategoryTableXYDataset;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.Snapshot;
import org.transferlab.engine.StepMetrics;

/**
 * The anatomy of the loss: the total as a live stack of its weighted terms ((1−α)·CE, β·AT per layer pair, and
 * of KD the part that moves, α·T²·KL(p_t ‖ p_s)), and each term's share of the gradient norm with respect to the
 * student's parameters, so one can see which term drives learning at each moment. KD's other part, the teacher's
 * entropy α·T²·H(p_t), is a constant for the student and most of KD at T = 4: stacked, it would dwarf CE, so it
 * is stated under the title instead ({@link #constantNote}). Rows are thinned (every other one dropped) when
 * they pass a bound: decimated, not truncated.
 */
public final class AnatomyView extends VBox implements RunView {
    static final int MAX_ROWS = 600;
    private final List<String> stackNames = new ArrayList<>();
    private final JFreeChart stackChart;
    private final JFreeChart shareChart;
    private final Label note = new Label();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    /** The constant parts left out of the stack (KD's teacher entropy), with their weights. */
    private final Map<String, Double> constants = new LinkedHashMap<>();
    private final List<double[]> stackRows = new ArrayList<>();
    private final List<double[]> shareRows = new ArrayList<>();
    private final List<String> shareKeys = new ArrayList<>();

    public AnatomyView() {
        stackChart = ChartFactory.createStackedXYAreaChart("Total loss as a stack of its weighted terms", "step",
                "weighted loss", new CategoryTableXYDataset(), PlotOrientation.VERTICAL, true, true, false);
        shareChart = ChartFactory.createStackedXYAreaChart("Share of the gradient norm, per term", "step",
                "share of ‖∇θ‖ (sum of norms = 1)", new CategoryTableXYDataset(), PlotOrientation.VERTICAL, true, true,
                false);
        ((NumberAxis) shareChart.getXYPlot().getRangeAxis()).setRange(0, 1);
        restyle();
        ChartViewer a = Charts.viewer(stackChart);
        ChartViewer b = Charts.viewer(shareChart);
        VBox.setVgrow(a, Priority.ALWAYS);
        VBox.setVgrow(b, Priority.ALWAYS);
        note.setWrapText(true);
        note.getStyleClass().add("caption");
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        note.setText("Each term's share is the norm of its own gradient divided by the sum of the terms' norms, "
                + "measured on the training batch at each snapshot.");
        getChildren().addAll(a, b, note);
        setSpacing(6);
        setPadding(new Insets(6));
    }

    public void restyle() {
        Charts.style(stackChart);
        Charts.style(shareChart);
    }

    public JFreeChart stackChart() {
        return stackChart;
    }

    public JFreeChart shareChart() {
        return shareChart;
    }

    @Override
    public void runStarted(RunInfo info) {
        weights.clear();
        names.clear();
        stackRows.clear();
        shareRows.clear();
        shareKeys.clear();
        stackNames.clear();
        constants.clear();
        for (String k : org.transferlab.transfer.TransferMethods.stackKeys(info.lossWeights().keySet())) {
            double w = info.lossWeights().get(k);
            weights.put(k, w);
            names.put(k, label(k, w));
        }
        for (String k : org.transferlab.transfer.TransferMethods.constantKeys(info.lossWeights().keySet())) {
            constants.put(k, info.lossWeights().get(k));
        }
        Charts.note(stackChart, "constant", null);
        stackNames.addAll(names.values());
        refill(stackChart, stackNames, stackRows);
        refill(shareChart, List.of(), shareRows);
        restyle();
    }

    private static String label(String key, double w) {
        String term = org.transferlab.transfer.TransferMethods.label(key);
        return w == 1.0 ? term : String.format("%s × %.3g", term, w);
    }

    @Override
    public void steps(List<StepMetrics> steps) {
        for (StepMetrics s : steps) {
            double[] row = new double[weights.size() + 1];
            row[0] = s.step();
            int i = 1;
            for (var e : weights.entrySet()) {
                double v = s.losses().getOrDefault(e.getKey(), 0.0) * e.getValue();
                row[i++] = Double.isFinite(v) ? v : 0;
            }
            stackRows.add(row);
        }
        if (!constants.isEmpty() && !steps.isEmpty()) {
            StepMetrics last = steps.get(steps.size() - 1);
            List<String> notes = new ArrayList<>();
            constants.forEach((k, w) -> {
                Double v = last.losses().get(k);
                if (v != null && Double.isFinite(v)) {
                    notes.add(constantNote(k, w, v));
                }
            });
            Charts.batch(stackChart, () -> Charts.note(stackChart, "constant", notes.isEmpty() ? null
                    : String.join(" ", notes)));
        }
        thin(stackRows);
        refill(stackChart, stackNames, stackRows);
    }

    @Override
    public void snapshot(Snapshot s) {
        Map<String, Double> g = s.gradientNorms();
        if (g == null || g.isEmpty()) {
            return;
        }
        if (shareKeys.isEmpty()) {
            shareKeys.addAll(g.keySet());
        }
        double sum = 0;
        for (String k : shareKeys) {
            sum += g.getOrDefault(k, 0.0);
        }
        double[] row = new double[shareKeys.size() + 1];
        row[0] = s.step();
        for (int i = 0; i < shareKeys.size(); i++) {
            row[i + 1] = sum > 0 ? g.getOrDefault(shareKeys.get(i), 0.0) / sum : 0;
        }
        if (!shareRows.isEmpty() && shareRows.get(shareRows.size() - 1)[0] == row[0]) {
            shareRows.remove(shareRows.size() - 1);
        }
        shareRows.add(row);
        thin(shareRows);
        refill(shareChart, shareKeys.stream().map(k -> label(k, 1.0)).toList(), shareRows);
    }

    /**
     * What the stack leaves out, in words: the constant part {@code key} with its weight and its value on the
     * last batch. For KD: "Not stacked: α·T²·H(pₜ) = 8 × 1.789 = 14.31 …".
     */
    static String constantNote(String key, double weight, double value) {
        String what = key.equals("loss/kd/entropy") ? "α·T²·H(pₜ)" : label(key, 1.0) + " × weight";
        String sum = what + " = " + num(weight) + " × " + num(value) + " = " + num(weight * value);
        return key.equals("loss/kd/entropy")
                ? "Not stacked: " + sum + " on the last batch, the teacher's entropy inside KD, a constant the "
                + "student cannot change (no gradient). The total loss is the stack + this; KD's part in the stack "
                + "is α·T²·KL(pₜ‖pₛ) = α·T²·(H(pₜ, pₛ) − H(pₜ))."
                : "Not stacked: " + sum + " on the last batch, a constant the student cannot change (no gradient); "
                + "the total loss is the stack + this.";
    }

    /** Four significant digits, no trailing zeros: 8, 1.789, 14.31. */
    private static String num(double v) {
        return new java.math.BigDecimal(v, new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The note under the stack's title on what it leaves out, or null (for tests). */
    public String constantNote() {
        return Charts.note(stackChart, "constant");
    }

    private static void thin(List<double[]> rows) {
        if (rows.size() > MAX_ROWS) {
            List<double[]> kept = new ArrayList<>(rows.size() / 2 + 1);
            for (int i = 0; i < rows.size(); i += 2) {
                kept.add(rows.get(i));
            }
            if (kept.get(kept.size() - 1) != rows.get(rows.size() - 1)) {
                kept.add(rows.get(rows.size() - 1));
            }
            rows.clear();
            rows.addAll(kept);
        }
    }

    /** Rebuilds a stacked chart's data in one go (a new table, one redraw). */
    private static void refill(JFreeChart chart, List<String> series, List<double[]> rows) {
        CategoryTableXYDataset data = new CategoryTableXYDataset();
        for (double[] row : rows) {
            for (int k = 0; k < series.size(); k++) {
                data.add(row[0], row[k + 1], series.get(k), false);
            }
        }
        Charts.batch(chart, () -> chart.getXYPlot().setDataset(data));
    }

    /** Rows in the stacked chart (for tests). */
    public int stackRows() {
        return stackRows.size();
    }
}
