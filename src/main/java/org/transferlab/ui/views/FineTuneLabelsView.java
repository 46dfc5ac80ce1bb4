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
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.transferlab.export.FineTuneFigures;
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
    private final ChartViewer viewer;
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
        viewer = Charts.viewer(FineTuneFigures.labels(new StrategyTable(), setting.getValue(), Map.of()));
        VBox.setVgrow(viewer, Priority.ALWAYS);
        table.setEditable(false);
        table.setId("ft-labels-table");
        table.setPrefRowCount(9);
        table.setStyle("-fx-font-family: Monospaced;");
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
        viewer.setChart(FineTuneFigures.labels(shipped, id, session.meanByStrategy()));
        table.setText(cells.isEmpty() ? "No shipped table for " + id + "; make one with\n  java -jar target/transferlab.jar "
                + "finetune-table --setting " + id + " --out runs/table-" + id
                : String.format(Locale.ROOT, "Shipped table, %s (test accuracy, mean ± sd over seeds 0–2):%n%n%s", id,
                StrategyTable.aligned(shipped.markdown(id))));
    }

    public void setting(String id) {
        setting.setValue(id);
    }

    public JFreeChart chart() {
        return viewer.getChart();
    }

    public int seriesCount() {
        return viewer.getChart().getXYPlot().getDataset().getSeriesCount();
    }
}
