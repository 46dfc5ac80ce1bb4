package org.transferlab.ui.views;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.ui.model.FineTuneSession;

/** How far each layer of one run moves: ‖w − w₀‖ / ‖w₀‖ per layer against the step; frozen layers lie flat at zero. */
public final class FineTuneDriftView extends VBox {
    private final ComboBox<FineTuneSession.Run> run = new ComboBox<>();
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final JFreeChart chart;
    private final Label note = new Label("Train a run in the Fine-tune view; its layers' drift appears here.");
    private FineTuneSession session;

    public FineTuneDriftView() {
        setId("finetune-drift-view");
        setSpacing(8);
        setPadding(new Insets(8));
        run.setId("ft-drift-run");
        run.valueProperty().addListener((o, a, b) -> draw());
        chart = ChartFactory.createXYLineChart("How far each layer has moved from where it started", "step",
                "‖w − w₀‖ / ‖w₀‖", data);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        Charts.style(chart);
        var viewer = Charts.viewer(chart);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        note.setWrapText(true);
        note.setId("ft-drift-note");
        getChildren().addAll(new HBox(8, new Label("Run"), run), note, viewer);
    }

    /** Offers the session's runs, keeping the one shown (or the newest). */
    public void update(FineTuneSession s) {
        this.session = s;
        FineTuneSession.Run shown = run.getValue();
        run.getItems().setAll(s.runs());
        run.setValue(shown != null && s.runs().contains(shown) ? shown : s.runs().isEmpty() ? null
                : s.runs().get(s.runs().size() - 1));
        draw();
    }

    private void draw() {
        FineTuneSession.Run r = run.getValue();
        Charts.batch(chart, () -> {
            data.removeAllSeries();
            if (r == null) {
                return;
            }
            Map<String, XYSeries> byLayer = new LinkedHashMap<>();
            r.drift().forEach((step, layers) -> layers.forEach((layer, v) ->
                    byLayer.computeIfAbsent(layer, k -> new XYSeries(k, true, false)).add(step.doubleValue(), v)));
            byLayer.values().forEach(data::addSeries);
        });
        if (r != null && !r.drift().isEmpty()) {
            var last = ((java.util.TreeMap<Long, Map<String, Double>>) r.drift()).lastEntry().getValue();
            StringBuilder sb = new StringBuilder("After " + ((java.util.TreeMap<Long, ?>) r.drift()).lastKey()
                    + " steps:");
            last.forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT, "  %s %.3f", k, v)));
            note.setText(sb.toString());
        }
    }

    public JFreeChart chart() {
        return chart;
    }

    public int seriesCount() {
        return data.getSeriesCount();
    }
}
