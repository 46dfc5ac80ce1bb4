package org.transferlab.ui.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunAtEpoch;
import org.transferlab.engine.EpochSnapshots;
import org.transferlab.engine.RunFiles;
import org.transferlab.export.Figures;
import org.transferlab.export.RunFigures;
import org.transferlab.ui.views.Charts;

/**
 * A tile's figures drawn from a run folder: the figures its chapter builds from the folder (what {@code export}
 * writes) that belong to the tile's item, as the run ended or at one of its kept epochs. A live run's folder has no
 * {@code snapshot.json} until it ends, so its newest kept epoch stands in. Charts are shown in chart viewers (they
 * resize with the tile), other drawings as images; drawing happens off the JavaFX thread.
 */
final class FiguresPane extends StackPane {
    private final Chapter chapter;
    private final ChapterView view;
    private final String figure;
    private final GridPane grid = new GridPane();
    private final Label note = new Label();
    private volatile List<RunFigures.Figure> shown = List.of();
    private Path dir;
    private Integer epoch;
    private long drawn = -1;

    FiguresPane(Chapter chapter, ChapterView view, String figure) {
        this.chapter = chapter;
        this.view = view;
        this.figure = figure;
        note.setWrapText(true);
        note.getStyleClass().add("caption");
        getChildren().addAll(grid, note);
        grid.setHgap(4);
        grid.setVgap(4);
        grid.setMinSize(0, 0);
        grid.setPrefSize(10, 10);
        setMinSize(0, 0);
    }

    /** Draws the figures of {@code runDir} at {@code atEpoch} (null: as the folder is now), if anything changed. */
    void show(Path runDir, Integer atEpoch) {
        long stamp = stamp(runDir);
        if (java.util.Objects.equals(runDir, dir) && java.util.Objects.equals(atEpoch, epoch) && stamp == drawn) {
            return;
        }
        dir = runDir;
        epoch = atEpoch;
        drawn = stamp;
        if (runDir == null) {
            grid.getChildren().clear();
            nodes.clear();
            columns = -1;
            shown = List.of();
            note.setText("No run of " + chapter.title() + " yet: train one, or bind this tile to a saved run.");
            return;
        }
        Thread t = new Thread(() -> draw(runDir, atEpoch), "transferlab-tile-figures");
        t.setDaemon(true);
        t.start();
    }

    private void draw(Path runDir, Integer atEpoch) {
        List<RunFigures.Figure> figures = new ArrayList<>();
        List<java.awt.image.BufferedImage> images = new ArrayList<>();
        String problem = null;
        try {
            Integer at = atEpoch;
            if (at == null && !Files.isRegularFile(runDir.resolve(RunFiles.SNAPSHOT))) {
                List<Integer> kept = EpochSnapshots.epochs(runDir); // a run still training: its newest epoch
                at = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            }
            for (RunFigures.Figure f : at == null ? chapter.figures(runDir) : RunAtEpoch.figures(chapter, runDir, at)) {
                if (view.shows(f.name()) && (figure == null || figure.equals(f.name()))) {
                    figures.add(f);
                    images.add(f.chart() == null ? Figures.image(f.drawing(), 1.5) : null);
                }
            }
        } catch (Exception e) {
            problem = "Cannot draw " + runDir.getFileName() + ": " + e.getMessage();
        }
        String p = problem;
        Platform.runLater(() -> {
            if (!runDir.equals(dir) || !java.util.Objects.equals(atEpoch, epoch)) {
                return; // a newer request is on its way
            }
            shown = figures;
            nodes.clear();
            for (int i = 0; i < figures.size(); i++) {
                nodes.add(images.get(i) == null ? Tile.small(Charts.viewer(figures.get(i).chart()))
                        : fitted(new ImageView(SwingFXUtils.toFXImage(images.get(i), null))));
            }
            columns = -1;
            place();
            int n = figures.size();
            note.setText(p != null ? p : n == 0 ? runDir.getFileName() + " has no figure for "
                    + (figure == null ? view.title() : TileItem.figureName(figure))
                    + (chapter.views().size() > 0 && view.figures().isEmpty() ? " (this view is drawn live only)" : "")
                    : "");
        });
    }

    private final List<Node> nodes = new ArrayList<>();
    private int columns = -1;

    /**
     * Places the figures in the number of columns that draws them largest in the pane as it is now (figures are
     * 8 : 5); again when the pane's shape changes enough to change that number.
     */
    private void place() {
        int n = nodes.size();
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        int best = 1;
        double bestScale = 0;
        for (int c = 1; c <= Math.max(1, n); c++) {
            int r = (int) Math.ceil(n / (double) c);
            double scale = Math.min(w / c / Figures.WIDTH, h / Math.max(1, r) / Figures.HEIGHT);
            if (scale > bestScale + 1e-9) {
                bestScale = scale;
                best = c;
            }
        }
        if (best == columns) {
            return;
        }
        columns = best;
        int rows = (int) Math.ceil(n / (double) best);
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        for (int c = 0; c < best; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / best);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            GridPane.setHgrow(node, Priority.ALWAYS);
            GridPane.setVgrow(node, Priority.ALWAYS);
            grid.add(node, i % best, i / best);
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (!nodes.isEmpty()) {
            int before = columns;
            place();
            if (before != columns) {
                super.layoutChildren();
            }
        }
    }

    /** An image that fills its grid cell, keeping its proportions. */
    private static Node fitted(ImageView image) {
        image.setPreserveRatio(true);
        image.setSmooth(true);
        Pane cell = new Pane(image) {
            @Override
            protected void layoutChildren() {
                double w = getWidth();
                double h = getHeight();
                image.setFitWidth(w);
                image.setFitHeight(h);
                double iw = image.getLayoutBounds().getWidth();
                double ih = image.getLayoutBounds().getHeight();
                image.relocate((w - iw) / 2, (h - ih) / 2);
            }
        };
        cell.setMinSize(0, 0);
        return cell;
    }

    /** The folder's state that changes what it draws: the metrics' and snapshots' modification times. */
    private static long stamp(Path runDir) {
        if (runDir == null) {
            return 0;
        }
        long s = 0;
        for (Path p : List.of(runDir.resolve(RunFiles.METRICS), runDir.resolve(RunFiles.SNAPSHOT),
                runDir.resolve(EpochSnapshots.DIR))) {
            try {
                s = s * 31 + (Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() : 0);
            } catch (java.io.IOException e) {
                // gone meanwhile: drawn again next time
            }
        }
        return s;
    }

    /** The figures shown now (the workspace's export and the tests). */
    List<RunFigures.Figure> figures() {
        return shown;
    }

    String note() {
        return note.getText();
    }
}
