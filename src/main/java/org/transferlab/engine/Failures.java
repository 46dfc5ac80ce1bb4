package org.transferlab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One sentence for why a run ended early, shared by both parts' training loops. */
public final class Failures {
    private static final String RESUME = "if an epoch had finished, the run can be resumed from its checkpoint "
            + "(Resume in Compare runs, or train --resume RUN_DIR)";

    private Failures() {
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
        if (io instanceof IOException && String.valueOf(io.getMessage()).startsWith("cannot write ")) {
            return "the run could not be saved: " + io.getMessage() + (duringTraining ? ". Training stopped; everything "
                    + "written before is intact; once the disk is fixed, " + RESUME : "");
        }
        if (e instanceof IllegalArgumentException || e instanceof IOException) {
            return e.getMessage();
        }
        return "training failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
