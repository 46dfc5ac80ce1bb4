package org.transferlab.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.transferlab.export.Figures;
import org.transferlab.export.RunFigures;

/**
 * What every notebook run shares: how a cell trains (started outside the cell's threads, awaited, stopped cleanly
 * when the cell is interrupted) and how a run folder's figures are found by name.
 */
final class CellRun {
    private CellRun() {
    }

    /** Waits for a run's end. */
    interface Await<R> {
        R get() throws InterruptedException;
    }

    /**
     * Starts the run from the JVM's root thread group: interrupting a cell stops every thread of the cell's own
     * group (JShell's stop), which would kill the training thread before it records how it ended; outside it,
     * the run is stopped through its control instead and finishes its folder.
     */
    static void startOutsideCellThreads(Runnable start) throws InterruptedException {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread starter = new Thread(root, start, "transferlab-notebook-start");
        starter.start();
        starter.join();
    }

    /**
     * The run's result; if the cell is interrupted meanwhile (or anything else goes wrong), the run is stopped,
     * its folder finished ("stopped"), the folder named, and the interruption goes on.
     */
    static <R> R await(Await<R> await, Runnable stop, Path dir, PrintStream out) throws InterruptedException {
        try {
            return await.get();
        } catch (Throwable t) {
            stop.run();
            try {
                await.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println("stopped; run folder: " + dir);
            throw t;
        }
    }

    /** All of the folder's figures, as the app's export names them. */
    static List<RunFigures.Figure> figures(Path dir) {
        try {
            return RunFigures.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figure named {@code name}; the message lists the folder's figures when it has none by that name. */
    static Figures.Drawing figure(Path dir, String name) {
        List<RunFigures.Figure> all = figures(dir);
        return all.stream().filter(f -> f.name().equals(name)).findFirst().map(RunFigures.Figure::drawing)
                .orElseThrow(() -> new IllegalArgumentException(dir.getFileName() + " has no figure '" + name
                        + "'; it has " + all.stream().map(RunFigures.Figure::name).toList()));
    }

    /** The chart named {@code name}. */
    static JFreeChart chart(Path dir, String name) {
        return figures(dir).stream().filter(f -> f.name().equals(name) && f.chart() != null).findFirst()
                .map(RunFigures.Figure::chart)
                .orElseThrow(() -> new IllegalArgumentException(dir.getFileName() + " has no chart '" + name + "'"));
    }
}
