package org.transferlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.transferlab.exercises.checks.CardChecker;

/**
 * Every card in resources/exercises: its reference solution passes, its skeleton does not, and each listed
 * mistake's example (written as a student would) is rejected with that mistake's own hint. One sandbox process
 * per card checks all of its submissions.
 */
class ExerciseCardsTest {

    static Stream<String> cards() {
        return Cards.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("cards")
    void solutionPassesSkeletonDoesNotAndEveryMistakeGetsItsHint(String id) {
        Card card = Cards.get(id);
        assertNotNull(CardChecker.forCard(id));
        assertFalse(card.hints().isEmpty(), "hints");
        assertFalse(card.formula().isBlank(), "formula");
        List<String> sources = new ArrayList<>(List.of(card.solution(), card.skeleton()));
        card.mistakes().forEach(m -> sources.add(Cards.mistakeExample(id, m.id())));
        List<CheckResult> results = Sandbox.check(id, sources, Duration.ofSeconds(180));

        CheckResult solution = results.get(0);
        assertEquals(CheckResult.Status.PASSED, solution.status(), solution.summary() + " " + solution.checks());
        assertTrue(solution.checks().size() >= 2 && solution.checks().stream().allMatch(CheckResult.Check::passed));
        if (card.part() < 3) { // the losses and models; chapter 3's card is a rule on parameter names
            assertTrue(solution.checks().stream().anyMatch(c -> c.name().contains("gradient")), "gradients are compared");
        }

        CheckResult skeleton = results.get(1);
        assertEquals(CheckResult.Status.RUNTIME_ERROR, skeleton.status(), skeleton.summary());
        assertTrue(skeleton.summary().contains("UnsupportedOperationException") && skeleton.summary().contains("line"),
                skeleton.summary());

        for (int i = 0; i < card.mistakes().size(); i++) {
            Card.Mistake expected = card.mistakes().get(i);
            CheckResult r = results.get(i + 2);
            assertEquals(CheckResult.Status.FAILED, r.status(), expected.id() + ": " + r.summary());
            assertNotNull(r.mistake(), expected.id() + " was rejected without naming the mistake: " + r.summary());
            assertEquals(expected.id(), r.mistake().id(), r.summary());
            assertEquals(expected.hint(), r.mistake().hint());
            assertTrue(r.summary().contains(expected.title()), r.summary());
        }
    }

    /** The equivalent-form variants of known mistakes in src/test/resources/exercise-variants/CARD/MISTAKE--NAME.java. */
    static Stream<String> cardsWithVariants() {
        return Stream.of("kd", "uncertainty", "kd-at");
    }

    private static java.util.Map<String, String> variants(String card) throws java.io.IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        var dir = java.nio.file.Path.of("src/test/resources/exercise-variants", card);
        try (var files = java.nio.file.Files.list(dir)) {
            for (var f : files.toList()) {
                out.put(f.getFileName().toString(), java.nio.file.Files.readString(f));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cardsWithVariants")
    void aMistakeWrittenInAnotherFormStillGetsItsHint(String id) throws Exception {
        java.util.Map<String, String> variants = variants(id);
        assertFalse(variants.isEmpty());
        List<String> names = new ArrayList<>(variants.keySet());
        List<String> sources = new ArrayList<>(variants.values());
        if (id.equals("kd")) {
            // beyond the named mistakes: an extra T² is named as a constant factor; a correct KL·T² form passes
            sources.add(Cards.get("kd").solution().replace(".mul(T * T)", ".mul(T * T * T * T)"));
            sources.add("""
                    import org.nd4j.autodiff.samediff.SDVariable;
                    import org.nd4j.autodiff.samediff.SameDiff;
                    public class Solution {
                        public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits,
                                                                  SDVariable teacherLogits, double T) {
                            SDVariable logP = sd.nn().logSoftmax(teacherLogits.div(T));
                            SDVariable logQ = sd.nn().logSoftmax(studentLogits.div(T));
                            return sd.math().exp(logP).mul(logP.sub(logQ)).sum(1).mean().mul(T * T);
                        }
                    }
                    """);
        }
        List<CheckResult> results = Sandbox.check(id, sources, Duration.ofSeconds(180));
        for (int i = 0; i < names.size(); i++) {
            String expected = names.get(i).substring(0, names.get(i).indexOf("--"));
            CheckResult r = results.get(i);
            assertEquals(CheckResult.Status.FAILED, r.status(), names.get(i) + ": " + r.summary());
            assertNotNull(r.mistake(), names.get(i) + " got no hint: " + r.summary());
            assertEquals(expected, r.mistake().id(), names.get(i) + ": " + r.summary());
        }
        if (id.equals("kd")) {
            CheckResult factor = results.get(names.size());
            assertEquals(CheckResult.Status.FAILED, factor.status());
            assertTrue(factor.summary().contains("times T² = 16"), factor.summary());
            CheckResult kl = results.get(names.size() + 1);
            assertEquals(CheckResult.Status.PASSED, kl.status(), kl.summary());
            assertTrue(kl.summary().contains("KL"), kl.summary());
        }
    }
}
