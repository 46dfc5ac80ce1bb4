package org.transferlab.darkknowledge;

import java.util.Arrays;
import java.util.List;

/** The chapter's experiments, each a sequence of networks trained one after the other in one run. */
public enum Experiment {
    /** Hinton's MNIST table: teacher, the student alone, the student distilled. */
    HINTON("hinton", "Hinton's MNIST table"),
    /** The digit never shown: a transfer set without some digits, and the output bias chosen on validation digits. */
    OMITTED("omitted", "The digit never shown"),
    /** Soft targets as a regulariser: a small share of the transfer set, hard labels against soft targets. */
    SMALL_TRANSFER("small-transfer", "Soft targets as a regulariser"),
    /** Born-again networks: generations of one architecture, each taught by the previous. */
    BAN("ban", "Born-again networks");

    private final String id;
    private final String title;

    Experiment(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Experiment::id).toList();
    }

    public static Experiment parse(String s) {
        return Arrays.stream(values()).filter(e -> e.id.equalsIgnoreCase(s)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--experiment: unknown experiment '" + s + "'; choose one of " + ids()));
    }
}
