package org.transferlab.ui;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.Node;
import org.transferlab.engine.RunSkeleton;

/**
 * The app's side of a chapter that draws with JavaFX views of its own (the chapter itself is declared by its
 * {@code org.transferlab.chapters.Chapter}; a chapter without a screen shows its runs' figures instead). Registered
 * with one line in {@code META-INF/services/org.transferlab.ui.ChapterScreen}; the window finds it by the chapter's
 * id and loops over the screens to build the tabs, resume a saved run, follow its runs in the toolbar and stop
 * them when the window closes. Call order: {@link #open} once on the JavaFX thread, then the rest.
 */
public interface ChapterScreen {
    /** What the window lends a chapter's screen. */
    record Shell(Path runsRoot, Consumer<String> message, Runnable savedRunsChanged,
                 BiConsumer<RunSkeleton<?, ?>, String> follow, java.util.function.Function<String, Path> latestRun) {
        public Shell(Path runsRoot, Consumer<String> message, Runnable savedRunsChanged,
                     BiConsumer<RunSkeleton<?, ?>, String> follow) {
            this(runsRoot, message, savedRunsChanged, follow, chapter -> null);
        }
    }

    /** The id of the chapter this screen draws. */
    String chapter();

    /** Builds the views (JavaFX thread), with what the window lends. */
    void open(Shell shell);

    /** The view of that id, or null when it is not one of this screen's (the window then draws its figures). */
    Node view(String viewId);

    /**
     * The live charts of one of its views, by the name of the figure each is exported as (a workspace tile shows one
     * of them as it trains); empty when the view has none (a tile then draws the figure from the run folder).
     */
    default java.util.Map<String, org.jfree.chart.JFreeChart> charts(String viewId) {
        return java.util.Map.of();
    }

    /** A view of this screen became the one shown (e.g. to compute what it shows on first sight). */
    default void shown(String viewId) {
    }

    /** Continues one of this chapter's run folders; false, with the reason shown, when it cannot. */
    boolean resume(Path dir);

    /** Whether a run of this chapter is training. */
    boolean running();

    /** Stops its run (Stop, the window closing): the run folder keeps what was done. */
    void stop();

    /** Waits until a stopped run has ended (the window closing waits, up to a limit, for its files). */
    default void awaitStopped() throws InterruptedException {
    }
}
