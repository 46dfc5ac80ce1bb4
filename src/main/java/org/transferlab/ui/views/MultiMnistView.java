package org.transferlab.ui.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.export.TradeOffFigure;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.multimnist.MultiMnistConfig;
import org.transferlab.multimnist.MultiMnistTask;

/**
 * Chapter 4's view: MultiMNIST with an architecture and a weighting; Train and Stop with a progress bar; the two
 * digits' test accuracy per epoch; the cross-stitch α (mean per unit) as they learn; and the trade-off front
 * (shipped, seed 0) with this session's runs as points on it.
 */
public final class MultiMnistView extends VBox {
    /** Its live charts by the name of the figure each is exported as (a workspace tile shows one of them). */
    public java.util.Map<String, JFreeChart> charts() {
        java.util.Map<String, JFreeChart> m = new java.util.LinkedHashMap<>();
        m.put("task-accuracy", accuracyChart);
        m.put("cross-stitch-alpha", alphaChart);
        m.put("task-weights", weightChart);
        m.put("gradient-conflict", cosineChart);
        return m;
    }

    private final ComboBox<String> architecture = new ComboBox<>();
    private final ComboBox<String> weighting = new ComboBox<>();
    /** The two tasks: the two digits, or the left digit and the digit sum (a regression). */
    private final ComboBox<String> tasks = new ComboBox<>();
    private static final String DIGITS = "left + right digit";
    private static final String SUM = "left digit + digit sum (regression)";
    private final NumberField epochs = new NumberField("mm-epochs", "epochs", 3, 1, 1000, true);
    private final NumberField images = new NumberField("mm-images", "training canvases", 10_000, 100, 100_000, true);
    private final NumberField seed = new NumberField("mm-seed", "seed", 0, 0, 1_000_000, true);
    private final Button train = new Button("Train");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Ready.");
    private final XYSeriesCollection accuracy = new XYSeriesCollection();
    private final XYSeriesCollection alphas = new XYSeriesCollection();
    private final JFreeChart accuracyChart;
    private final JFreeChart alphaChart;
    private final XYSeriesCollection cosine = new XYSeriesCollection();
    private final XYSeriesCollection weightSeries = new XYSeriesCollection();
    private final JFreeChart weightChart;
    private org.transferlab.metrics.DecimatedSeries[] weightData = newWeightData();
    private final XYSeriesCollection vectors = new XYSeriesCollection();
    private final JFreeChart cosineChart;
    private final JFreeChart vectorChart;
    private org.transferlab.metrics.DecimatedSeries cosineData = new org.transferlab.metrics.DecimatedSeries(400);
    private final Object cosineLock = new Object();
    private final java.util.concurrent.atomic.AtomicReference<MultiTaskListener.Step> lastStep =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final javafx.animation.Timeline redraw = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
            javafx.util.Duration.millis(100), e -> drawGradients()));
    private volatile boolean gradientsChanged;
    private List<String> taskNames = List.of("left digit", "right digit");
    private String runWeighting = "fixed";
    private final ChartViewer front;
    private final List<TradeOffFigure.Point> shippedFront;
    private final List<TradeOffFigure.Point> yours = new ArrayList<>();

    public MultiMnistView(List<TradeOffFigure.Point> shippedFront) {
        this.shippedFront = List.copyOf(shippedFront);
        setId("multimnist-view");
        setSpacing(8);
        setPadding(new Insets(8));
        architecture.getItems().setAll(MultiMnistConfig.ARCHITECTURES);
        architecture.setValue("cross-stitch");
        architecture.setId("mm-architecture");
        weighting.getItems().setAll(MultiMnistConfig.weightings());
        weighting.setValue("fixed");
        weighting.setId("mm-weighting");
        tasks.getItems().setAll(DIGITS, SUM);
        tasks.setValue(DIGITS);
        tasks.setId("mm-tasks");
        train.setId("mm-train");
        stop.setId("mm-stop");
        stop.setDisable(true);
        status.setId("mm-status");
        status.setWrapText(true);
        progress.setMinWidth(160);
        for (NumberField f : List.of(epochs, images, seed)) {
            f.compact(80);
        }
        GridPane controls = new GridPane();
        controls.setHgap(8);
        controls.setVgap(6);
        controls.addRow(0, fixed("Architecture"), architecture, fixed("Weighting"), weighting, fixed("Tasks"), tasks);
        controls.addRow(1, fixed("Epochs"), epochs, fixed("Training canvases"), images, fixed("Seed"), seed);
        HBox bar = new HBox(8, train, stop, progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        accuracyChart = ChartFactory.createXYLineChart("Test accuracy per task", "epoch", "test accuracy", accuracy);
        accuracyChart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) accuracyChart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) accuracyChart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        Charts.style(accuracyChart);
        alphaChart = ChartFactory.createXYLineChart("Cross-stitch α (mean over channels)", "epoch", "α", alphas);
        alphaChart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) alphaChart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        Charts.style(alphaChart);
        cosineChart = ChartFactory.createXYLineChart("Gradient conflict on what the tasks share", "step",
                "cos(∇L₁, ∇L₂)", cosine);
        Charts.style(cosineChart);
        vectorChart = ChartFactory.createXYLineChart("Task gradients and the step taken", "", "", vectors);
        Charts.style(vectorChart);
        front = Charts.viewer(frontChart());
        weightChart = ChartFactory.createXYLineChart("Loss weight per task", "step", "weight wᵢ", weightSeries);
        Charts.style(weightChart);
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.setVgap(6);
        for (int col = 0; col < 3; col++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100 / 3.0);
            charts.getColumnConstraints().add(cc);
        }
        for (int row = 0; row < 2; row++) {
            javafx.scene.layout.RowConstraints rc = new javafx.scene.layout.RowConstraints();
            rc.setPercentHeight(50);
            charts.getRowConstraints().add(rc);
        }
        charts.add(Charts.viewer(accuracyChart), 0, 0);
        charts.add(Charts.viewer(alphaChart), 1, 0);
        charts.add(front, 2, 0);
        charts.add(Charts.viewer(weightChart), 0, 1);
        charts.add(Charts.viewer(cosineChart), 1, 1);
        charts.add(Charts.viewer(vectorChart), 2, 1);
        redraw.setCycleCount(javafx.animation.Animation.INDEFINITE);
        VBox.setVgrow(charts, Priority.ALWAYS);
        getChildren().addAll(controls, bar, charts);
    }

    private static org.transferlab.metrics.DecimatedSeries[] newWeightData() {
        return new org.transferlab.metrics.DecimatedSeries[]{new org.transferlab.metrics.DecimatedSeries(400),
                new org.transferlab.metrics.DecimatedSeries(400)};
    }

    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private JFreeChart frontChart() {
        return TradeOffFigure.chart("Performance against weights (hard sharing, seed 0)", "left digit", "right digit",
                shippedFront, yours);
    }

    /** The config the controls describe, or null with the reason in the status line. */
    public MultiMnistConfig config() {
        for (NumberField f : List.of(epochs, images, seed)) {
            if (!f.validProperty().get()) {
                status.setText(f.message());
                return null;
            }
        }
        MultiMnistConfig d = MultiMnistConfig.defaults();
        try {
            boolean sum = SUM.equals(tasks.getValue());
            return new MultiMnistConfig(architecture.getValue(), weighting.getValue(), d.fixedWeights(), d.initialS(),
                    d.gradNormAlpha(), (int) images.value(), d.testImages(), (int) epochs.value(), d.batchSize(),
                    d.learningRate(), (long) seed.value(), d.widths(), d.stitchLr(),
                    sum ? List.of(MultiMnistTask.LEFT, MultiMnistTask.SUM) : MultiMnistConfig.DIGITS, 0).validate();
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return null;
        }
    }

    /** Shows a run's settings in the controls (a resumed run). */
    public void show(MultiMnistConfig c) {
        set(c.architecture(), c.weighting(), c.epochs(), c.trainImages());
        seed.set(c.seed());
        tasks.setValue(c.tasks().contains(MultiMnistTask.SUM) ? SUM : DIGITS);
    }

    public void set(String arch, String w, int e, int n) {
        architecture.setValue(arch);
        weighting.setValue(w);
        epochs.set(e);
        images.set(n);
    }

    public Button trainButton() {
        return train;
    }

    public Button stopButton() {
        return stop;
    }

    public void running(boolean r) {
        train.setDisable(r);
        stop.setDisable(!r);
        if (!r) {
            gradientsChanged = true;
            drawGradients();
            redraw.stop();
        }
    }

    /** A new run: its curves start empty. */
    public void started(String label, MultiMnistConfig c) {
        taskNames = c.tasks().stream().map(MultiMnistTask::label).toList();
        runWeighting = c.weighting();
        Charts.batch(accuracyChart, () -> {
            accuracy.removeAllSeries();
            for (MultiMnistTask t : c.tasks()) {
                accuracy.addSeries(new XYSeries(label + ": " + t.label() + (t.regression() ? " (rounded = sum)" : ""),
                        true, false));
            }
        });
        Charts.batch(alphaChart, alphas::removeAllSeries);
        alphaChart.setTitle(c.architecture().equals("cross-stitch") ? "Cross-stitch α (mean over channels)"
                : "Cross-stitch α: none in " + (c.architecture().equals("hard") ? "hard sharing" : "separate networks"));
        Charts.style(alphaChart);
        synchronized (cosineLock) {
            cosineData = new org.transferlab.metrics.DecimatedSeries(400);
            weightData = newWeightData();
        }
        lastStep.set(null);
        Charts.batch(cosineChart, cosine::removeAllSeries);
        vectors.removeAllSeries();
        redraw.play();
    }

    /**
     * Where a run's steps go for the gradient charts (any thread): the cosine between the task gradients on what
     * the tasks share (∂L/∂Z for MGDA-UB) and the last step's vectors, drawn ten times a second.
     */
    public java.util.function.Consumer<MultiTaskListener.Step> gradients() {
        return s -> {
            synchronized (cosineLock) {
                if (Double.isFinite(s.cosine())) {
                    cosineData.add(s.step(), s.cosine());
                }
                weightData[0].add(s.step(), s.weights()[0]);
                weightData[1].add(s.step(), s.weights()[1]);
            }
            lastStep.set(s);
            gradientsChanged = true;
        };
    }

    private void drawGradients() {
        if (!gradientsChanged) {
            return;
        }
        gradientsChanged = false;
        List<double[]> points;
        List<List<double[]>> w;
        synchronized (cosineLock) {
            points = cosineData.points();
            w = List.of(weightData[0].points(), weightData[1].points());
        }
        Charts.batch(weightChart, () -> {
            weightSeries.removeAllSeries();
            for (int t = 0; t < 2; t++) {
                XYSeries s = new XYSeries(taskNames.get(t), true, false);
                for (double[] p : w.get(t)) {
                    s.add(p[0], p[1], false);
                }
                weightSeries.addSeries(s);
            }
            Charts.noteCoincidingSeries(weightChart); // fixed weights 1 and 1: one line over the other
        });
        Charts.batch(cosineChart, () -> {
            cosine.removeAllSeries();
            XYSeries s = new XYSeries("cos(∇L₁, ∇L₂)", true, false);
            for (double[] p : points) {
                s.add(p[0], p[1], false);
            }
            cosine.addSeries(s);
        });
        GradientVectors.draw(vectors, vectorChart.getXYPlot(), lastStep.get(), taskNames, runWeighting);
    }

    public void progress(double fraction, String text) {
        progress.setProgress(fraction);
        status.setText(text);
    }

    public String status() {
        return status.getText();
    }

    public void epoch(int epoch, double left, double right) {
        Charts.batch(accuracyChart, () -> {
            accuracy.getSeries(0).add(epoch, left);
            accuracy.getSeries(1).add(epoch, right);
        });
    }

    /** Per unit the mean α(A←A) and α(A←B) (how much column A keeps of itself and takes from B), and α(B←A), α(B←B). */
    public void alphas(int epoch, Map<String, double[]> means) {
        Charts.batch(alphaChart, () -> means.forEach((unit, a) -> {
            String u = unit.replace("/alpha", "");
            for (int k = 0; k < 4; k++) {
                String key = u + " " + org.transferlab.export.RunFigures.CROSS_STITCH_ALPHAS[k];
                int i = alphas.indexOf(key);
                XYSeries s = i >= 0 ? alphas.getSeries(i) : new XYSeries(key, true, false);
                if (i < 0) {
                    alphas.addSeries(s);
                }
                s.add(epoch, a[k]);
            }
        }));
    }

    /** A finished run on the two digits becomes a point on the front chart (left against right accuracy). */
    public void finished(String label, List<MultiMnistTask> runTasks, double left, double right) {
        if (runTasks.equals(MultiMnistConfig.DIGITS)) {
            yours.add(new TradeOffFigure.Point(label, left, right));
            front.setChart(frontChart());
        }
    }

    /** Points in the gradient-conflict chart (for tests). */
    public int cosinePoints() {
        return cosine.getSeriesCount() == 0 ? 0 : cosine.getSeries(0).getItemCount();
    }

    public int accuracyPoints() {
        return accuracy.getSeriesCount() == 0 ? 0 : accuracy.getSeries(0).getItemCount();
    }

    public int alphaSeries() {
        return alphas.getSeriesCount();
    }

    public static Map<String, double[]> parseFront(List<String> lines) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = l.split(",");
            if (f.length == 3) {
                m.put(f[0], new double[]{Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        }
        return m;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
