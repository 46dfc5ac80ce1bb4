package org.transferlab.ui.views;

import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.SavedRun;

/**
 * A saved run of any chapter, opened again (File → Open run…, or a double-click in Compare runs): what its folder
 * says it was, then every view of its chapter with the figures that view exports, drawn from the folder's files
 * (a run trained the night before, shown in class). The figures are its chapter's, so they are what
 * {@code export} writes for the same folder.
 */
public final class OpenedRunView extends ScrollPane {
    private final VBox box = new VBox(12);
    private final Label heading = new Label("No run opened: File → Open run…, or double-click a run in Compare runs.");
    private int sections;

    public OpenedRunView() {
        heading.setWrapText(true);
        heading.getStyleClass().add("setup-heading");
        box.getChildren().add(heading);
        box.setPadding(new Insets(8));
        setContent(box);
        setFitToWidth(true);
        setId("opened-run");
    }

    /** Shows {@code run}, read with its chapter's description and drawn with its chapter's figures. */
    public void open(SavedRun run, Chapter chapter) {
        heading.setText(String.format("%s · %s · %s · %s · test accuracy %s", run.dir().getFileName(), chapter.title(),
                run.label(), run.status(), CompareView.accuracy(run))
                + (run.settingsLine().isEmpty() ? "" : "\n" + run.settingsLine()));
        box.getChildren().setAll(heading);
        sections = 0;
        Path dir = run.dir();
        for (ChapterView v : chapter.views()) {
            if (v.figures().isEmpty()) {
                continue;
            }
            RunFiguresView figures = new RunFiguresView(chapter, v, () -> dir);
            figures.setFitToHeight(false);
            box.getChildren().add(figures);
            figures.refresh();
            sections++;
        }
    }

    /** How many of the chapter's views it shows (tests). */
    public int sections() {
        return sections;
    }

    /** The figures drawn so far, over every view shown (tests). */
    public int figureCount() {
        return box.getChildren().stream().filter(n -> n instanceof RunFiguresView)
                .mapToInt(n -> ((RunFiguresView) n).figureCount()).sum();
    }
}
