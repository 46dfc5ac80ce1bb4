package org.transferlab.finetune;

import java.util.Locale;

/**
 * How much of the source network is reused and trained, each one setting away:
 * <ul>
 *   <li>{@code scratch}: the source is not used; every layer starts from random weights and trains.</li>
 *   <li>{@code linear-probe}: every pretrained layer frozen (feature extraction); only the new head trains.</li>
 *   <li>{@code top-K}: the K conv layers nearest the head fine-tune, the rest stay frozen.</li>
 *   <li>{@code all}: every layer fine-tunes, the pretrained ones at the learning-rate multiplier.</li>
 *   <li>{@code bn-patch}: the scale-and-bias patch (Mudrakarta et al., 2019): only every batch norm's γ and β,
 *   and the head, train.</li>
 *   <li>{@code lwf}: learning without forgetting (Li and Hoiem, 2016): trains like {@code all}, but the source's
 *   head is kept beside the new one and held, by a distillation term, to the answers the source network gave
 *   on the target's images ({@link LearningWithoutForgetting}).</li>
 * </ul>
 * Every strategy but scratch starts from the source's weights and gives the network a new head for the target's
 * classes.
 *
 * @param kind what it is
 * @param k    for {@code top-K}: how many conv layers train (1 = the last); 0 otherwise
 */
public record Strategy(Kind kind, int k) {

    public enum Kind {
        SCRATCH("scratch"), LINEAR_PROBE("linear-probe"), TOP("top"), ALL("all"), BN_PATCH("bn-patch"), LWF("lwf");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static final Strategy SCRATCH = new Strategy(Kind.SCRATCH, 0);
    public static final Strategy LINEAR_PROBE = new Strategy(Kind.LINEAR_PROBE, 0);
    public static final Strategy ALL = new Strategy(Kind.ALL, 0);
    public static final Strategy BN_PATCH = new Strategy(Kind.BN_PATCH, 0);
    public static final Strategy LWF = new Strategy(Kind.LWF, 0);

    public Strategy {
        if (kind == Kind.TOP && k < 1) {
            throw new IllegalArgumentException("--strategy top-K needs K >= 1 (top-1 trains the last conv layer), got "
                    + k);
        }
    }

    public static Strategy top(int k) {
        return new Strategy(Kind.TOP, k);
    }

    /** The strategies' forms, for help texts and messages: {@code scratch, linear-probe, top-K, all, bn-patch}. */
    public static java.util.List<String> forms() {
        return java.util.Arrays.stream(Kind.values()).map(k -> k == Kind.TOP ? "top-K" : k.id()).toList();
    }

    /** {@code scratch}, {@code linear-probe}, {@code top-2}, {@code all}, {@code bn-patch} or {@code lwf}. */
    public static Strategy parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("top-")) {
            try {
                return top(Integer.parseInt(t.substring(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--strategy: '" + s + "' is not top-K with a whole number K, "
                        + "e.g. top-1");
            }
        }
        for (Kind k : Kind.values()) {
            if (k != Kind.TOP && k.id.equals(t)) {
                return new Strategy(k, 0);
            }
        }
        throw new IllegalArgumentException("--strategy: unknown strategy '" + s + "'; choose one of "
                + String.join(", ", forms()) + " (top-K: K = 1, 2, ...)");
    }

    public String id() {
        return kind == Kind.TOP ? "top-" + k : kind.id();
    }

    /** Whether the run starts from the source's weights. */
    public boolean usesSource() {
        return kind != Kind.SCRATCH;
    }

    /** A label for charts and tables. */
    public String label() {
        return switch (kind) {
            case SCRATCH -> "scratch";
            case LINEAR_PROBE -> "linear probe";
            case TOP -> "fine-tune top " + k;
            case ALL -> "fine-tune all";
            case BN_PATCH -> "BN patch";
            case LWF -> "LwF";
        };
    }

    /** Whether the source's head is kept and trained beside the new one (LwF). */
    public boolean keepsSourceHead() {
        return kind == Kind.LWF;
    }

    @Override
    public String toString() {
        return id();
    }
}
