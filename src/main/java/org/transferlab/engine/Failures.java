package org.transferlab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.transferlab.io.AtomicFiles;

/** One sentence for why a run ended early, shared by both parts' training loops. */
public final class Failures {
    private static final String RESUME = "if an epoch had finished, the run can be resumed from it (Resume in "
            + "Compare runs, or train --resume RUN_DIR)";

    private static final String COULD_NOT_SAVE = "could not save";

    private Failures() {
    }

    /**
     * The message a run that ended with {@code message} ends with once saving its last files failed with
     * {@code e}; unchanged where it already says a file could not be saved (the same disk failed again).
     */
    public static String afterSaving(String message, RuntimeException e) {
        return message.contains(COULD_NOT_SAVE) ? message : message + "; but " + describe(e, false);
    }

    /** What the user reads when a run stops early because of {@code e}. */
    public static String describe(Throwable e) {
        return describe(e, true);
    }

    /**
     * What the user reads about {@code e}; {@code duringTraining} adds that training stopped and can be resumed
     * (false: the run had already ended and only saving its last files failed).
     */
    public static String describe(Throwable e, boolean duringTraining) {
        if (e instanceof OutOfMemoryError) {
            return "training failed: out of memory (" + e.getMessage() + "); use a smaller batch or train size, or "
                    + "give Java more memory (-Xmx). Everything written before is intact; " + RESUME;
        }
        Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (io instanceof AtomicFiles.WriteFailedException w) {
            String what = COULD_NOT_SAVE + " " + w.target().getFileName() + " in " + w.target().getParent() + ": "
                    + w.reason() + ". " + Character.toUpperCase(w.advice().charAt(0)) + w.advice().substring(1) + ".";
            return duringTraining ? "Training stopped: it " + what + " Everything saved before is intact; once the "
                    + "disk is fixed, " + RESUME : "the run " + what + " The files saved before it are intact";
        }
        if (e instanceof IllegalArgumentException || e instanceof IOException) {
            return e.getMessage();
        }
        return "training failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
