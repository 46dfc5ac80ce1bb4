package org.transferlab.chapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.transferlab.io.Json;

/** What {@code train --resume DIR} checks for every kind of run before reading its settings. */
public final class Resumable {
    private Resumable() {
    }

    /**
     * The folder's checkpoint, or one line saying why it cannot be resumed: no checkpoint yet (it stopped before
     * {@code firstSaved}), or it already finished.
     */
    public static Path checkpoint(Path dir, String file, String firstSaved) {
        Path ckpt = dir.resolve(file);
        if (!Files.isRegularFile(ckpt)) {
            throw new IllegalArgumentException("--resume: " + dir + " has no checkpoint: the run stopped before its "
                    + firstSaved + "; start it again instead");
        }
        if (finished(dir)) {
            throw new IllegalArgumentException("--resume: " + dir + " already finished");
        }
        return ckpt;
    }

    /** Whether a run folder's summary says it completed. */
    public static boolean finished(Path dir) {
        try {
            return "completed".equals(Json.MAPPER.readTree(dir.resolve("summary.json").toFile()).path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** The exit code of a run that ended: 0 completed, 130 stopped, 1 otherwise. */
    public static int exitCode(org.transferlab.engine.RunResult.Status status) {
        return status == org.transferlab.engine.RunResult.Status.COMPLETED ? 0
                : status == org.transferlab.engine.RunResult.Status.STOPPED ? 130 : 1;
    }
}
