package org.transferlab.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transferlab.chapters.SavedRun;

/** The "across seeds" view-model, without a window: grouping, mean ± sd by hand, and the verdict on the spread. */
class SeedGroupsTest {

    private static SavedRun run(String label, List<String> methods, Map<String, String> settings, long seed,
                                double accuracy, String status) {
        return new SavedRun(Path.of("runs", label + "-" + seed), methods.isEmpty() ? label : "student", label, methods,
                settings, status, "cnn-small", "cnn-large", 1000, 100, seed, accuracy, 30, List.of(), List.of());
    }

    @Test
    void runsThatDifferOnlyInTheSeedAreOneGroupWithMeanAndSampleSd() {
        List<SavedRun> runs = List.of(
                run("q1", List.of(), Map.of(), 0, 0.70, "completed"),
                run("q1", List.of(), Map.of(), 1, 0.72, "completed"),
                run("q1", List.of(), Map.of(), 2, 0.74, "completed"),
                run("kd+rkd", List.of("kd", "rkd"), Map.of("kd.alpha", "0.5"), 0, 0.76, "completed"),
                run("kd+rkd", List.of("kd", "rkd"), Map.of("kd.alpha", "0.5"), 1, 0.77, "completed"),
                run("kd+rkd", List.of("kd", "rkd"), Map.of("kd.alpha", "0.9"), 0, 0.60, "completed"),
                run("q1", List.of(), Map.of(), 3, 0.10, "stopped"),
                run("q1", List.of(), Map.of(), 1, 0.72, "completed"));
        List<SeedGroups.Group> g = SeedGroups.of(runs);
        assertEquals(3, g.size(), "another α is another group; a stopped run is left out");
        SeedGroups.Group q1 = g.get(0);
        assertEquals(List.of(0L, 2L, 1L), q1.seeds(), "seed 1 trained twice counts once");
        assertEquals(0.72, q1.mean(), 1e-12);
        assertEquals(0.02, q1.sd(), 1e-12, "sample sd: sqrt((0.02² + 0 + 0.02²) / 2)");
        assertEquals("0.7200 ± 0.0200", q1.meanAndSd());
        assertEquals("", q1.versusBaseline(), "the baseline is not compared with itself");
        SeedGroups.Group kdRkd = g.get(1);
        assertEquals(0.765, kdRkd.mean(), 1e-12);
        assertEquals(Math.sqrt(0.00005), kdRkd.sd(), 1e-12);
        assertTrue(kdRkd.versusBaseline().startsWith("+0.0450 vs Q1: larger than the seed-to-seed spread"),
                kdRkd.versusBaseline());
        assertEquals("0.6000", g.get(2).meanAndSd());
        assertTrue(g.get(2).versusBaseline().contains("run more seeds"), g.get(2).versusBaseline());
    }

    @Test
    void aDifferenceSmallerThanEitherSdIsWithinTheSpread() {
        List<SavedRun> runs = List.of(
                run("q1", List.of(), Map.of(), 0, 0.7438, "completed"),
                run("q1", List.of(), Map.of(), 1, 0.7602, "completed"),
                run("q1", List.of(), Map.of(), 2, 0.6957, "completed"),
                run("q2", List.of("kd"), Map.of(), 0, 0.7508, "completed"),
                run("q2", List.of("kd"), Map.of(), 1, 0.7625, "completed"),
                run("q2", List.of("kd"), Map.of(), 2, 0.7350, "completed"));
        SeedGroups.Group q2 = SeedGroups.of(runs).get(1);
        // the README's part-1 table: Q2 0.7494 ± 0.0138 against Q1 0.7332 ± 0.0335
        assertEquals("0.7494 ± 0.0138", q2.meanAndSd());
        assertTrue(q2.versusBaseline().startsWith("+0.0162 vs Q1: within the seed-to-seed spread (sd up to 0.0335)"),
                q2.versusBaseline());
    }
}
