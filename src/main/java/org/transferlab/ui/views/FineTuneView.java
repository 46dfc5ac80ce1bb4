package org.transferlab.ui.views;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.finetune.FineTuneConfig;
import org.transferlab.finetune.LayerPlan;
import org.transferlab.finetune.Strategy;
import org.transferlab.finetune.TargetTask;
import org.transferlab.ui.model.FineTuneSession;

/**
 * The fine-tuning chapter's main view: the setting, labels per class, strategy and learning-rate multiplier; the
 * layer table (per layer: frozen, patch or train, its multiplier, its parameters, frozen rows marked) with the
 * trainable count next to the total; Train and Stop with a progress bar; and every run's test accuracy per epoch,
 * overlaid.
 */
public final class FineTuneView extends VBox {
    private static final PseudoClass FROZEN = PseudoClass.getPseudoClass("frozen");

    private final ComboBox<String> setting = new ComboBox<>();
    private final NumberField perClass = new NumberField("ft-per-class", "labels per class", 3, 1, 1000, true);
    private final ComboBox<String> strategy = new ComboBox<>();
    private final NumberField multiplier = new NumberField("ft-lr-multiplier", "learning-rate multiplier",
            FineTuneConfig.DEFAULT_LR_MULTIPLIER, 0.001, 10, false);
    private final NumberField steps = new NumberField("ft-steps", "steps", FineTuneConfig.DEFAULT_STEPS, 1, 100000, true);
    private final NumberField seed = new NumberField("ft-seed", "seed", 0, 0, 1_000_000, true);
    private final Button train = new Button("Train");
    private final Button trainSeeds = new Button("Train 3 seeds");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Ready.");
    private final Label problem = new Label();
    private final Label count = new Label();
    private final TableView<Row> table = new TableView<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final XYSeriesCollection curves = new XYSeriesCollection();
    private final JFreeChart chart;

    /** One row of the layer table. */
    public static final class Row {
        final SimpleStringProperty name = new SimpleStringProperty();
        final SimpleStringProperty mode = new SimpleStringProperty();
        final SimpleObjectProperty<Double> multiplier = new SimpleObjectProperty<>();
        final SimpleStringProperty parameters = new SimpleStringProperty();

        public String name() {
            return name.get();
        }

        public String mode() {
            return mode.get();
        }
    }

    public FineTuneView() {
        setId("finetune-view");
        setSpacing(8);
        setPadding(new Insets(8));
        setting.getItems().setAll(java.util.Arrays.stream(TargetTask.values()).map(TargetTask::id).toList());
        setting.setValue(TargetTask.FASHION_SPLIT.id());
        setting.setId("ft-setting");
        strategy.getItems().setAll("scratch", "linear-probe", "top-1", "top-2", "top-3", "all", "bn-patch", "lwf");
        strategy.setValue("all");
        strategy.setId("ft-strategy");
        train.setId("ft-train");
        trainSeeds.setId("ft-train-seeds");
        stop.setId("ft-stop");
        stop.setDisable(true);
        progress.setId("ft-progress");
        progress.setPrefWidth(200);
        progress.setMinWidth(160);
        progressText.setId("ft-progress-text");
        problem.setId("ft-problem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        count.setId("ft-trainable");
        count.setWrapText(true);
        count.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        count.getStyleClass().add("setup-heading");
        for (NumberField f : List.of(perClass, multiplier, steps, seed)) {
            f.compact(70);
        }
        GridPane controls = new GridPane();
        controls.setHgap(8);
        controls.setVgap(6);
        controls.addRow(0, fixed("Setting"), setting, fixed("Labels per class"), perClass);
        controls.addRow(1, fixed("Strategy"), strategy, fixed("LR × pretrained"), multiplier);
        controls.addRow(2, fixed("Steps"), steps, fixed("Seed"), seed);
        for (Button b : List.of(train, trainSeeds, stop)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox buttons = new HBox(8, train, trainSeeds, stop);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        progressText.setWrapText(true);
        HBox progressRow = new HBox(8, progress, progressText);
        progressRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(progressText, Priority.ALWAYS);

        TableColumn<Row, String> name = new TableColumn<>("Layer");
        name.setCellValueFactory(r -> r.getValue().name);
        TableColumn<Row, String> mode = new TableColumn<>("Trains");
        mode.setCellValueFactory(r -> r.getValue().mode);
        mode.setCellFactory(ComboBoxTableCell.forTableColumn("frozen", "patch", "train"));
        mode.setOnEditCommit(e -> {
            Row r = e.getRowValue();
            overrides.put(r.name(), e.getNewValue().equals("train") ? format(r.multiplier.get() > 0
                    ? r.multiplier.get() : 1) : e.getNewValue());
            refreshTable();
        });
        TableColumn<Row, Double> mult = new TableColumn<>("LR ×");
        mult.setCellValueFactory(r -> r.getValue().multiplier);
        mult.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.control.TextField field = new javafx.scene.control.TextField();

            {
                field.setPrefColumnCount(4);
                field.setOnAction(e -> commitEdit(parse(field.getText())));
                field.focusedProperty().addListener((o, a, focused) -> {
                    if (!focused && isEditing()) {
                        commitEdit(parse(field.getText()));
                    }
                });
            }

            private Double parse(String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException ex) {
                    return getItem();
                }
            }

            @Override
            public void startEdit() {
                super.startEdit();
                field.setText(getItem() == null ? "" : format(getItem()));
                setGraphic(field);
                setText(null);
                field.requestFocus();
            }

            @Override
            public void cancelEdit() {
                super.cancelEdit();
                setGraphic(null);
                setText(getItem() == null ? "" : format(getItem()));
            }

            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setGraphic(null);
                setText(empty || v == null ? "" : v == 0 ? "—" : "×" + format(v));
            }
        });
        mult.setOnEditCommit(e -> {
            Double v = e.getNewValue();
            if (v != null && v >= 0 && v <= 10) {
                overrides.put(e.getRowValue().name(), v == 0 ? "frozen" : format(v));
            }
            refreshTable();
        });
        TableColumn<Row, String> params = new TableColumn<>("Parameters (trainable / all)");
        params.setCellValueFactory(r -> r.getValue().parameters);
        table.getColumns().setAll(List.of(name, mode, mult, params));
        table.setEditable(true);
        table.setId("ft-layers");
        Tables.fitColumns(table);
        table.setPrefHeight(200);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(FROZEN, !empty && r != null && r.mode().equals("frozen"));
            }
        });
        Button reset = new Button("Reset the table to the strategy");
        reset.setId("ft-reset-layers");
        reset.setOnAction(e -> {
            overrides.clear();
            refreshTable();
        });
        Label tableHelp = new Label("Layer table: double-click a cell to freeze a layer, patch it (γ, β only) or give it "
                + "its own learning-rate multiplier.");
        tableHelp.setWrapText(true);
        tableHelp.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        reset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox left = new VBox(8, controls, buttons, progressRow, problem, tableHelp, table, count, reset);
        left.setPrefWidth(500);
        left.setMinWidth(500);
        left.setMaxWidth(500);
        table.setMinHeight(180); // the layers stay readable: the column scrolls instead (projector mode)
        javafx.scene.control.ScrollPane leftScroll = new javafx.scene.control.ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        leftScroll.setMinWidth(520);
        leftScroll.setStyle("-fx-background-color: transparent; -fx-background: transparent;");

        chart = ChartFactory.createXYLineChart("Test accuracy per epoch, one line per run", "epoch",
                "test accuracy on the target", curves);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        Charts.style(chart);
        var viewer = Charts.viewer(chart);
        HBox.setHgrow(viewer, Priority.ALWAYS);
        HBox body = new HBox(10, leftScroll, viewer);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().add(body);

        setting.valueProperty().addListener((o, a, b) -> {
            overrides.clear();
            refreshTable();
        });
        strategy.valueProperty().addListener((o, a, b) -> {
            overrides.clear();
            refreshTable();
        });
        multiplier.field().textProperty().addListener((o, a, b) -> refreshTable());
        refreshTable();
    }

    /** A label that keeps its whole text (the grid gives the fields the room that is left). */
    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** Rebuilds the layer table from the strategy and the per-layer overrides; shows why a plan cannot train. */
    private void refreshTable() {
        try {
            List<LayerPlan.Layer> layers = LayerPlan.preview(task(), Strategy.parse(strategy.getValue()),
                    multiplier.validProperty().get() ? multiplier.value() : 1, overrides);
            ObservableList<Row> rows = FXCollections.observableArrayList();
            long all = 0;
            long trainable = 0;
            for (LayerPlan.Layer l : layers) {
                Row r = new Row();
                r.name.set(l.name());
                r.mode.set(l.mode().id());
                r.multiplier.set(l.multiplier());
                r.parameters.set(String.format(Locale.ROOT, "%,d / %,d%s", l.trainable(), l.parameters(),
                        l.mode() == LayerPlan.Mode.FROZEN ? "   ❄ frozen" : l.mode() == LayerPlan.Mode.PATCH
                                ? "   γ, β only" : l.name().equals(LayerPlan.HEAD) ? "   new head" : ""));
                rows.add(r);
                all += l.parameters();
                trainable += l.trainable();
            }
            table.setItems(rows);
            count.setText(String.format(Locale.ROOT, "Trainable: %,d of %,d parameters (%.1f %%)", trainable, all,
                    100.0 * trainable / all));
            problem.setText("");
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
        train.setDisable(!problem.getText().isEmpty() || running);
        trainSeeds.setDisable(train.isDisabled());
    }

    private boolean running;

    /** The config the controls describe, or null with the reason shown under them. */
    public FineTuneConfig config() {
        for (NumberField f : List.of(perClass, multiplier, steps, seed)) {
            if (!f.validProperty().get()) {
                problem.setText(f.message());
                return null;
            }
        }
        try {
            return FineTuneConfig.defaults().withStrategy(Strategy.parse(strategy.getValue()))
                    .withPerClass((int) perClass.value()).withLrMultiplier(multiplier.value())
                    .withSteps((int) steps.value()).withSeed((long) seed.value()).withLayers(Map.copyOf(overrides))
                    .withTask(task()).validate();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            return null;
        }
    }

    public TargetTask task() {
        return TargetTask.parse(setting.getValue());
    }

    /** Sets the controls (tests, screenshots, the guide). */
    public void set(String settingId, int n, String strategyId) {
        setting.setValue(settingId);
        perClass.set(n);
        strategy.setValue(strategyId);
    }

    /** Freezes or sets one layer as the table's cells do ({@code frozen}, {@code patch}, or a multiplier). */
    public void overrideLayer(String layer, String value) {
        overrides.put(layer, value);
        refreshTable();
    }

    public List<Row> rows() {
        return List.copyOf(table.getItems());
    }

    public String trainableText() {
        return count.getText();
    }

    public String problem() {
        return problem.getText();
    }

    public Button trainButton() {
        return train;
    }

    public Button trainSeedsButton() {
        return trainSeeds;
    }

    public Button stopButton() {
        return stop;
    }

    /** Training or idle: the buttons follow. */
    public void running(boolean r) {
        running = r;
        stop.setDisable(!r);
        refreshTable();
    }

    public void progress(double fraction, String text) {
        progress.setProgress(fraction);
        progressText.setText(text);
    }

    public String progressText() {
        return progressText.getText();
    }

    /** Redraws the accuracy curves from the session's runs. */
    public void redraw(FineTuneSession session) {
        Charts.batch(chart, () -> {
            curves.removeAllSeries();
            for (FineTuneSession.Run r : session.runs()) {
                XYSeries s = new XYSeries(r.label(), true, false);
                r.accuracy().forEach(s::add);
                curves.addSeries(s);
            }
        });
    }

    public JFreeChart chart() {
        return chart;
    }
}
