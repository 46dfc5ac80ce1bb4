package org.transferlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecimatedSeriesTest {

    @Test
    void keepsEveryPointWhileThereIsRoom() {
        DecimatedSeries s = new DecimatedSeries(10);
        for (int i = 0; i < 10; i++) {
            s.add(i, i * i);
        }
        List<double[]> p = s.points();
        assertEquals(10, p.size());
        assertEquals(81, p.get(9)[1], 0);
    }

    @Test
    void aMillionPointsStayBoundedCoverTheRunAndKeepSpikes() {
        DecimatedSeries s = new DecimatedSeries(500);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            double y = Math.sin(i / 5000.0);
            if (i == 123_457) {
                y = 50; // one spike among a million points
            }
            if (i == 777_777) {
                y = -40;
            }
            s.add(i, y);
        }
        List<double[]> p = s.points();
        assertTrue(p.size() <= 2 * 500 + 1, "bounded: " + p.size());
        assertTrue(p.size() > 500, "not collapsed: " + p.size());
        assertEquals(0, p.get(0)[0], 0, "the first point survives");
        assertEquals(n - 1, p.get(p.size() - 1)[0], 0, "the last point is reported");
        assertTrue(p.stream().anyMatch(q -> q[0] == 123_457 && q[1] == 50), "the spike survives");
        assertTrue(p.stream().anyMatch(q -> q[0] == 777_777 && q[1] == -40), "the dip survives");
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i)[0] > p.get(i - 1)[0], "x increases");
        }
        // the envelope of the sine is kept: some points near +1 and near −1 in every stretch of 100 000
        for (int from = 0; from < n; from += 100_000) {
            final int f = from;
            assertTrue(p.stream().filter(q -> q[0] >= f && q[0] < f + 100_000).count() >= 50, "coverage at " + from);
        }
        assertEquals(n, s.added());
    }

    @Test
    void nanIsAGapAndTinyCapacitiesAreRefused() {
        DecimatedSeries s = new DecimatedSeries(4);
        s.add(0, 1);
        s.add(1, Double.NaN);
        s.add(2, 3);
        assertEquals(2, s.points().size());
        assertThrows(IllegalArgumentException.class, () -> new DecimatedSeries(1));
    }
}
