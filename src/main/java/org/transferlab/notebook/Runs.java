package org.transferlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.Chapters;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunSkeleton;
import org.transferlab.io.Json;

/**
 * Any chapter's run trained again from the settings its folder recorded: {@code Runs.again(settings)}, where
 * {@code settings} is the text of a run folder's {@code config.json} (an exported run's notebook holds it in a
 * cell). The run's chapter ({@link Chapter#again}) reads every setting back as {@code train --resume} does, and
 * trains with the same seed, and with the CPU thread count the run recorded ({@link org.transferlab.engine.CpuThreads}),
 * into a new folder under the runs root ({@code …-again}); its progress is printed.
 */
public final class Runs {
    private Runs() {
    }

    /** Trains the run that {@code settings} (a {@code config.json}'s text) describes again; returns the new run. */
    public static Run again(String settings) {
        return again(settings, Part1.runsRoot());
    }

    /** {@link #again(String)} into another runs root than the app's (tests). */
    public static Run again(String settings, Path runsRoot) {
        JsonNode config;
        try {
            config = Json.MAPPER.readTree(settings);
        } catch (IOException e) {
            throw new IllegalArgumentException("the settings are not a run folder's config.json: " + e.getMessage(), e);
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("the settings are not a run folder's config.json (not a JSON object)");
        }
        Chapter chapter = Chapters.ofRun(config.path("chapter").asText(""), config.path("exercise").asText(""))
                .orElseThrow(() -> new IllegalArgumentException("no chapter of this TransferLab trains runs of exercise '"
                        + config.path("exercise").asText("?") + "'"));
        try {
            String label = config.path("label").asText(chapter.describe(config).label());
            Path dir = RunFolders.create(runsRoot, label, config.path("seed").asLong(), "-again");
            RunSkeleton<?, ?> run;
            try {
                run = chapter.again(config, dir);
            } catch (RuntimeException refused) { // settings the chapter refuses: no empty "-again" folder left
                java.nio.file.Files.deleteIfExists(dir);
                throw refused;
            }
            if (run == null) {
                java.nio.file.Files.deleteIfExists(dir);
                throw new IllegalArgumentException(chapter.title() + " cannot train a run again from its settings");
            }
            int threads = org.transferlab.engine.CpuThreads.recorded(config.path("backend").asText(""));
            if (threads > 0) {
                System.out.println("training with " + threads + " CPU thread" + (threads == 1 ? "" : "s")
                        + ", as the run recorded (its numbers depend on how ND4J splits its sums)");
            }
            startOutsideCellThreads(run, threads);
            CellRun.await(run::await, () -> run.control().stop(), dir, System.out);
            System.out.println("run folder: " + dir);
            System.out.flush();
            Run r = Run.open(dir);
            if (!r.status().equals("completed")) {
                throw new IllegalStateException("the run did not complete (" + r.status() + "): "
                        + r.summary().path("message").asText("") + "; run folder: " + dir);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Starts the run on a thread of its own outside the cell's thread group ({@link Part1.Training#train} says
     * why), with ND4J's ops split over {@code threads} threads (0: as they are).
     */
    static void startOutsideCellThreads(RunSkeleton<?, ?> run, int threads) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread t = new Thread(root, () -> org.transferlab.engine.CpuThreads.with(threads, run::run),
                "transferlab-again");
        t.setDaemon(true);
        t.start();
    }
}
