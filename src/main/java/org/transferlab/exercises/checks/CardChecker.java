package org.transferlab.exercises.checks;

import java.util.Map;
import org.transferlab.exercises.StudentCode;

/** Checks one card's method(s) of a student's {@code Solution}. */
public interface CardChecker {

    Outcome check(StudentCode code) throws StudentCode.StudentException;

    /** The method of the student's class a run with that card's code calls (the one its checker checks last). */
    static java.lang.reflect.Method entryPoint(String cardId, StudentCode code) throws StudentCode.StudentException {
        return switch (cardId) {
            case "kd" -> KdCheck.method(code);
            case "at" -> AtCheck.loss(code);
            case "kd-at" -> KdAtCheck.method(code);
            case "uncertainty" -> UncertaintyCheck.method(code);
            case "mtl-two-heads", "mtl-independent-bn" -> TwoTaskModelCheck.method(code);
            case "cross-stitch" -> throw new IllegalArgumentException("the card cross-stitch is checked, not trained "
                    + "with: train cross-stitch networks in the MultiMNIST view of chapter 4");
            case "finetune-plan" -> throw new IllegalArgumentException("the card finetune-plan is checked, not trained"
                    + " with: train its strategies in the Fine-tune view of chapter 3");
            case "dark-knowledge-bias" -> throw new IllegalArgumentException("the card dark-knowledge-bias is checked,"
                    + " not trained with: run the omitted experiment of the Dark knowledge chapter");
            default -> throw new IllegalArgumentException("no checker for card " + cardId);
        };
    }

    /** The checker of each card id in {@code resources/exercises/index.json}. */
    static CardChecker forCard(String cardId) {
        CardChecker c = Map.<String, CardChecker>of(
                "kd", new KdCheck(),
                "at", new AtCheck(),
                "kd-at", new KdAtCheck(),
                "uncertainty", new UncertaintyCheck(),
                "mtl-two-heads", new TwoTaskModelCheck(false),
                "mtl-independent-bn", new TwoTaskModelCheck(true),
                "finetune-plan", new FineTunePlanCheck(),
                "cross-stitch", new CrossStitchCheck(),
                "dark-knowledge-bias", new DarkKnowledgeBiasCheck()).get(cardId);
        if (c == null) {
            throw new IllegalArgumentException("no checker for card " + cardId);
        }
        return c;
    }
}
