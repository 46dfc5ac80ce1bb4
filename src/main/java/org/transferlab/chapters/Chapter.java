package org.transferlab.chapters;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.transferlab.export.RunFigures;

/**
 * A chapter of the course, declared once by its own package and read by every surface: the app's chapter list
 * and its views, {@code transferlab chapters}, {@code train CHAPTER} and {@code train --resume}, Compare runs,
 * export (app and CLI). A chapter is registered by one line in
 * {@code META-INF/services/org.transferlab.chapters.Chapter} (or {@link Chapters#register} for a plug-in loaded
 * at run time); nothing else names it.
 *
 * <p>The app draws a chapter's views with its own JavaFX code where the UI has some for the view's id, and
 * otherwise with the figures this chapter builds from its latest run folder ({@link #figures}): a chapter
 * without a line of JavaFX still shows, trains, compares and exports.
 */
public interface Chapter {
    /** The registry name and the word after {@code train}, e.g. {@code l2t}. */
    String id();

    /** Its name in the app's list, e.g. "Learning what and where to transfer". */
    String title();

    /** One line under the title. */
    String subtitle();

    /** Where it sits in the course: the chapters are listed by this, then by id. Plug-ins come after. */
    default int order() {
        return 1000;
    }

    /** Its views, in tab order (Compare runs, shared by all chapters, is added by the shell). */
    List<ChapterView> views();

    /**
     * Whether a run folder is one of this chapter's, from its {@code config.json}: the {@code chapter} field
     * where the folder has one, else the {@code exercise} field of folders written before chapters were named.
     */
    boolean ownsRun(String chapterField, String exerciseField);

    /**
     * A fresh picocli command object for {@code train <id>} (a class annotated with {@code @Command} whose
     * {@code call()} trains and returns the exit code), or null when the chapter does not train headless.
     */
    default Object trainCommand() {
        return null;
    }

    /**
     * {@code train --resume DIR} for one of its run folders: goes on from the folder's checkpoint and returns
     * the exit code (0 completed, 130 stopped, 1 failed); throws {@link IllegalArgumentException} with one line
     * when the folder cannot be resumed.
     */
    default int resume(Path dir, Path dataDir) throws Exception {
        throw new IllegalArgumentException("--resume: " + title() + " runs cannot be resumed");
    }

    /**
     * The same run again: a fresh run of the settings one of its run folders recorded ({@code config}, the folder's
     * {@code config.json}), with the same seed, recording into the new folder {@code dir} and printing its progress
     * as {@code train} does; not started. Null when the chapter cannot train a run again from its settings alone.
     * An exported run's notebook calls it (through {@code org.transferlab.notebook.Runs#again}) to train its run again.
     */
    default org.transferlab.engine.RunSkeleton<?, ?> again(JsonNode config, Path dir) throws IOException {
        return null;
    }

    /** What Compare runs shows of one of its runs: label, settings, model, tasks, the x axis of its curves. */
    default RunDescription describe(JsonNode config) {
        return RunDescription.generic(config);
    }

    /**
     * The source files (paths under src/main/java, packaged under {@code sources/}) a run's notebook shows as code
     * cells besides its transfer methods' and its weighting's: what trains and how.
     */
    default List<String> notebookSources(JsonNode config) {
        return List.of();
    }

    /** The exercise-mode cards (ids) that belong to one of its runs; the notebook adds their cells. */
    default List<String> exerciseCards(JsonNode config) {
        return List.of();
    }

    /**
     * A run folder's figures, each named as export writes it ({@code accuracy}, {@code lambda}, …); the views
     * say which are theirs. The default rebuilds every figure the folder's files allow.
     */
    default List<RunFigures.Figure> figures(Path runDir) throws IOException {
        return RunFigures.of(runDir);
    }
}
