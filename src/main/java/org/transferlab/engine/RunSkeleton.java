package org.transferlab.engine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * What every chapter's run shares, whatever its step: {@link RunListener}s of the chapter's records; pause, resume and
 * stop ({@link RunControl}); running on a thread of its own ({@link #start}) or the caller's ({@link #run});
 * and one way a run ends: a failure anywhere (an exception, a full disk, out of memory) becomes a result with
 * one plain message ({@link Failures}), every listener is told once ({@link RunListener#onEnd}), and a listener that cannot
 * finish the run folder turns the result into a failure that says what could not be saved. A chapter supplies
 * its loop ({@link #execute}) and how its results read.
 *
 * @param <L> the chapter's listener type
 * @param <R> the chapter's result type
 */
public abstract class RunSkeleton<L extends RunListener<?, ?, ?, R>, R> {
    private final List<L> listeners = new CopyOnWriteArrayList<>();
    private final RunControl control = new RunControl();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final String threadName;
    private volatile R result;
    private volatile RunProgress progress;

    protected RunSkeleton(String threadName) {
        this.threadName = threadName;
    }

    /** The listeners, in the order they were added. */
    protected final List<L> listeners() {
        return listeners;
    }

    protected final void listen(L l) {
        listeners.add(l);
    }

    /** Pause, resume and stop, from any thread. */
    public final RunControl control() {
        return control;
    }

    /** Runs on a new daemon thread; returns at once. */
    public final Thread start() {
        Thread t = new Thread(this::run, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Blocks until the run has ended; returns how. */
    public final R await() throws InterruptedException {
        finished.await();
        return result;
    }

    /** Where the run is: its last step's progress, or null before its first step (the app's toolbar reads it). */
    public final RunProgress progress() {
        return progress;
    }

    /** Records a step's progress; each chapter's loop calls it before telling its listeners of the step. */
    protected final void progressed(RunProgress step) {
        progress = step;
    }

    /** How the run ended, or null while it runs. */
    public final R result() {
        return result;
    }

    /** Runs to the end on this thread; never throws: failures become a result too. */
    public final R run() {
        try {
            result = execute();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            result = failed(Failures.describe(e));
        }
        for (L l : listeners) {
            try {
                l.onEnd(result);
            } catch (RuntimeException e) {
                // the run folder could not be completed: the listeners after this one, and the caller, are told
                System.err.println("warning: " + Failures.describe(e, false));
                result = failedAfterSaving(result, Failures.afterSaving(message(result), e));
            }
        }
        finished.countDown();
        return result;
    }

    /**
     * Between steps: waits while the run is paused; true when it is to stop now (stopped by the user, or its
     * thread interrupted).
     */
    protected final boolean stopHere() {
        try {
            return control.awaitRunnable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The chapter's loop: from loading its data to its last epoch; returns how it ended. */
    protected abstract R execute() throws IOException;

    /** A failed result with {@code message}, keeping what the run had done so far. */
    protected abstract R failed(String message);

    /** {@code r}, turned into a failure whose message is {@code message} (its run folder could not be completed). */
    protected abstract R failedAfterSaving(R r, String message);

    protected abstract String message(R r);
}
