package org.transferlab.ui.views;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.transferlab.export.FineTuneFigures;
import org.transferlab.finetune.GeneralitySweep;

/**
 * How general are the features: test accuracy on B against the number of transferred conv layers n for BnB, BnB+,
 * AnB and AnB+, with base B (no transfer) as a line across ({@link FineTuneFigures#generality}); the shipped
 * result until the sweep is run here, on a thread of its own, with Stop.
 */
public final class GeneralityView extends VBox {
    private final ChartViewer viewer;
    private final TextArea table = new TextArea();
    private final Button run = new Button("Run the sweep (3 seeds, a few minutes)");
    private final Button stop = new Button("Stop");
    private final Label status = new Label();
    private volatile boolean stopRequested;
    private Path folder;
    private List<GeneralitySweep.Point> points = List.of();

    public GeneralityView() {
        setId("finetune-generality-view");
        setSpacing(8);
        setPadding(new Insets(8));
        viewer = Charts.viewer(FineTuneFigures.generality(List.of()));
        VBox.setVgrow(viewer, Priority.ALWAYS);
        table.setEditable(false);
        table.setId("ft-generality-table");
        table.setPrefRowCount(9);
        table.setStyle("-fx-font-family: Monospaced;");
        run.setId("ft-generality-run");
        stop.setId("ft-generality-stop");
        stop.setDisable(true);
        status.setId("ft-generality-status");
        status.setWrapText(true);
        run.setOnAction(e -> runSweep());
        stop.setOnAction(e -> stopRequested = true);
        getChildren().addAll(new HBox(8, run, stop, status), viewer, table);
        show(GeneralitySweep.shipped(), "Shipped result (made by the generality command, seeds 0–2; mean ± sd):");
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
                List<GeneralitySweep.Point> p = GeneralitySweep.run(GeneralitySweep.Plan.standard(), folder,
                        line -> Platform.runLater(() -> status.setText(line)), () -> stopRequested);
                Platform.runLater(() -> show(p, "Your sweep in " + folder + " (mean ± sd over seeds):"));
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

    /** Draws a sweep's points and its table. */
    public void show(List<GeneralitySweep.Point> p, String source) {
        this.points = List.copyOf(p);
        viewer.setChart(FineTuneFigures.generality(points));
        table.setText(points.isEmpty() ? "No result yet: run the sweep." : source + "\n\n"
                + org.transferlab.finetune.StrategyTable.aligned(GeneralitySweep.markdown(points)));
    }

    public JFreeChart chart() {
        return viewer.getChart();
    }

    public int seriesCount() {
        return viewer.getChart().getXYPlot().getDataset().getSeriesCount();
    }

    public void restyle() {
        show(points, table.getText().lines().findFirst().orElse(""));
    }
}
