package org.transferlab.ui.views;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.transferlab.exercises.BatchCheck;

/**
 * The instructor's grade book: a folder of submissions (one Solution.java per student) checked against one card
 * in sandboxes, off the JavaFX thread with a progress bar; one row per file (result, the named mistake or what
 * the numbers show, checks passed, seconds) as they arrive; exportable as CSV.
 */
public final class GradeBookWindow {
    private final Stage stage = new Stage();
    private final TableView<BatchCheck.Row> table = new TableView<>();
    private final ObservableList<BatchCheck.Row> rows = FXCollections.observableArrayList();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button export = new Button("Export CSV…");
    private List<BatchCheck.Row> finished;

    public GradeBookWindow(Window owner, String card, Path folder) {
        stage.initOwner(owner);
        stage.setTitle("Grade book · " + card + " · " + folder);
        table.setId("gradebook");
        table.setItems(rows);
        table.getColumns().setAll(List.of(
                column("File", r -> folder.relativize(r.file().toAbsolutePath().normalize()).toString(), 260),
                column("Result", BatchCheck.Row::status, 110),
                column("Mistake or finding", r -> BatchCheck.detail(r.result()), 420),
                column("Checks", r -> r.checksPassed() + " / " + r.result().checks().size(), 70),
                column("Seconds", r -> String.format(Locale.ROOT, "%.1f", r.result().seconds()), 70)));
        VBox.setVgrow(table, Priority.ALWAYS);
        export.setDisable(true);
        export.setOnAction(e -> exportCsv());
        status.setId("gradebook-status");
        progress.setPrefWidth(240);
        VBox root = new VBox(8, new HBox(10, progress, status), table, export);
        root.setPadding(new Insets(10));
        stage.setScene(new Scene(root, 1000, 560));
        start(card, folder);
    }

    private static TableColumn<BatchCheck.Row, String> column(String title,
                                                              java.util.function.Function<BatchCheck.Row, String> f,
                                                              double width) {
        TableColumn<BatchCheck.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new SimpleStringProperty(f.apply(r.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Stage stage() {
        return stage;
    }

    private void start(String card, Path folder) {
        List<Path> files;
        try {
            files = BatchCheck.files(List.of(folder));
        } catch (java.io.IOException e) {
            status.setText("Cannot read " + folder + ": " + e.getMessage());
            return;
        }
        if (files.isEmpty()) {
            status.setText(folder + " holds no .java file: put one Solution.java per student in it (sub-folders "
                    + "are searched).");
            return;
        }
        status.setText("Checking " + files.size() + " submission(s) of " + card + "…");
        if (Runtime.version().feature() >= 24) {
            stage.setTitle(stage.getTitle() + " · UNPROTECTED: this Java has no security manager; the submissions run "
                    + "without file, network and process protection");
        }
        int workers = Math.min(4, Runtime.getRuntime().availableProcessors());
        Thread t = new Thread(() -> {
            try {
                List<BatchCheck.Row> all = BatchCheck.run(card, files, workers, Duration.ofSeconds(30),
                        r -> Platform.runLater(() -> {
                            rows.add(r);
                            progress.setProgress(rows.size() / (double) files.size());
                            status.setText(String.format(Locale.ROOT, "checked %d of %d · %d passed", rows.size(),
                                    files.size(), rows.stream().filter(x -> x.result().status().passed()).count()));
                        }));
                Platform.runLater(() -> {
                    finished = all;
                    rows.setAll(all); // in the files' order
                    long ok = all.stream().filter(x -> x.result().status().passed()).count();
                    status.setText(ok + " of " + all.size() + " passed");
                    export.setDisable(false);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Platform.runLater(() -> status.setText("Checking failed: " + e.getMessage()));
            }
        }, "transferlab-gradebook");
        t.setDaemon(true);
        t.start();
    }

    private void exportCsv() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("grades.csv");
        File f = fc.showSaveDialog(stage);
        if (f == null || finished == null) {
            return;
        }
        try {
            BatchCheck.writeCsv(finished, f.toPath());
            status.setText("Grade book written to " + f);
        } catch (java.io.IOException e) {
            status.setText("Cannot write " + f + ": " + e.getMessage());
        }
    }
}
