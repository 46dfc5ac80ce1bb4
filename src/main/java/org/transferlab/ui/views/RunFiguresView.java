package org.transferlab.ui.views;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.export.Figures;
import org.transferlab.export.RunFigures;

/**
 * A chapter's view drawn from its newest run folder: the figures its chapter builds from the folder's files
 * ({@link Chapter#figures}) that belong to the view. It is what a chapter without JavaFX code of its own shows,
 * and it draws what {@code export} writes, so the two cannot disagree. Figures are drawn off the JavaFX thread.
 */
public final class RunFiguresView extends ScrollPane {
    private final Chapter chapter;
    private final ChapterView view;
    private final Supplier<Path> latestRun;
    private final Label heading = new Label();
    private final FlowPane figures = new FlowPane(12, 12);
    private volatile Path shown;

    public RunFiguresView(Chapter chapter, ChapterView view, Supplier<Path> latestRun) {
        this.chapter = chapter;
        this.view = view;
        this.latestRun = latestRun;
        heading.setWrapText(true);
        heading.getStyleClass().add("setup-heading");
        VBox box = new VBox(10, heading, figures);
        box.setPadding(new Insets(12));
        setContent(box);
        setFitToWidth(true);
        setId("figures-" + view.id());
        getStyleClass().add("run-figures");
        heading.setText(name() + ": no run yet. Train one (`transferlab train "
                + chapter.id() + "`) or load a folder of runs.");
    }

    /** Draws the figures of the chapter's newest run, if it changed since the last time (JavaFX thread). */
    public void refresh() {
        Path dir = latestRun.get();
        if (dir == null || dir.equals(shown)) {
            return;
        }
        shown = dir;
        heading.setText(name() + " · " + dir.getFileName());
        Thread t = new Thread(() -> {
            List<BufferedImage> images = new ArrayList<>();
            String problem = null;
            try {
                for (RunFigures.Figure f : chapter.figures(dir)) {
                    if (view.shows(f.name())) {
                        images.add(Figures.image(f.drawing(), Charts.scale())); // projector mode: 1.45× larger
                    }
                }
            } catch (Exception e) {
                problem = "Cannot draw " + dir.getFileName() + ": " + e.getMessage();
            }
            String p = problem;
            Platform.runLater(() -> {
                figures.getChildren().clear();
                images.forEach(i -> figures.getChildren().add(new ImageView(SwingFXUtils.toFXImage(i, null))));
                if (p != null || images.isEmpty()) {
                    heading.setText(p != null ? p : chapter.title() + " · " + view.title() + " · " + dir.getFileName()
                            + ": this run has no figures for this view.");
                }
            });
        }, "transferlab-figures");
        t.setDaemon(true);
        t.start();
    }

    /** Draws the figures again even if the folder is the same (its files changed: an epoch of a run ended). */
    public void redraw() {
        shown = null;
        refresh();
    }

    /** The chapter and the view, once when they have the same name ("Dark knowledge"). */
    private String name() {
        return view.title().equals(chapter.title()) ? chapter.title() : chapter.title() + " · " + view.title();
    }

    /** How many figures are shown (tests). */
    public int figureCount() {
        return figures.getChildren().size();
    }
}
