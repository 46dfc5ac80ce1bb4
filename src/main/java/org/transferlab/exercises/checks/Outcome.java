package org.transferlab.exercises.checks;

import java.util.ArrayList;
import java.util.List;
import org.transferlab.exercises.CheckResult;

/** What a checker found: the checks made, and whether a known mistake (by id) or an accepted variant matched. */
public final class Outcome {
    final List<CheckResult.Check> checks = new ArrayList<>();
    String mistake;
    String note;
    String failure;
    String finding;

    /** What the numbers show when no known mistake matched (a constant factor, right up to a constant), or null. */
    public String finding() {
        return finding;
    }

    public List<CheckResult.Check> checks() {
        return checks;
    }

    /** The matched mistake's id, or null. */
    public String mistake() {
        return mistake;
    }

    /** A remark on a passing submission (an equivalent form), or null. */
    public String note() {
        return note;
    }

    /** The first failing check's plain description, or null when everything passed. */
    public String failure() {
        return failure;
    }

    public boolean passed() {
        return failure == null;
    }

    void add(String name, boolean passed, String detail) {
        checks.add(new CheckResult.Check(name, passed, detail));
        if (!passed && failure == null) {
            failure = name + ": " + detail;
        }
    }
}
