package org.transferlab.notebook;

import java.util.List;
import java.util.Locale;
import org.transferlab.exercises.Card;
import org.transferlab.exercises.Cards;
import org.transferlab.exercises.CheckResult;
import org.transferlab.exercises.Sandbox;
import org.transferlab.kernel.Markdown;

/**
 * The app's exercise cards in a notebook: {@code Exercises.card("q2")} says what to write,
 * {@code Exercises.check("q2", source)} checks it exactly as the card's Check button does (the same sandbox
 * and checker): which checks passed, the known mistake it matches, and that mistake's hint.
 * An exercise id stands for its card: part 1's q2, q3, a1 (kd, at, kd-at), part 2's mtl-q1, mtl-q2
 * (mtl-two-heads, mtl-independent-bn); card ids work too (uncertainty).
 */
public final class Exercises {
    private Exercises() {
    }

    /** The card an exercise id (or a card id) names: q2 → kd, q3 → at, a1 → kd-at. */
    public static String cardFor(String id) {
        if (Cards.all().containsKey(id)) {
            return id;
        }
        return Cards.all().values().stream().filter(c -> c.exercise().equals(id)).map(Card::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exercise card for '" + id + "'; the cards are "
                        + Cards.all().keySet()));
    }

    /** The card: title, goal, formula, inputs and the method to write. */
    public static Card card(String id) {
        return Cards.get(cardFor(id));
    }

    /**
     * What the card asks for: shown in a notebook as Markdown with the formula typeset, printed as text
     * ({@code toString()}) elsewhere.
     */
    public static Markdown describe(String id) {
        Card c = card(id);
        String start = "Exercises.skeleton(\"" + id + "\")";
        String plain = c.title() + "\n" + c.goal() + "\n\nFormula: " + c.formula() + "\n\nInputs:\n  "
                + String.join("\n  ", c.inputs()) + "\n\nWrite: " + c.method() + " (" + start
                + " is the card's starting point)";
        StringBuilder md = new StringBuilder("**").append(c.title()).append("**\n\n").append(c.goal())
                .append("\n\n$$").append(c.formula()).append("$$\n\n**Inputs**\n\n");
        c.inputs().forEach(in -> md.append("- ").append(in).append('\n'));
        md.append("\n**Write** `").append(c.method()).append("` (`").append(start)
                .append("` is the card's starting point)\n");
        return new Markdown(md.toString(), plain);
    }

    /** The class the card's editor starts from. */
    public static String skeleton(String id) {
        return card(id).skeleton();
    }

    /** The card's hints, revealed one by one in the app: hint 1, 2, … */
    public static String hint(String id, int n) {
        List<String> hints = card(id).hints();
        if (n < 1 || n > hints.size()) {
            throw new IllegalArgumentException("card " + cardFor(id) + " has hints 1 to " + hints.size());
        }
        return hints.get(n - 1);
    }

    /**
     * Checks {@code source} against the card as the app does, in a sandbox process (a few seconds). The source is
     * the whole {@code Solution} class, or only its method(s): then the card's imports and the class around them
     * are added (compile errors still name the lines of what was given).
     */
    public static Answer check(String id, String source) {
        String card = cardFor(id);
        String whole = solutionClass(card, source);
        CheckResult r = Sandbox.check(card, whole);
        return new Answer(card, r, lineOffset(whole, source));
    }

    /** {@code source} as the card's whole {@code Solution} class (unchanged when it declares one). */
    public static String solutionClass(String card, String source) {
        if (source.contains("class Solution")) {
            return source;
        }
        return header(Cards.get(cardFor(card)).skeleton()) + source + "\n}\n";
    }

    /** The skeleton's imports and the class line, to wrap a method in. */
    private static String header(String skeleton) {
        StringBuilder b = new StringBuilder();
        for (String line : skeleton.split("\n", -1)) {
            if (line.startsWith("import ")) {
                b.append(line).append('\n');
            }
        }
        return b.append("\npublic class Solution {\n").toString();
    }

    /** Lines added before {@code source} in {@code whole}. */
    private static int lineOffset(String whole, String source) {
        int at = whole.indexOf(source);
        return at <= 0 ? 0 : (int) whole.substring(0, at).chars().filter(ch -> ch == '\n').count();
    }

    /** A check's answer: the app's words (its toString), and the {@link CheckResult} behind them. */
    public static final class Answer {
        private final String card;
        private final CheckResult result;
        private final int lineOffset;

        Answer(String card, CheckResult result, int lineOffset) {
            this.card = card;
            this.result = result;
            this.lineOffset = lineOffset;
        }

        public boolean passed() {
            return result.status().passed();
        }

        /** The known mistake matched, or null. */
        public Card.Mistake mistake() {
            return result.mistake();
        }

        public CheckResult result() {
            return result;
        }

        public String card() {
            return card;
        }

        /** As the card shows it: the summary, each check, compile errors by line, the mistake's hint, the output. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append(passed() ? "✔ " : "✘ ").append(result.summary())
                    .append(String.format(Locale.ROOT, " (%.1f s)", result.seconds()));
            for (CheckResult.Check k : result.checks()) {
                b.append('\n').append(k.passed() ? "✔ " : "✘ ").append(k.name()).append(": ").append(k.detail());
            }
            for (CheckResult.Diagnostic d : result.diagnostics()) {
                b.append("\nline ").append(Math.max(1, d.line() - lineOffset)).append(": ").append(d.message());
            }
            if (result.mistake() != null) {
                b.append("\nMistake: ").append(result.mistake().title()).append("\nHint: ")
                        .append(result.mistake().hint());
            }
            if (!result.output().isEmpty()) {
                b.append("\nYour code printed:\n").append(result.output());
            }
            return b.toString();
        }
    }
}
