package org.transferlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code train --resume DIR} checks for every kind of run before reading its settings. */
final class Resumable {
    private Resumable() {
    }

    /**
     * The folder's checkpoint, or one line saying why it cannot be resumed: no checkpoint yet (it stopped before
     * {@code firstSaved}), or it already finished.
     */
    static Path checkpoint(Path dir, String file, String firstSaved) {
        Path ckpt = dir.resolve(file);
        if (!Files.isRegularFile(ckpt)) {
            throw new IllegalArgumentException("--resume: " + dir + " has no checkpoint: the run stopped before its "
                    + firstSaved + "; start it again instead");
        }
        if (MultiTaskConsole.finished(dir)) {
            throw new IllegalArgumentException("--resume: " + dir + " already finished");
        }
        return ckpt;
    }
}
