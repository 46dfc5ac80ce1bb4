package org.transferlab.ui.views;

import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.finetune.StrategyTable;
import org.transferlab.finetune.TargetTask;
import org.transferlab.ui.model.FineTuneSession;

/**
 * Where transfer helps most: test accuracy against labels per class (log scale), one line per strategy, from the
 * shipped table (three seeds, mean) and, as dashed lines, the means of this session's completed runs; the shipped
 * table's mean ± sd below the chart.
 */
public final class FineTuneLabelsView extends VBox {
    private final ComboBox<String> setting = new ComboBox<>();
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final JFreeChart chart;
    private final TextArea table = new TextArea();
    private FineTuneSession session = new FineTuneSession();

    public FineTuneLabelsView() {
        setId("finetune-labels-view");
        setSpacing(8);
        setPadding(new Insets(8));
        setting.getItems().setAll(java.util.Arrays.stream(TargetTask.values()).map(TargetTask::id).toList());
        setting.setValue(TargetTask.FASHION_SPLIT.id());
        setting.setId("ft-labels-setting");
        setting.valueProperty().addListener((o, a, b) -> draw());
        chart = ChartFactory.createXYLineChart("Test accuracy against labels per class", "labels per class N",
                "test accuracy on the target", data);
        LogAxis x = new LogAxis("labels per class N (log scale)");
        x.setBase(10);
        x.setSmallestValue(0.8);
        chart.getXYPlot().setDomainAxis(x);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        Charts.style(chart);
        var viewer = Charts.viewer(chart);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        table.setEditable(false);
        table.setId("ft-labels-table");
        table.setPrefRowCount(9);
        table.setStyle("-fx-font-family: monospace;");
        getChildren().addAll(new HBox(8, new Label("Setting"), setting,
                new Label("solid: shipped table (seeds 0–2, mean); dashed: your runs in this session")), viewer, table);
        draw();
    }

    public void update(FineTuneSession s) {
        this.session = s;
        draw();
    }

    private void draw() {
        String id = setting.getValue();
        StrategyTable shipped = StrategyTable.shipped(id);
        Map<String, Map<Integer, StrategyTable.Cell>> cells = shipped.cells(id);
        Charts.batch(chart, () -> {
            data.removeAllSeries();
            cells.forEach((strategy, byN) -> {
                XYSeries s = new XYSeries(strategy, true, false);
                byN.forEach((n, c) -> s.add(n.doubleValue(), c.mean()));
                data.addSeries(s);
            });
            session.meanByStrategy().forEach((strategy, byN) -> {
                XYSeries s = new XYSeries("yours: " + strategy, true, false);
                byN.forEach((n, a) -> s.add(n.doubleValue(), a));
                data.addSeries(s);
            });
        });
        var r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            boolean yours = data.getSeriesKey(i).toString().startsWith("yours");
            r.setSeriesStroke(i, yours ? new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_ROUND,
                    java.awt.BasicStroke.JOIN_ROUND, 1f, new float[]{6f, 4f}, 0f) : new java.awt.BasicStroke(2.2f));
        }
        table.setText(cells.isEmpty() ? "No shipped table for " + id + "; make one with\n  java -jar target/transferlab.jar "
                + "finetune-table --setting " + id + " --out runs/table-" + id
                : String.format(Locale.ROOT, "Shipped table, %s (test accuracy, mean ± sd over seeds 0–2):%n%n%s", id,
                shipped.markdown(id)));
    }

    public void setting(String id) {
        setting.setValue(id);
    }

    public JFreeChart chart() {
        return chart;
    }

    public int seriesCount() {
        return data.getSeriesCount();
    }
}
