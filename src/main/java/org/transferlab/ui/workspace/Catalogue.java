package org.transferlab.ui.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.transferlab.chapters.SavedRun;

/** What the window lends the workspace: its live views and charts, and the runs it knows. */
public interface Catalogue {
    /** The live charts of a chapter's view, by figure name (empty when it has none). */
    Map<String, JFreeChart> charts(String chapter, String view);

    /**
     * Lends the live JavaFX view of that id to a tile (its tab shows where it went meanwhile), or null when the
     * view has none of its own or is lent already.
     */
    Node borrow(String view, String where);

    /** Gives a lent view back to its tab. */
    void giveBack(String view, Node node);

    /** The run a live tile of that chapter follows: the one training, else its newest; null when there is none. */
    Path newest(String chapter);

    /** The saved runs of a chapter that a tile can be bound to, newest first. */
    List<SavedRun> saved(String chapter);
}
