package org.transferlab.ui.views;

import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.Snapshot;
import org.transferlab.transfer.Softmax;

/**
 * The teacher's and the student's class probabilities for one test sample, softened at temperature T, as
 * bars side by side; a T slider (1–20) re-renders at once from the stored logits. Shows each distribution's
 * entropy and the sample's KD term at that T.
 */
public final class TemperatureView extends VBox implements RunView {
    private final IntegerProperty sample;
    private final SamplePicker picker;
    private final Slider temperature = new Slider(1, 20, 4);
    private final Label tLabel = new Label();
    private final Label stats = new Label("Train a run to see the softened distributions.");
    private final DefaultCategoryDataset data = new DefaultCategoryDataset();
    private final JFreeChart chart;
    private List<String> classNames = List.of();
    private Snapshot last;

    public TemperatureView(IntegerProperty sample) {
        this.sample = sample;
        this.picker = new SamplePicker(sample);
        chart = ChartFactory.createBarChart("Softened class probabilities", "class", "probability at T", data,
                PlotOrientation.VERTICAL, true, true, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1);
        restyle();
        temperature.setId("temperature-slider");
        temperature.setShowTickLabels(true);
        temperature.setShowTickMarks(true);
        temperature.setMajorTickUnit(1);
        temperature.setMinorTickCount(1);
        temperature.setLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double d) {
                long v = Math.round(d);
                return v == 1 || v % 5 == 0 ? String.valueOf(v) : "";
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s);
            }
        });
        temperature.setBlockIncrement(0.5);
        temperature.setPrefWidth(360);
        HBox.setHgrow(temperature, Priority.ALWAYS);
        tLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        temperature.valueProperty().addListener((o, a, b) -> redraw());
        sample.addListener((o, a, b) -> redraw());
        stats.setWrapText(true);
        stats.getStyleClass().add("caption");
        Label tName = new Label("Temperature T");
        tName.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(12, tName, temperature, tLabel);
        top.setAlignment(Pos.CENTER_LEFT);
        ChartViewer viewer = Charts.viewer(chart);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        stats.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(top, picker, viewer, stats);
        setSpacing(8);
        setPadding(new Insets(10));
        redraw();
    }

    public void restyle() {
        Charts.style(chart);
    }

    public JFreeChart chart() {
        return chart;
    }

    public Slider temperatureSlider() {
        return temperature;
    }

    /** The plotted probability of a class for "teacher" or "student" (for tests); NaN if absent. */
    public double plotted(String who, int classIndex) {
        if (data.getRowIndex(who) < 0 || classIndex >= data.getColumnCount()) {
            return Double.NaN;
        }
        Number n = data.getValue(who, data.getColumnKey(classIndex));
        return n == null ? Double.NaN : n.doubleValue();
    }

    @Override
    public void runStarted(RunInfo info) {
        classNames = info.classNames();
        last = null;
        data.clear();
        stats.setText("Waiting for the first snapshot…");
    }

    @Override
    public void snapshot(Snapshot s) {
        last = s;
        picker.countProperty().set(s.sampleIndices().length);
        redraw();
    }

    private void redraw() {
        double t = Math.round(temperature.getValue() * 2) / 2.0;
        tLabel.setText(String.format("T = %.1f", t));
        Snapshot s = last;
        if (s == null) {
            return;
        }
        int i = Math.min(sample.get(), s.sampleIndices().length - 1);
        double[] qs = Softmax.softmax(s.studentLogits()[i], t);
        double[] pt = s.teacherLogits() == null ? null : Softmax.softmax(s.teacherLogits()[i], t);
        data.setNotify(false);
        data.clear();
        for (int k = 0; k < qs.length; k++) {
            String name = k < classNames.size() ? classNames.get(k) : String.valueOf(k);
            if (pt != null) {
                data.addValue(pt[k], "teacher", name);
            }
            data.addValue(qs[k], "student", name);
        }
        data.setNotify(true);
        String truth = s.labels()[i] < classNames.size() ? classNames.get(s.labels()[i]) : String.valueOf(s.labels()[i]);
        if (pt != null) {
            double kd = Softmax.kdTerm(s.studentLogits()[i], s.teacherLogits()[i], t);
            stats.setText(String.format("True class: %s. Entropy: teacher %.2f, student %.2f nats (uniform: %.2f). "
                            + "Teacher's top probability %.2f. This sample's KD term at T = %.1f: %.3f "
                            + "(weighted in the loss by α·T² = α × %.0f).", truth, Softmax.entropy(pt),
                    Softmax.entropy(qs), Math.log(qs.length), pt[AttentionView.argmax(pt)], t, kd, t * t));
        } else {
            stats.setText(String.format("True class: %s. Student entropy %.2f nats (uniform: %.2f). No teacher in "
                    + "this run: choose Q2 or A1 to compare with the teacher's distribution.", truth,
                    Softmax.entropy(qs), Math.log(qs.length)));
        }
    }
}
