package org.transferlab.darkknowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BiasSweepTest {
    /** Three images, classes 0..2; class 2 is hidden and its logit sits 1.6 under the winner for the 2s. */
    @Test
    void choosesTheSmallestBiasThatMaximisesValidationAccuracy() {
        double[] logits = {
                3, 0, 1.4,   // a 2, wrong by 1.6 without a bias
                0, 3, 1.0,   // a 1, turned into a 2 by a bias above 2
                3, 0, 0.5};  // a 0, turned into a 2 by a bias above 2.5
        int[] labels = {2, 1, 0};
        BiasSweep.Result r = BiasSweep.sweep(logits, labels, 3, Set.of(2));
        assertEquals(1.75, r.chosen(), 1e-12, "the first step past 1.6 makes the 2 right, before the 1 goes wrong");
        BiasSweep.Point at0 = r.points().get(0);
        assertEquals(2 / 3.0, at0.accuracy(), 1e-12);
        assertEquals(0, at0.hiddenAccuracy(), 1e-12);
        BiasSweep.Point chosen = r.points().stream().filter(p -> p.bias() == r.chosen()).findFirst().orElseThrow();
        assertEquals(1, chosen.accuracy(), 1e-12);
        assertEquals(1, chosen.hiddenAccuracy(), 1e-12);
        assertTrue(r.points().get(r.points().size() - 1).accuracy() < 1, "a large bias calls everything a 2");
    }

    @Test
    void predictAddsTheBiasOnlyToTheHiddenClasses() {
        double[] logits = {1, 2, 0};
        assertEquals(1, BiasSweep.predict(logits, 3, Set.of(0), 0.9)[0]);
        assertEquals(0, BiasSweep.predict(logits, 3, Set.of(0), 1.1)[0]);
        assertEquals(1, BiasSweep.predict(logits, 3, Set.of(2), 1.9)[0]);
    }

    @Test
    void chooseKeepsTheFirstBestCandidateInItsOrderAndAgreesWithTheSweep() {
        double[] logits = {
                3, 0, 1.4,
                0, 3, 1.0,
                3, 0, 0.5};
        int[] labels = {2, 1, 0};
        double[] grid = new double[49];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i * BiasSweep.STEP;
        }
        assertEquals(BiasSweep.sweep(logits, labels, 3, Set.of(2)).chosen(),
                BiasSweep.choose(logits, labels, 3, Set.of(2), grid), 1e-12);
        // 1.75 and 1.9 both make every image right: the first tried wins, whatever its size
        assertEquals(1.9, BiasSweep.choose(logits, labels, 3, Set.of(2), new double[]{0, 1.9, 1.75}), 1e-12);
        assertEquals(1.75, BiasSweep.choose(logits, labels, 3, Set.of(2), new double[]{0, 1.75, 1.9}), 1e-12);
        // a class whose logit is too high: a negative bias brings it down (the 1 was called a 0)
        double[] high = {2, 1.5, 0, 0, 3, 0};
        assertEquals(-1.0, BiasSweep.choose(high, new int[]{1, 1}, 3, Set.of(0), new double[]{0, -0.25, -1, -2}),
                1e-12);
    }
}
