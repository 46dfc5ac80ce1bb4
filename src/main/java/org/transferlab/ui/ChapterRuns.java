package org.transferlab.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunSkeleton;

/**
 * What every chapter that trains in the app shares about its runs: the one run at a time, Stop, a new run folder
 * under the runs root, and Resume's checks (none while a run trains, a folder without a checkpoint refused, any
 * failure to read or start turned into one message). A chapter adds its view, how to read its settings and how to
 * launch.
 *
 * @param <R> the chapter's run
 */
abstract class ChapterRuns<R extends RunSkeleton<?, ?>> implements ChapterScreen {
    /** Reads the folder's settings and starts the run from {@code checkpoint}. */
    interface Start {
        void from(Path checkpoint) throws IOException;
    }

    protected Path runsRoot;
    protected Consumer<String> message = m -> { };
    protected Runnable savedRunsChanged = () -> { };
    /** Told of each run this chapter starts, with the chapter's name (the window's toolbar follows it). */
    protected java.util.function.BiConsumer<RunSkeleton<?, ?>, String> started = (r, what) -> { };

    /** The run training now (set on the JavaFX thread, read by window close); null when none. */
    protected volatile R run;

    @Override
    public void open(Shell shell) {
        this.runsRoot = shell.runsRoot();
        this.message = shell.message();
        this.savedRunsChanged = shell.savedRunsChanged();
        this.started = shell.follow();
    }

    /** The chapter's name in messages ("Chapter 3"). */
    protected abstract String title();

    @Override
    public boolean running() {
        return run != null;
    }

    /** Stops the run (Stop, window closing): its folder keeps what was done and can be resumed. */
    @Override
    public void stop() {
        R r = run;
        if (r != null) {
            r.control().stop();
        }
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        R r = run;
        if (r != null) {
            r.await();
        }
    }

    /** A new run folder for {@code label} and {@code seed}, or null with the reason shown. */
    protected Path newRunFolder(String label, long seed) {
        try {
            return RunFolders.create(runsRoot, label, seed, "");
        } catch (IOException e) {
            message.accept(e.getMessage());
            return null;
        }
    }

    /**
     * Resume's common part.
     *
     * @param kind       "An L2T run", for the message while one trains
     * @param firstSaved when the first checkpoint is written ("its first epoch ended")
     * @return whether the run started; otherwise {@code message} has had the reason
     */
    protected boolean resume(Path dir, String checkpointFile, String kind, String firstSaved, Start start) {
        if (run != null) {
            message.accept(kind + " is training: wait for it to end or stop it first.");
            return false;
        }
        Path ckpt = dir.resolve(checkpointFile);
        if (!Files.isRegularFile(ckpt)) {
            message.accept(dir.getFileName() + " has no checkpoint: it stopped before " + firstSaved + "; train it "
                    + "again instead.");
            return false;
        }
        try {
            start.from(ckpt);
            return true;
        } catch (IOException | RuntimeException e) {
            message.accept("Cannot resume " + dir.getFileName() + ": " + e.getMessage());
            return false;
        }
    }
}
