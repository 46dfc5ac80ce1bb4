package org.transferlab.ui.views;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.finetune.GeneralitySweep;
import org.transferlab.finetune.StrategyTable;

/**
 * How general are the features: test accuracy on B against the number of transferred conv layers n for BnB, BnB+,
 * AnB and AnB+, with base B (no transfer) as a line across; the shipped result until the sweep is run here.
 */
public final class GeneralityView extends VBox {
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final JFreeChart chart;
    private final TextArea table = new TextArea();
    private final Button run = new Button("Run the sweep (3 seeds, a few minutes)");
    private final Button stop = new Button("Stop");
    private final Label status = new Label();
    private volatile boolean stopRequested;
    private Path folder;

    public GeneralityView() {
        setId("finetune-generality-view");
        setSpacing(8);
        setPadding(new Insets(8));
        chart = ChartFactory.createXYLineChart("How general are the features? Accuracy on B against transferred layers",
                "n: conv layers copied from a base network", "test accuracy on B (classes 5–9)", data);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.8, 3.2);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        Charts.style(chart);
        var viewer = Charts.viewer(chart);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        table.setEditable(false);
        table.setId("ft-generality-table");
        table.setPrefRowCount(8);
        table.setStyle("-fx-font-family: monospace;");
        run.setId("ft-generality-run");
        stop.setId("ft-generality-stop");
        stop.setDisable(true);
        status.setId("ft-generality-status");
        status.setWrapText(true);
        run.setOnAction(e -> runSweep());
        stop.setOnAction(e -> stopRequested = true);
        getChildren().addAll(new HBox(8, run, stop, status), viewer, table);
        show(GeneralitySweep.shipped(), "shipped result (made by the generality command, seeds 0–2)");
    }

    /** Where the sweep writes when run from the app. */
    public void folder(Path dir) {
        this.folder = dir;
    }

    private void runSweep() {
        if (folder == null) {
            return;
        }
        stopRequested = false;
        run.setDisable(true);
        stop.setDisable(false);
        status.setText("Training the base networks…");
        Thread t = new Thread(() -> {
            try {
                List<GeneralitySweep.Point> points = GeneralitySweep.run(GeneralitySweep.Plan.standard(), folder,
                        line -> Platform.runLater(() -> status.setText(line)), () -> stopRequested);
                Platform.runLater(() -> show(points, "your sweep in " + folder));
            } catch (java.util.concurrent.CancellationException e) {
                Platform.runLater(() -> status.setText(e.getMessage()));
            } catch (Exception | OutOfMemoryError e) {
                Platform.runLater(() -> status.setText("The sweep failed: " + e.getMessage()
                        + "; what it finished is kept in " + folder));
            } finally {
                Platform.runLater(() -> {
                    run.setDisable(false);
                    stop.setDisable(true);
                });
            }
        }, "transferlab-generality");
        t.setDaemon(true);
        t.start();
    }

    /** Draws a sweep's points: one line per variant, base B as a horizontal marker. */
    public void show(List<GeneralitySweep.Point> points, String source) {
        Map<String, Map<Integer, StrategyTable.Cell>> curve = GeneralitySweep.curve(points);
        Charts.batch(chart, () -> {
            data.removeAllSeries();
            chart.getXYPlot().clearRangeMarkers();
            for (String v : GeneralitySweep.VARIANTS) {
                XYSeries s = new XYSeries(v, true, false);
                curve.get(v).forEach((n, c) -> s.add(n.doubleValue(), c.mean()));
                data.addSeries(s);
            }
            StrategyTable.Cell base = curve.get("baseB").get(0);
            if (base != null) {
                ValueMarker m = new ValueMarker(base.mean());
                m.setLabel(String.format(Locale.ROOT, "base B %.3f", base.mean()));
                m.setPaint(java.awt.Color.DARK_GRAY);
                m.setStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                        1f, new float[]{6f, 4f}, 0f));
                m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
                chart.getXYPlot().addRangeMarker(m);
            }
        });
        table.setText(points.isEmpty() ? "No result yet: run the sweep." : source + "\n\n"
                + GeneralitySweep.markdown(points));
    }

    public JFreeChart chart() {
        return chart;
    }

    public int seriesCount() {
        return data.getSeriesCount();
    }
}
