package org.transferlab.chapters;

import java.io.PrintStream;

/**
 * A one-line progress display: rewritten in place on a terminal, or printed at most every few seconds as
 * whole lines when output goes to a file or CI log.
 */
public final class ProgressLine {
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private long lastPrint;
    private int lastLength;

    public ProgressLine(PrintStream out) {
        this.out = out;
    }

    public void show(String text) {
        long now = System.currentTimeMillis();
        if (terminal) {
            if (now - lastPrint < 100) {
                return;
            }
            String padded = text.length() < lastLength ? text + " ".repeat(lastLength - text.length()) : text;
            out.print("\r" + padded);
            lastLength = text.length();
        } else {
            if (now - lastPrint < 10_000) {
                return;
            }
            out.println(text);
        }
        out.flush();
        lastPrint = now;
    }

    public void done(String text) {
        if (terminal && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
        }
        out.println(text);
        out.flush();
        lastLength = 0;
    }

    /** Where any chapter's run is: {@code epoch E step S/T  loss L<extra>  R steps/s  ETA D}. */
    public void step(org.transferlab.engine.RunProgress s, String extra) {
        show(String.format(java.util.Locale.ROOT, "epoch %d step %d/%d  loss %.4f%s  %.1f steps/s  ETA %s", s.epoch(),
                s.step(), s.totalSteps(), s.total(), extra, s.stepsPerSecond(), duration(s.etaSeconds())));
    }

    /**
     * An evaluated epoch's line ({@code epoch E/N  train loss …  test acc …}); returns the test accuracy as the
     * progress line's suffix, or null when the epoch was not evaluated (nothing is printed).
     */
    public String epoch(org.transferlab.engine.EpochMetrics e) {
        if (Double.isNaN(e.testAccuracy())) {
            return null;
        }
        lastAccuracy = String.format(java.util.Locale.ROOT, "  test acc %.4f", e.testAccuracy());
        done(String.format(java.util.Locale.ROOT, "epoch %d/%d  train loss %.4f  train acc %.4f  test acc %.4f  (%s)",
                e.epoch(), e.epochs(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy(), duration(e.elapsedSeconds())));
        return lastAccuracy;
    }

    private String lastAccuracy = "";

    /** A step's line with the last evaluated epoch's test accuracy ({@link #epoch}) after the loss. */
    public void step(org.transferlab.engine.RunProgress s) {
        step(s, lastAccuracy);
    }

    /**
     * Runs {@code run} to its end on this thread, stopping it cleanly on Ctrl-C or SIGTERM (its folder then keeps
     * what was done, with a status that says so).
     */
    public static <R> R untilDone(org.transferlab.engine.RunSkeleton<?, R> run) throws InterruptedException {
        Thread hook = new Thread(() -> {
            run.control().stop();
            try {
                run.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        R r = run.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stopped the run
        }
        return r;
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
