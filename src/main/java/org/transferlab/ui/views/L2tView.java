package org.transferlab.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.export.LambdaFigures;
import org.transferlab.l2t.L2tConfig;
import org.transferlab.l2t.L2tListener;
import org.transferlab.l2t.L2tMethod;

/**
 * The L2T chapter's view: a method of the paper's table, labels per class, epochs, seed; Train and Stop with a
 * progress bar; the test accuracy of every run of the session overlaid; and what the running method learns: λ per
 * (source, target) pair as a heat map, the channel weights of its heaviest pair, and each pair's matching loss.
 */
public final class L2tView extends VBox {
    private final ComboBox<String> method = new ComboBox<>();
    private final ComboBox<String> source = new ComboBox<>();
    private final ComboBox<String> target = new ComboBox<>();
    /** φ's learning rate: the authors' 1e-4, or 5e-3 scaled to this chapter's 150 steps (README). */
    private final ComboBox<String> metaLr = new ComboBox<>();
    private final NumberField perClass = new NumberField("l2t-per-class", "labels per class", 10, 1, 1000, true);
    private final NumberField epochs = new NumberField("l2t-epochs", "epochs", 75, 1, 100_000, true);
    private final NumberField seed = new NumberField("l2t-seed", "seed", 0, 0, 1_000_000, true);
    private final Button train = new Button("Train");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Ready.");
    private final XYSeriesCollection accuracy = new XYSeriesCollection();
    private final JFreeChart accuracyChart;
    private final ChartViewer lambdaViewer;
    private final XYSeriesCollection channelData = new XYSeriesCollection();
    private final JFreeChart channelChart;
    private final XYSeriesCollection pairLosses = new XYSeriesCollection();
    private final XYSeriesCollection pairLambdas = new XYSeriesCollection();
    /** What the per-pair chart shows: each pair's matching loss, or its λ (how L2T-ww switches pairs off). */
    private final ComboBox<String> pairShown = new ComboBox<>();
    private static final String SHOW_LOSS = "matching loss";
    private static final String SHOW_LAMBDA = "λ";
    private final JFreeChart pairChart;
    private XYSeries current;
    private final javafx.scene.control.TableView<Row> table = new javafx.scene.control.TableView<>();

    /**
     * A row of the comparison table: the README's 5-seed means ± sd (shipped as
     * {@code resources/l2t/table-fashion-split.csv}) and this session's runs of the method.
     */
    public record Row(String method, List<String> cells, String yours) {
    }
    private int lambdaDrawn;

    public L2tView() {
        setId("l2t-view");
        setSpacing(8);
        setPadding(new Insets(8));
        for (L2tMethod m : L2tMethod.values()) {
            method.getItems().add(m.id());
        }
        method.setValue(L2tMethod.L2T_WW.id());
        method.setId("l2t-method");
        source.getItems().addAll(L2tConfig.NETWORKS);
        source.setValue(L2tConfig.SMALL);
        source.setId("l2t-source");
        source.setTooltip(new javafx.scene.control.Tooltip("The frozen source, trained on Fashion-MNIST classes 0–4 "
                + "only: cnn-small (8/16/32 channels, 0.82 on its classes) or cnn-large (32/64/128, 0.93)"));
        target.getItems().addAll(L2tConfig.NETWORKS);
        target.setValue(L2tConfig.SMALL);
        target.setId("l2t-target");
        target.setTooltip(new javafx.scene.control.Tooltip("The target network, trained from scratch on classes 5–9"));
        metaLr.getItems().addAll("1e-4", "5e-3");
        metaLr.setValue("1e-4");
        metaLr.setId("l2t-meta-lr");
        metaLr.setTooltip(new javafx.scene.control.Tooltip("φ's Adam learning rate: 1e-4 as the authors (about 7 000 "
                + "steps on STL-10; here λ hardly moves in 150 steps) or 5e-3, scaled to this chapter's 150 steps"));
        train.setId("l2t-train");
        stop.setId("l2t-stop");
        stop.setDisable(true);
        status.setId("l2t-status");
        status.setWrapText(true);
        progress.setMinWidth(160);
        for (NumberField f : List.of(perClass, epochs, seed)) {
            f.compact(80);
        }
        GridPane controls = new GridPane();
        controls.setHgap(8);
        controls.setVgap(6);
        controls.addRow(0, new Label("Method"), method, new Label("Source"), source, new Label("Target"), target,
                new Label("Meta lr"), metaLr);
        pairShown.getItems().addAll(SHOW_LOSS, SHOW_LAMBDA);
        pairShown.setValue(SHOW_LOSS);
        pairShown.setId("l2t-pair-shown");
        pairShown.setTooltip(new javafx.scene.control.Tooltip("The lower-left chart: each pair's unweighted matching "
                + "loss, or its λ against the epoch (L2T-ww learns λ; the other methods fix it at 1)"));
        pairShown.valueProperty().addListener((o, a, b) -> showPairs());
        controls.addRow(1, new Label("Labels per class"), perClass, new Label("Epochs"), epochs, new Label("Seed"),
                seed, new Label("Per pair"), pairShown);
        HBox bar = new HBox(8, train, stop, progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        accuracyChart = ChartFactory.createXYLineChart("Test accuracy (classes 5–9)", "epoch", "test accuracy",
                accuracy);
        accuracyChart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) accuracyChart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) accuracyChart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        Charts.style(accuracyChart);
        lambdaViewer = Charts.viewer(placeholder("λ per (source, target) pair: L2T-ww learns it; the others fix λ = 1"));
        channelChart = ChartFactory.createXYBarChart("Channel weights of the heaviest pair", "source channel", false,
                "mean weight", channelData);
        channelChart.removeLegend();
        ((NumberAxis) channelChart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        Charts.style(channelChart);
        pairChart = ChartFactory.createXYLineChart("Matching loss per pair (unweighted)", "epoch", "matching loss L(m,n)",
                pairLosses);
        pairChart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) pairChart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        Charts.style(pairChart);
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.setVgap(6);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            charts.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            charts.getRowConstraints().add(rc);
        }
        charts.add(Charts.viewer(accuracyChart), 0, 0);
        charts.add(lambdaViewer, 1, 0);
        charts.add(Charts.viewer(pairChart), 0, 1);
        charts.add(Charts.viewer(channelChart), 1, 1);
        buildTable();
        VBox.setVgrow(charts, Priority.ALWAYS);
        getChildren().addAll(controls, bar, charts);
    }

    /** The table's columns of shipped results: (source, labels per class). */
    private static final String[][] SHIPPED_COLUMNS = {{"cnn-small", "10"}, {"cnn-small", "3"}, {"cnn-large", "10"},
        {"cnn-large", "3"}, {"cnn-large", "1"}};

    private void buildTable() {
        table.setId("l2t-table");
        table.getColumns().add(column("method", r -> r.method()));
        javafx.scene.control.TableColumn<Row, String> group = null;
        for (int k = 0; k < SHIPPED_COLUMNS.length; k++) {
            int col = k;
            if (group == null || !group.getText().startsWith(SHIPPED_COLUMNS[k][0])) {
                group = new javafx.scene.control.TableColumn<>(SHIPPED_COLUMNS[k][0] + " source → cnn-small");
                table.getColumns().add(group);
            }
            group.getColumns().add(column(SHIPPED_COLUMNS[k][1] + (SHIPPED_COLUMNS[k][1].equals("1") ? " label"
                    : " labels"), r -> r.cells().get(col)));
        }
        table.getColumns().add(column("your runs (accuracy, source, labels)", r -> r.yours()));
        Tables.fitColumns(table);
        Map<String, String[]> shipped = new java.util.LinkedHashMap<>();
        for (L2tMethod m : L2tMethod.values()) {
            shipped.put(m.id(), blank());
        }
        try (var in = L2tView.class.getResourceAsStream("/l2t/table-fashion-split.csv")) {
            if (in != null) {
                List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
                for (String l : lines.subList(1, lines.size())) {
                    String[] f = l.split(",");
                    String[] cell = shipped.computeIfAbsent(f[2], k -> blank());
                    for (int k = 0; k < SHIPPED_COLUMNS.length; k++) {
                        if (SHIPPED_COLUMNS[k][0].equals(f[0]) && SHIPPED_COLUMNS[k][1].equals(f[1])) {
                            cell[k] = String.format(java.util.Locale.ROOT, "%.3f ± %.3f", Double.parseDouble(f[3]),
                                    Double.parseDouble(f[4]));
                        }
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            shipped.replaceAll((k, v) -> blank()); // the table then shows only this session's runs
        }
        shipped.forEach((k, v) -> table.getItems().add(new Row(k, List.of(v), "")));
    }

    private static String[] blank() {
        String[] b = new String[SHIPPED_COLUMNS.length];
        java.util.Arrays.fill(b, "–");
        return b;
    }

    private static javafx.scene.control.TableColumn<Row, String> column(String title,
                                                                        java.util.function.Function<Row, String> value) {
        javafx.scene.control.TableColumn<Row, String> col = new javafx.scene.control.TableColumn<>(title);
        col.setCellValueFactory(r -> new javafx.beans.property.SimpleStringProperty(value.apply(r.getValue())));
        col.setSortable(false);
        return col;
    }

    /**
     * A finished run's accuracy joins its row ("your runs"): the method's, or the method's row at the budget-scaled
     * meta learning rate when the run used it.
     */
    public void finished(L2tConfig c, double accuracy) {
        String scaled = c.method().id() + " (meta lr 5e-3)";
        boolean hasScaled = table.getItems().stream().anyMatch(r -> r.method().equals(scaled));
        String key = c.method().meta() && c.metaLearningRate() == 5e-3 && hasScaled ? scaled : c.method().id();
        for (int i = 0; i < table.getItems().size(); i++) {
            Row r = table.getItems().get(i);
            if (r.method().equals(key)) {
                String add = String.format(java.util.Locale.ROOT, "%.3f (%s, N=%d)", accuracy,
                        c.sourceName().replace("cnn-", ""), c.perClass());
                table.getItems().set(i, new Row(r.method(), r.cells(), r.yours().isEmpty() ? add
                        : r.yours() + ", " + add));
            }
        }
    }

    /**
     * The comparison table as its own pane (the chapter's second tab): the README's 5-seed table on fashion-split
     * and, per method, the accuracy of this session's runs.
     */
    public javafx.scene.Node tablePane() {
        Label title = new Label("The paper's table on fashion-split (Fashion-MNIST classes 0–4 → 5–9): test accuracy "
                + "of the cnn-small target, mean ± sd over 5 seeds (README), and your runs of this session. Paper, STL-10 (%): scratch 65.18, AT 74.19, FM one-to-one 76.38, "
                + "L2T-w 76.42, L2T-ww 78.31.");
        title.setWrapText(true);
        VBox box = new VBox(6, title, table);
        box.setPadding(new Insets(8));
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setId("l2t-table-view");
        return box;
    }

    /** The comparison table's rows (for tests). */
    public List<Row> tableRows() {
        return List.copyOf(table.getItems());
    }

    private static JFreeChart placeholder(String title) {
        JFreeChart c = ChartFactory.createXYLineChart(title, "target layer n", "source layer m", new XYSeriesCollection());
        Charts.style(c);
        return c;
    }

    /** The config the controls describe, or null with the reason in the status line. */
    public L2tConfig config() {
        for (NumberField f : List.of(perClass, epochs, seed)) {
            if (!f.validProperty().get()) {
                status.setText(f.message());
                return null;
            }
        }
        L2tConfig d = L2tConfig.defaults(L2tMethod.parse(method.getValue()));
        try {
            return new L2tConfig(d.method(), (int) perClass.value(), (int) epochs.value(), d.batchSize(),
                    d.learningRate(), d.beta(), Double.parseDouble(metaLr.getValue()), d.innerSteps(),
                    d.innerLearningRate(), (long) seed.value(), d.evaluations(), d.data(), source.getValue(),
                    target.getValue()).validate();
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return null;
        }
    }

    /** Shows a run's settings in the controls (a resumed run). */
    public void show(L2tConfig c) {
        set(c.method().id(), c.perClass(), c.epochs());
        seed.set(c.seed());
        if (!L2tConfig.NETWORKS.contains(c.source())) {
            source.getItems().add(c.source());
        }
        source.setValue(c.source());
        target.setValue(c.target());
        String lr = c.metaLearningRate() == 1e-4 ? "1e-4" : c.metaLearningRate() == 5e-3 ? "5e-3"
                : String.valueOf(c.metaLearningRate());
        if (!metaLr.getItems().contains(lr)) {
            metaLr.getItems().add(lr);
        }
        metaLr.setValue(lr);
    }

    /** Sets networks and meta learning rate (the screenshots' second run). */
    public void setNetworks(String s, String t, String lr) {
        source.setValue(s);
        target.setValue(t);
        metaLr.setValue(lr);
    }

    public void set(String m, int labels, int e) {
        method.setValue(m);
        perClass.set(labels);
        epochs.set(e);
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
    }

    /** A new run: its accuracy curve joins the others; its pairs' charts start empty. */
    public void started(String label) {
        current = new XYSeries(label, true, false);
        Charts.batch(accuracyChart, () -> accuracy.addSeries(current));
        Charts.batch(pairChart, () -> {
            pairLosses.removeAllSeries();
            pairLambdas.removeAllSeries();
        });
        channelData.removeAllSeries();
        lambdaViewer.setChart(placeholder("λ per (source, target) pair: L2T-ww learns it; the others fix λ = 1"));
    }

    public void progress(double fraction, String text) {
        progress.setProgress(fraction);
        status.setText(text);
    }

    public String status() {
        return status.getText();
    }

    public void epoch(int epoch, double testAccuracy) {
        if (current != null && !Double.isNaN(testAccuracy)) {
            Charts.batch(accuracyChart, () -> current.add(epoch, testAccuracy));
        }
    }

    /** After an evaluated epoch: λ as a heat map, the heaviest pair's channel weights, each pair's loss. */
    public void pairs(int epoch, Map<L2tMethod.Pair, L2tListener.PairState> pairs) {
        Map<L2tMethod.Pair, Double> lambda = new java.util.LinkedHashMap<>();
        L2tMethod.Pair heaviest = null;
        for (var e : pairs.entrySet()) {
            lambda.put(e.getKey(), e.getValue().lambda());
            if (heaviest == null || e.getValue().lambda() > pairs.get(heaviest).lambda()) {
                heaviest = e.getKey();
            }
        }
        lambdaViewer.setChart(LambdaFigures.heatMap(lambda, String.valueOf(epoch)));
        lambdaDrawn++;
        double[] w = pairs.get(heaviest).channelWeights();
        XYSeries bars = new XYSeries("weight", true, false);
        for (int c = 0; c < w.length; c++) {
            bars.add(c, w[c]);
        }
        channelData.removeAllSeries();
        channelData.addSeries(bars);
        channelChart.setTitle("Channel weights of " + heaviest + " (largest λ), epoch " + epoch);
        Charts.style(channelChart);
        Charts.batch(pairChart, () -> pairs.forEach((p, s) -> {
            series(pairLosses, p.toString()).add(epoch, s.matchingLoss());
            series(pairLambdas, p.toString()).add(epoch, s.lambda());
        }));
    }

    private static XYSeries series(XYSeriesCollection c, String key) {
        int i = c.indexOf(key);
        if (i >= 0) {
            return c.getSeries(i);
        }
        XYSeries s = new XYSeries(key, true, false);
        c.addSeries(s);
        return s;
    }

    /** Puts the chosen per-pair quantity in the lower-left chart. */
    private void showPairs() {
        boolean lambda = SHOW_LAMBDA.equals(pairShown.getValue());
        pairChart.getXYPlot().setDataset(lambda ? pairLambdas : pairLosses);
        pairChart.setTitle(lambda ? "λ per pair" : "Matching loss per pair (unweighted)");
        pairChart.getXYPlot().getRangeAxis().setLabel(lambda ? "λ(m,n)" : "matching loss L(m,n)");
        Charts.style(pairChart);
    }

    /** Shows λ (true) or the matching loss per pair in the lower-left chart. */
    public void showLambdaPerPair(boolean lambda) {
        pairShown.setValue(lambda ? SHOW_LAMBDA : SHOW_LOSS);
    }

    /** The lower-left chart's title and how many pairs it draws (for tests). */
    public String pairChartTitle() {
        return pairChart.getTitle().getText() + " (" + pairChart.getXYPlot().getDataset().getSeriesCount() + ")";
    }

    public int accuracyRuns() {
        return accuracy.getSeriesCount();
    }

    public int lambdaDrawn() {
        return lambdaDrawn;
    }

    /** Labels of the runs drawn (for tests). */
    public List<String> runs() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < accuracy.getSeriesCount(); i++) {
            out.add(accuracy.getSeriesKey(i).toString());
        }
        return out;
    }
}
