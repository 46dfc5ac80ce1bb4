package org.transferlab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One sentence for why a run ended early, shared by both parts' training loops. */
public final class Failures {
    private Failures() {
    }

    /** What the user reads when a run ends with {@code e}. */
    public static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "training failed: out of memory (" + e.getMessage() + "); use a smaller batch or train size, or "
                    + "give Java more memory (-Xmx). Everything written before is intact and the run can be resumed "
                    + "from its last checkpoint";
        }
        Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (io instanceof IOException && String.valueOf(io.getMessage()).startsWith("cannot write ")) {
            return "the run could not be saved: " + io.getMessage() + ". Training stopped; everything written before "
                    + "is intact and the run can be resumed from its last checkpoint once the disk is fixed";
        }
        if (e instanceof IllegalArgumentException || e instanceof IOException) {
            return e.getMessage();
        }
        return "training failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
