package org.transferlab.weightings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** PCGrad's projection by hand: conflicting pairs lose their conflicting component, others stay. */
class PcGradTest {

    @Test
    void conflictingGradientsLoseTheComponentAlongEachOther() {
        // g1 = (1, 0), g2 = (-1, 1): g1·g2 = -1 < 0
        // g1' = g1 − (−1/2)·g2 = (1, 0) + (−0.5, 0.5) = (0.5, 0.5); g2' = g2 − (−1/1)·g1 = (0, 1)
        double[][] p = PcGrad.project(new double[][]{{1, 0}, {-1, 1}}, new Random(0));
        assertArrayEquals(new double[]{0.5, 0.5}, p[0], 1e-12);
        assertArrayEquals(new double[]{0, 1}, p[1], 1e-12);
        assertEquals(0, TaskStep.dot(p[0], new double[]{-1, 1}), 1e-12, "g1' is orthogonal to g2");
        assertArrayEquals(new double[]{0.5, 1.5}, PcGrad.combine(new double[][]{{1, 0}, {-1, 1}}, new Random(0)), 1e-12);
    }

    @Test
    void gradientsThatDoNotConflictAreLeftAlone() {
        double[][] g = {{1, 2, 0}, {0.5, 0, 3}};
        double[][] p = PcGrad.project(g, new Random(3));
        assertArrayEquals(g[0], p[0], 0);
        assertArrayEquals(g[1], p[1], 0);
        assertArrayEquals(new double[]{1.5, 2, 3}, PcGrad.combine(g, new Random(3)), 0);
    }

    @Test
    void threeTasksProjectAgainstTheOthersOriginalGradients() {
        double[][] g = {{1, 0}, {-1, 0.2}, {0, 1}};
        double[][] p = PcGrad.project(g, new Random(1));
        // task 1 conflicts only with task 2: (1,0) − ((−1)/(1.04))·(−1, 0.2)
        double c = -1 / 1.04;
        assertArrayEquals(new double[]{1 + c, -0.2 * c}, p[0], 1e-12);
        assertArrayEquals(g[2], p[2], 0, "task 3 conflicts with nobody");
    }
}
