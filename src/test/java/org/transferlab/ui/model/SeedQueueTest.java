package org.transferlab.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed queue without a window: which seeds "more" picks, the order runs start in, and what it says. */
class SeedQueueTest {

    @Test
    void moreSeedsAreTheSmallestUnusedOnes() {
        assertEquals(List.of(1L, 3L, 4L), SeedQueue.unusedSeeds(List.of(0L, 2L, 5L), 3));
        assertEquals(List.of(0L, 1L), SeedQueue.unusedSeeds(List.of(), 2));
    }

    @Test
    void runsStartInSeedOrderAndTheQueueSaysWhereItIs() {
        SeedQueue<String> q = new SeedQueue<>();
        q.fill(List.of(4L, 5L, 6L), s -> "kd-seed" + s);
        assertEquals("kd-seed4", q.next().orElseThrow());
        assertEquals("run 1 of 3", q.position());
        assertEquals("kd-seed5", q.next().orElseThrow());
        assertEquals("run 2 of 3", q.position());
        assertEquals(1, q.clear());
        assertTrue(q.next().isEmpty());
    }
}
