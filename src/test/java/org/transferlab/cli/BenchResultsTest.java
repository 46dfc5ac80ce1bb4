package org.transferlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench --save / --compare without timing anything: the file round trip, and the ratios and flags. */
class BenchResultsTest {
    @TempDir
    Path dir;

    private static BenchResults.Entry entry(String exercise, String name, double ms, long heap) {
        return new BenchResults.Entry(exercise, name, ms, 2 * ms, 1.5, heap, 900);
    }

    private static BenchResults.Saved saved(List<BenchResults.Entry> entries) {
        return new BenchResults.Saved("2026-12-03T19:00:00Z", "abc1234", "CPU (AMD EPYC, amd64, 2 threads)", 40, 3,
                2, 128, entries);
    }

    @Test
    void aSavedBenchmarkReadsBackAsWritten() throws IOException {
        BenchResults.Saved s = saved(List.of(entry("a1", "student-kd-at", 41.25, 280),
                new BenchResults.Entry("q1", "student-baseline", 29.5, Double.NaN, 0.5, 60, 500)));
        Path file = dir.resolve("sub/bench.json");
        BenchResults.save(file, s);
        BenchResults.Saved back = BenchResults.read(file);
        assertEquals(s.date(), back.date());
        assertEquals(s.commit(), back.commit());
        assertEquals(s.machine(), back.machine());
        assertEquals(List.of(40, 3, 2, 128), List.of(back.steps(), back.warmup(), back.threads(), back.batch()));
        assertEquals(List.of("a1", "q1"), back.exercises());
        assertEquals(s.entries().get(0), back.entries().get(0));
        // an unknown value (NaN) is written as null and reads back unknown
        assertTrue(Double.isNaN(back.entry("q1").cpuMsPerStep()));
        assertEquals(29.5, back.entry("q1").msPerStep());
        assertNull(back.entry("teacher"));
        // written atomically: no temporary file is left beside it
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFileThatIsNoSavedBenchmarkIsRefusedWithItsName() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"hello\": 1}");
        IOException e = assertThrows(IOException.class, () -> BenchResults.read(file));
        assertTrue(e.getMessage().contains("other.json"), e.getMessage());
        Files.writeString(file, "not json");
        assertThrows(IOException.class, () -> BenchResults.read(file));
    }

    @Test
    void ratiosAreNowOverSavedAndFlagAboveTheThreshold() {
        BenchResults.Saved s = saved(List.of(entry("a1", "student-kd-at", 40, 200), entry("q1", "student-baseline", 30, 100),
                entry("q2", "student-kd", 35, 100)));
        List<BenchResults.Entry> now = List.of(entry("q1", "student-baseline", 36, 100),
                entry("a1", "student-kd-at", 44, 200), entry("q2", "student-kd", 35, 150));
        List<BenchResults.Ratio> r = BenchResults.compare(s, now, 1.15);
        assertEquals(List.of("a1", "q1", "q2"), r.stream().map(BenchResults.Ratio::exercise).toList());
        // 44/40 = 1.10: within 1.15
        assertEquals(1.10, r.get(0).time(), 1e-12);
        assertEquals(1.10, r.get(0).cpu(), 1e-12);
        assertEquals(1.0, r.get(0).alloc(), 1e-12);
        assertFalse(r.get(0).flagged());
        // 36/30 = 1.2: slower
        assertEquals(1.2, r.get(1).time(), 1e-12);
        assertTrue(r.get(1).slower());
        assertFalse(r.get(1).heavier());
        // same time, 1.5 times the heap
        assertFalse(r.get(2).slower());
        assertTrue(r.get(2).heavier());
        assertTrue(r.get(2).flagged());
        // a heap that grew by the ratio but by little in MB is the collector's timing, not flagged
        List<BenchResults.Ratio> small = BenchResults.compare(saved(List.of(entry("q1", "student-baseline", 30, 40))),
                List.of(entry("q1", "student-baseline", 30, 40 + BenchResults.HEAP_SLACK_MB)), 1.15);
        assertEquals(1.8, small.get(0).heap(), 1e-12);
        assertFalse(small.get(0).heavier());
        // a stricter threshold flags the first as well; a looser one none
        assertTrue(BenchResults.compare(s, now, 1.05).get(0).slower());
        assertTrue(BenchResults.compare(s, now, 2.0).stream().noneMatch(BenchResults.Ratio::flagged));
    }

    @Test
    void aConfigurationMeasuredOnlyOnceHasNoRatioAndUnknownValuesFlagNothing() {
        BenchResults.Saved s = saved(List.of(entry("a1", "student-kd-at", 40, 0), entry("q3", "student-at", 30, 100)));
        List<BenchResults.Ratio> r = BenchResults.compare(s,
                List.of(entry("a1", "student-kd-at", Double.NaN, 500), entry("teacher", "teacher", 90, 100)), 1.15);
        assertEquals(1, r.size());
        assertTrue(Double.isNaN(r.get(0).time()));
        assertTrue(Double.isNaN(r.get(0).heap())); // nothing saved to compare with
        assertFalse(r.get(0).flagged());
        assertTrue(BenchResults.table(r, 1.15).contains("student-kd-at"));
    }

    @Test
    void theTableMarksWhatIsFlagged() {
        BenchResults.Saved s = saved(List.of(entry("a1", "student-kd-at", 40, 200), entry("q1", "student-baseline", 30, 100)));
        String t = BenchResults.table(BenchResults.compare(s,
                List.of(entry("a1", "student-kd-at", 60, 400), entry("q1", "student-baseline", 30, 100)), 1.15), 1.15);
        String[] lines = t.split("\n");
        assertEquals(3, lines.length, t);
        assertTrue(lines[1].contains("1.50") && lines[1].contains("2.00") && lines[1].endsWith("SLOWER, MORE HEAP"), t);
        assertFalse(lines[2].contains("SLOWER") || lines[2].contains("MORE HEAP"), t);
    }
}
