package org.transferlab.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every chapter's Resume does before its own run starts: refuse while one of its runs trains, refuse a folder
 * without a checkpoint, and turn any failure to read or start into one message; the chapter says how to read its
 * settings and launch.
 */
final class ChapterResume {
    /** Reads the folder's settings and starts the run from {@code checkpoint}. */
    interface Start {
        void from(Path checkpoint) throws IOException;
    }

    private ChapterResume() {
    }

    /**
     * @param kind        "An L2T run", for the message while one trains
     * @param firstSaved  when the first checkpoint is written ("its first epoch ended")
     * @return whether the run started; otherwise {@code message} has had the reason
     */
    static boolean resume(Path dir, String checkpointFile, String kind, boolean running, String firstSaved,
                          Consumer<String> message, Start start) {
        if (running) {
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
