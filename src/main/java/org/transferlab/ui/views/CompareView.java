package org.transferlab.ui.views;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.chapters.SavedRun;
import org.transferlab.ui.model.SeedGroups;

/**
 * Every run of the session and every run loaded from disk in one table (exercise, settings, final accuracy,
 * time), with their test-accuracy curves overlaid, so Q1 vs Q2 vs Q3 vs A1 reads at a glance. Selecting rows
 * shows only those curves.
 */
public final class CompareView extends BorderPane {
    private final ObservableList<SavedRun> runs = FXCollections.observableArrayList();
    private final TableView<SavedRun> table = new TableView<>(runs);
    private final XYSeriesCollection curves = new XYSeriesCollection();
    private final JFreeChart chart;
    private final Label problems = new Label();
    /** Runs that differ only in the seed, one row per group (the view-model: {@link SeedGroups}). */
    private final TableView<SeedGroups.Group> groups = new TableView<>();
    private final javafx.scene.control.MenuItem runSeeds = new javafx.scene.control.MenuItem(
            "Train 3 more seeds with these settings");

    public CompareView() {
        table.setId("runs-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label noRuns = new Label("No runs yet: finished and stopped runs appear here, and runs saved on "
                + "disk are loaded at start.");
        noRuns.setWrapText(true);
        table.setPlaceholder(noRuns);
        table.getColumns().addAll(List.of(
                column("run", r -> r.dir().getFileName().toString()),
                column("chapter", SavedRun::chapter),
                column("exercise", r -> r.label().toUpperCase()),
                column("model", SavedRun::model),
                column("settings", r -> r.settingsLine().isEmpty() ? "–" : r.settingsLine()),
                column("seed", r -> String.valueOf(r.seed())),
                column("images", r -> String.valueOf(r.trainSize())),
                column("epochs", CompareView::progress),
                column("status", SavedRun::status),
                column("test accuracy", CompareView::accuracy),
                column("time", r -> Double.isNaN(r.seconds()) ? "–" : String.format("%.0f s", r.seconds()))));
        Tables.fitColumns(table);
        chart = ChartFactory.createXYLineChart("Test accuracy, all runs (one curve per task of a multi-task run)", "epoch",
                "test accuracy", curves);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        restyle();
        runs.addListener((ListChangeListener<SavedRun>) c -> {
            redraw();
            groups.getItems().setAll(SeedGroups.of(runs));
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<SavedRun>) c -> redraw());
        groups.setId("seed-groups");
        Label noGroups = new Label("Runs that differ only in their seed are grouped here with the mean ± sd of "
                + "their test accuracy: train 3 seeds (toolbar) to answer \"is the difference larger than the "
                + "seed-to-seed spread?\"");
        noGroups.setWrapText(true); // a short table in projector mode: the sentence wraps instead of being cut
        noGroups.setPadding(new javafx.geometry.Insets(0, 12, 0, 12));
        groups.setPlaceholder(noGroups);
        groups.getColumns().addAll(List.of(
                group("run", g -> g.label().toUpperCase()),
                group("settings", g -> g.settings().isEmpty() ? "–" : g.settings()),
                group("seeds", g -> g.seeds().size() + " (" + String.join(", ", g.seeds().stream().map(String::valueOf).toList()) + ")"),
                group("test accuracy, mean ± sd", SeedGroups.Group::meanAndSd),
                group("against the baseline", SeedGroups.Group::versusBaseline)));
        Tables.fitColumns(groups);
        Label runsTitle = new Label("Every run");
        runsTitle.getStyleClass().add("setup-heading");
        Label groupsTitle = new Label("Across seeds: runs that differ only in their seed");
        groupsTitle.getStyleClass().add("setup-heading");
        javafx.scene.layout.VBox tables = new javafx.scene.layout.VBox(4, runsTitle, table, groupsTitle, groups);
        javafx.scene.layout.VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        groups.setMinHeight(130);
        groups.setPrefHeight(160);
        table.setMinHeight(150);
        SplitPane split = new SplitPane(tables, Charts.viewer(chart));
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setCenter(split);
        problems.setWrapText(true);
        problems.getStyleClass().add("caption");
        setBottom(problems);
        setPadding(new Insets(6));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.3g", v);
    }

    private static TableColumn<SeedGroups.Group, String> group(String title, Function<SeedGroups.Group, String> f) {
        TableColumn<SeedGroups.Group, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        return c;
    }

    /** The groups shown in "across seeds" (for tests). */
    public List<SeedGroups.Group> seedGroups() {
        return List.copyOf(groups.getItems());
    }

    private static TableColumn<SavedRun, String> column(String title, Function<SavedRun, String> f) {
        TableColumn<SavedRun, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        return c;
    }

    public void restyle() {
        Charts.style(chart);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }

    public JFreeChart chart() {
        return chart;
    }

    public ObservableList<SavedRun> runs() {
        return runs;
    }

    /** A double-click on a row opens that run in its chapter's views ("Opened run"). */
    public void onOpen(java.util.function.Consumer<SavedRun> open) {
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<SavedRun> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
    }

    /** Offers "Resume" on rows of interrupted or stopped runs; the callback starts it. */
    public void onResume(java.util.function.Predicate<SavedRun> resume) {
        javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem("Resume this run from its last checkpoint");
        item.setOnAction(e -> {
            SavedRun r = table.getSelectionModel().getSelectedItem();
            if (r != null) {
                resume.test(r);
            }
        });
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(item, runSeeds);
        menu.setOnShowing(e -> {
            SavedRun r = table.getSelectionModel().getSelectedItem();
            item.setDisable(r == null || r.status().equals("completed") || r.status().equals("running"));
            runSeeds.setDisable(r == null || !r.chapter().equals("part1"));
        });
        table.setContextMenu(menu);
    }

    /** Offers "Train 3 more seeds" on a part-1 row; the callback queues them (the run's settings, new seeds). */
    public void onRunSeeds(java.util.function.Consumer<SavedRun> more) {
        runSeeds.setOnAction(e -> {
            SavedRun r = table.getSelectionModel().getSelectedItem();
            if (r != null) {
                more.accept(r);
            }
        });
    }

    /** Adds a run, replacing one read from the same folder. */
    public void add(SavedRun run) {
        runs.removeIf(r -> r.dir().equals(run.dir()));
        runs.add(run);
    }

    /** Shows what could not be read (one line each), or nothing. */
    public void problems(List<String> lines) {
        problems.setText(lines.isEmpty() ? "" : "Not loaded: " + String.join("; ", lines));
    }

    /** The last evaluated epoch (or step) against the run's length: "40/100". */
    static String progress(SavedRun r) {
        double last = r.x().isEmpty() ? 0 : r.x().get(r.x().size() - 1);
        return String.format("%s/%d", last == Math.rint(last) ? String.valueOf((long) last) : String.valueOf(last),
                r.epochs());
    }

    /** The final test accuracy, each task's apart ("left 0.912 · right 0.874") for a multi-task run. */
    static String accuracy(SavedRun r) {
        if (!r.tasks().isEmpty()) {
            List<Double> acc = r.finalTaskAccuracy();
            StringBuilder sb = new StringBuilder();
            for (int t = 0; t < r.tasks().size(); t++) {
                sb.append(t == 0 ? "" : " · ").append(r.tasks().get(t)).append(' ')
                        .append(Double.isNaN(acc.get(t)) ? "–" : String.format("%.4f", acc.get(t)));
            }
            return sb.toString();
        }
        return Double.isNaN(r.finalAccuracy()) ? "–" : String.format("%.4f", r.finalAccuracy());
    }

    private void redraw() {
        List<SavedRun> shown = table.getSelectionModel().getSelectedItems().isEmpty() ? runs
                : List.copyOf(table.getSelectionModel().getSelectedItems());
        curves.removeAllSeries();
        java.util.Set<String> units = new java.util.TreeSet<>();
        for (SavedRun r : shown) {
            String key = r.label().toUpperCase() + " · " + r.dir().getFileName();
            if (r.tasks().isEmpty()) {
                add(key, r.x(), r.testAccuracy(), r, units);
            } else {
                for (int t = 0; t < r.tasks().size(); t++) {
                    add(key + " · " + r.tasks().get(t), r.x(), r.taskAccuracy().get(t), r, units);
                }
            }
        }
        chart.getXYPlot().getDomainAxis().setLabel(units.isEmpty() ? "epoch" : String.join(" or ", units));
        restyle();
    }

    private void add(String key, List<Double> x, List<Double> y, SavedRun r, java.util.Set<String> units) {
        XYSeries s = new XYSeries(key, false, true);
        for (int e = 0; e < y.size() && e < x.size(); e++) {
            double v = y.get(e);
            if (!Double.isNaN(v) && !Double.isNaN(x.get(e))) {
                s.add((double) x.get(e), v);
            }
        }
        if (s.getItemCount() > 0) {
            curves.addSeries(s);
            units.add(r.xUnit());
        }
    }
}
