package org.transferlab.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fine-tuning charts' view-model without a window: labels, curves, drift, and means over seeds. */
class FineTuneSessionTest {

    @Test
    void runsKeepTheirCurvesAndCompletedOnesAverageOverSeeds() {
        FineTuneSession s = new FineTuneSession();
        var a = s.start("all", "fine-tune all", 3, 0);
        var b = s.start("all", "fine-tune all", 3, 1);
        var again = s.start("all", "fine-tune all", 3, 0);
        var scratch = s.start("scratch", "scratch", 3, 0);
        assertEquals("fine-tune all, N=3", a.label());
        assertEquals("fine-tune all, N=3, seed 1", b.label());
        assertEquals("fine-tune all, N=3 #2", again.label());
        s.epoch(a, 5, Double.NaN); // not evaluated: no point
        s.epoch(a, 10, 0.60);
        s.epoch(a, 20, 0.70);
        s.epoch(b, 20, 0.74);
        s.epoch(scratch, 20, 0.50);
        s.drift(a, 40, Map.of("g1_conv1", 0.0, "logits", 0.9));
        assertEquals(Map.of(10, 0.60, 20, 0.70), a.accuracy());
        assertEquals(0.70, a.finalAccuracy(), 0);
        assertEquals(0.9, a.drift().get(40L).get("logits"), 0);
        s.ended(a, "completed");
        s.ended(b, "completed");
        s.ended(scratch, "stopped");
        var mean = s.meanByStrategy();
        assertEquals(0.72, mean.get("all").get(3), 1e-12);
        assertTrue(!mean.containsKey("scratch"), "a stopped run is not averaged");
    }
}
