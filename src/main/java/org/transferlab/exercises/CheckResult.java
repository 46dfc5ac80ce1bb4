package org.transferlab.exercises;

import java.util.List;

/**
 * The outcome of checking one submission.
 *
 * @param summary     one line for the student (what passed, or what to look at first)
 * @param checks      every comparison made, in order, with its numbers
 * @param mistake     the known mistake the submission matches, or null
 * @param diagnostics compile errors with their line in the editor
 * @param output      what the student's code printed (trimmed)
 */
public record CheckResult(Status status, String summary, List<Check> checks, Card.Mistake mistake,
                          List<Diagnostic> diagnostics, String output, double seconds) {

    public enum Status {
        PASSED, FAILED, COMPILE_ERROR, RUNTIME_ERROR, TIMED_OUT, CRASHED;

        public boolean passed() {
            return this == PASSED;
        }
    }

    /** One comparison: e.g. "value, T = 4" with "yours 1.2345, reference 1.2345". */
    public record Check(String name, boolean passed, String detail) {
    }

    /** A compiler message at a line (1-based) and column of the student's source. */
    public record Diagnostic(long line, long column, String message) {
    }

    public static CheckResult of(Status status, String summary) {
        return new CheckResult(status, summary, List.of(), null, List.of(), "", 0);
    }

    public CheckResult withTiming(String printed, double secs) {
        return new CheckResult(status, summary, checks, mistake, diagnostics, printed, secs);
    }
}
