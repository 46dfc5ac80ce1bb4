package org.transferlab.ui.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskExercise;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskResult;
import org.transferlab.metrics.DecimatedSeries;
import org.transferlab.weightings.Weightings;

/**
 * Part 2 live: per-task loss curves and per-task loss-weight curves side by side, per-task test accuracy per
 * epoch, the cosine between the two tasks' gradients on the shared trunk (below zero they pull apart), the two
 * gradients and their weighted combination drawn as vectors (for MGDA, the min-norm point), and for A2 every
 * structure's per-task accuracy against its parameter count with the best marked.
 */
public final class MultiTaskView extends VBox implements MultiTaskListener {
    /** Its live charts by the name of the figure each is exported as (a workspace tile shows one of them). */
    private final java.util.Map<String, JFreeChart> byFigure = new java.util.LinkedHashMap<>();

    public java.util.Map<String, JFreeChart> chartsByFigure() {
        return java.util.Collections.unmodifiableMap(byFigure);
    }

    private static final int MAX = 400;
    private final ComboBox<MultiTaskExercise> exercise = new ComboBox<>();
    private final ComboBox<String> weighting = new ComboBox<>();
    // the weightings' fields, made from the registry's settings (label, default, range)
    private final NumberField fixed = NumberField.of("mtl-fixed", Weightings.TASK_WEIGHTS);
    private final NumberField initialS = NumberField.of("mtl-initial-s", Weightings.INITIAL_S);
    private final NumberField gradNormAlpha = NumberField.of("mtl-gradnorm-alpha", Weightings.GRADNORM_ALPHA);
    private final NumberField epochs = new NumberField("mtl-epochs", "epochs", 30, 1, 10000, true);
    private final NumberField images = new NumberField("mtl-images", "images/task", 1000, 0, 60000, true);
    private final Button train = new Button("Train part 2");
    private final Button stop = new Button("Stop");
    private final Label status = new Label("Two tasks: MNIST digits (task 1) and Fashion-MNIST (task 2), each with its own images.");
    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final XYSeriesCollection weights = new XYSeriesCollection();
    private final XYSeriesCollection accuracy = new XYSeriesCollection();
    private final XYSeriesCollection cosine = new XYSeriesCollection();
    private final XYSeriesCollection vectors = new XYSeriesCollection();
    private final XYSeriesCollection structures = new XYSeriesCollection();
    private final List<JFreeChart> charts = new ArrayList<>();
    private final JFreeChart weightChart;
    private final DecimatedSeries[] lossData = {new DecimatedSeries(MAX), new DecimatedSeries(MAX)};
    private final DecimatedSeries[] weightData = {new DecimatedSeries(MAX), new DecimatedSeries(MAX)};
    private DecimatedSeries cosineData = new DecimatedSeries(MAX);
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final Timeline timeline = new Timeline(new KeyFrame(Duration.millis(100), e -> drain()));
    private final List<Structure> finished = new ArrayList<>();
    private Step lastStep;
    private List<String> taskNames = List.of("task 1", "task 2");
    private final javafx.beans.property.BooleanProperty busy = new javafx.beans.property.SimpleBooleanProperty();

    public MultiTaskView() {
        exercise.getItems().setAll(MultiTaskExercise.values());
        exercise.setValue(MultiTaskExercise.Q2);
        exercise.setId("mtl-exercise");
        weighting.getItems().setAll(Weightings.SEPARATE_INPUT_NAMES);
        weighting.setValue("fixed");
        weighting.setId("mtl-weighting");
        train.setId("mtl-train");
        stop.setId("mtl-stop");
        train.getStyleClass().add("accent");
        stop.setDisable(true);
        for (NumberField f : numberFields()) {
            f.compact(f == fixed || f == initialS ? 70 : 60);
        }
        List<javafx.beans.Observable> watched = new ArrayList<>(List.of(busy));
        numberFields().forEach(f -> watched.add(f.validProperty()));
        train.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> busy.get() || !numberFields().stream().allMatch(f -> f.validProperty().get()),
                watched.toArray(javafx.beans.Observable[]::new)));
        FlowPane controls = new FlowPane(12, 6, labelled("Exercise", exercise), labelled("Weighting", weighting),
                labelled(Weightings.TASK_WEIGHTS.label(), fixed), labelled(Weightings.INITIAL_S.label(), initialS),
                labelled(Weightings.GRADNORM_ALPHA.label(), gradNormAlpha),
                labelled("epochs", epochs), labelled("images/task", images), new HBox(6, train, stop));
        controls.setAlignment(Pos.TOP_LEFT);
        weighting.valueProperty().addListener((o, a, w) -> {
            fixed.setDisable(!w.equals("fixed"));
            initialS.setDisable(!w.equals("uncertainty"));
            gradNormAlpha.setDisable(!w.equals("gradnorm"));
        });
        weighting.setValue("uncertainty");
        weighting.setValue("fixed");
        status.setWrapText(true);
        status.getStyleClass().add("caption");
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.setId("mtl-status");

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100 / 3.0);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            grid.getRowConstraints().add(rc);
        }
        JFreeChart lossChart = chart("Loss per task", "step", "cross-entropy", losses);
        grid.add(Charts.viewer(lossChart), 0, 0);
        weightChart = chart("Loss weight per task", "step", "weight wᵢ", weights);
        grid.add(Charts.viewer(weightChart), 1, 0);
        JFreeChart accuracyChart = chart("Test accuracy per task", "epoch", "accuracy", accuracy);
        grid.add(Charts.viewer(accuracyChart), 2, 0);
        JFreeChart cosineChart = chart("Gradient conflict on the shared trunk", "step", "cos(∇L₁, ∇L₂)", cosine);
        grid.add(Charts.viewer(cosineChart), 0, 1);
        byFigure.put("task-losses", lossChart);
        byFigure.put("task-weights", weightChart);
        byFigure.put("task-accuracy", accuracyChart);
        byFigure.put("gradient-conflict", cosineChart);
        JFreeChart v = chart("Task gradients and their combination", "", "", vectors);
        grid.add(Charts.viewer(v), 1, 1);
        JFreeChart s = chart("A2: structures", "parameters", "test accuracy", structures);
        ((XYLineAndShapeRenderer) s.getXYPlot().getRenderer()).setDefaultLinesVisible(false);
        ((XYLineAndShapeRenderer) s.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
        grid.add(Charts.viewer(s), 2, 1);
        byFigure.put("structures", s);
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().addAll(controls, status, grid);
        setSpacing(6);
        setPadding(new Insets(6));
    }

    /** A label and its control kept together on one line of the controls (a field's message goes under it). */
    private static HBox labelled(String text, javafx.scene.Node control) {
        Label l = new Label(text);
        l.setPadding(new Insets(4, 0, 0, 0));
        HBox box = new HBox(5, l, control);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private JFreeChart chart(String title, String x, String y, XYSeriesCollection data) {
        JFreeChart c = ChartFactory.createXYLineChart(title, x, y, data);
        c.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, false));
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        if (x.equals("step") || x.equals("epoch")) { // whole numbers: one epoch is "1", not 0.90 … 1.10
            ((NumberAxis) c.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        charts.add(c);
        Charts.style(c);
        return c;
    }

    public void restyle() {
        charts.forEach(Charts::style);
    }

    /** Every chart of this view, for export. */
    public List<JFreeChart> charts() {
        return List.copyOf(charts);
    }

    /** Wires Train and Stop: {@code start} receives the config and a run-folder name, {@code stopper} stops it. */
    public void onTrain(BiConsumer<MultiTaskConfig, String> start, Runnable stopper) {
        train.setOnAction(e -> {
            MultiTaskConfig c = config();
            if (c != null) {
                start.accept(c, exercise.getValue().id());
            }
        });
        stop.setOnAction(e -> stopper.run());
    }

    /** Calls back with the exercise whenever it changes (for the guide). */
    public void onExercise(Consumer<MultiTaskExercise> c) {
        exercise.valueProperty().addListener((o, a, v) -> c.accept(v));
    }

    public MultiTaskExercise exercise() {
        return exercise.getValue();
    }

    /** The settings as a config, or null with the problem shown under the controls. */
    public MultiTaskConfig config() {
        try {
            MultiTaskConfig d = MultiTaskConfig.defaults(exercise.getValue());
            return new MultiTaskConfig(exercise.getValue(), weighting.getValue(), fixed.values(), initialS.values(),
                    gradNormAlpha.value(), d.data(), null, (int) images.value(), (int) epochs.value(), d.batchSize(),
                    d.learningRate(), d.seed(), d.evalEvery(), d.widths()).validate();
        } catch (IllegalArgumentException e) {
            status.setText("Cannot train: " + e.getMessage().replace("--", ""));
            return null;
        }
    }

    /** The tab's numeric fields, each checked as it is typed. */
    public List<NumberField> numberFields() {
        return List.of(fixed, initialS, gradNormAlpha, epochs, images);
    }

    /** Marks the view busy or idle (JavaFX thread). */
    public void setRunning(boolean r, Path dir) {
        busy.set(r);
        stop.setDisable(!r);
        if (r) {
            status.setText("Training · saving to " + dir);
            timeline.setCycleCount(Timeline.INDEFINITE);
            timeline.play();
        }
    }

    public boolean isRunning() {
        return busy.get();
    }

    // --- events from the training thread: queued, then drawn on the JavaFX thread ---

    @Override
    public void onStart(Info info) {
        events.add(() -> {
            taskNames = info.tasks();
            for (DecimatedSeries[] d : List.of(lossData, weightData)) {
                d[0] = new DecimatedSeries(MAX);
                d[1] = new DecimatedSeries(MAX);
            }
            finished.clear();
            structures.removeAllSeries();
            for (XYSeriesCollection c : List.of(losses, weights, accuracy)) {
                c.removeAllSeries();
                c.addSeries(new XYSeries(taskNames.get(0) + " (task 1)", false, true));
                c.addSeries(new XYSeries(taskNames.get(1) + " (task 2)", false, true));
            }
            cosine.removeAllSeries();
            cosine.addSeries(new XYSeries("cosine", false, true));
            restyle();
        });
    }

    @Override
    public void onStructureStart(int index, String label, long parameters) {
        events.add(() -> {
            for (int t = 0; t < 2; t++) {
                lossData[t] = new DecimatedSeries(MAX);
                weightData[t] = new DecimatedSeries(MAX);
                accuracy.getSeries(t).clear();
            }
            cosineData = new DecimatedSeries(MAX);
            status.setText(String.format("Structure %d: %s, %,d parameters", index + 1, label, parameters));
        });
    }

    @Override
    public void onStep(Step s) {
        events.add(() -> {
            for (int t = 0; t < 2; t++) {
                lossData[t].add(s.step(), s.losses()[t]);
                weightData[t].add(s.step(), s.weights()[t]);
            }
            cosineData.add(s.step(), s.cosine());
            lastStep = s;
        });
    }

    @Override
    public void onEpoch(Epoch e) {
        events.add(() -> {
            for (int t = 0; t < 2; t++) {
                if (!Double.isNaN(e.testAccuracy()[t])) {
                    accuracy.getSeries(t).add(e.epoch(), e.testAccuracy()[t]);
                }
            }
        });
    }

    @Override
    public void onStructureEnd(Structure s) {
        events.add(() -> {
            finished.add(s);
            drawStructures();
        });
    }

    @Override
    public void onEnd(MultiTaskResult r) {
        events.add(() -> {
            setRunning(false, null);
            timeline.stop();
            status.setText(r.message() + (r.structures().size() > 1 && r.best() != null
                    ? String.format(" (mean %.4f)", MultiTaskResult.mean(r.best().testAccuracy())) : ""));
        });
    }

    private void drain() {
        Runnable r;
        boolean any = false;
        while ((r = events.poll()) != null) {
            r.run();
            any = true;
        }
        if (any && !losses.getSeries().isEmpty()) {
            for (int t = 0; t < 2; t++) {
                fill(losses.getSeries(t), lossData[t]);
            }
            Charts.batch(weightChart, () -> {
                for (int t = 0; t < 2; t++) {
                    fill(weights.getSeries(t), weightData[t]);
                }
                Charts.noteCoincidingSeries(weightChart); // fixed weights 1 and 1: one line over the other
            });
            fill(cosine.getSeries(0), cosineData);
            drawVectors();
        }
    }

    private static void fill(XYSeries series, DecimatedSeries data) {
        series.setNotify(false);
        series.clear();
        for (double[] p : data.points()) {
            series.add(p[0], p[1], false);
        }
        series.setNotify(true);
        series.fireSeriesChanged();
    }

    /** g1 along x; g2 at its angle; and the step's combination (MGDA: the min-norm point). */
    private void drawVectors() {
        GradientVectors.draw(vectors, charts.get(4).getXYPlot(), lastStep, taskNames, weighting.getValue());
    }

    private void drawStructures() {
        structures.removeAllSeries();
        XYSeries t1 = new XYSeries(taskNames.get(0), false, true);
        XYSeries t2 = new XYSeries(taskNames.get(1), false, true);
        for (Structure s : finished) {
            t1.add(s.parameters(), s.testAccuracy()[0]);
            t2.add(s.parameters(), s.testAccuracy()[1]);
        }
        structures.addSeries(t1);
        structures.addSeries(t2);
        XYPlot plot = charts.get(5).getXYPlot();
        plot.clearAnnotations();
        Structure best = new MultiTaskResult(null, "", finished, 0).best();
        if (best != null) {
            // one label, for the best structure; the others are told apart by the status line and structures.csv
            XYTextAnnotation a = new XYTextAnnotation("★ best: " + best.label(), best.parameters(),
                    Math.max(best.testAccuracy()[0], best.testAccuracy()[1]));
            a.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, (int) Math.round(11 * Charts.scale())));
            double mid = finished.stream().mapToLong(Structure::parameters).average().orElse(0);
            a.setTextAnchor(best.parameters() > mid ? org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT
                    : org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(a);
        }
        plot.getDomainAxis().setLowerMargin(0.08);
        plot.getDomainAxis().setUpperMargin(0.08);
        plot.getRangeAxis().setUpperMargin(0.15);
        restyle();
    }

    /** Points drawn in the loss and weight charts (for tests). */
    public int lossPoints() {
        return losses.getSeries().isEmpty() ? 0 : losses.getSeries(0).getItemCount() + weights.getSeries(0).getItemCount();
    }

    /** Epochs drawn in the test-accuracy chart of the current structure (for tests). */
    public int accuracyPoints() {
        return accuracy.getSeries().isEmpty() ? 0 : accuracy.getSeries(0).getItemCount();
    }

    public int structuresDrawn() {
        return finished.size();
    }

    /** Presses Train (for the screenshot command). */
    public void fire() {
        train.fire();
    }

    public void select(MultiTaskExercise e, String w, int epochCount, int imageCount) {
        exercise.setValue(e);
        weighting.setValue(w);
        epochs.set(epochCount);
        images.set(imageCount);
    }
}
