package org.transferlab.part2;

import java.util.List;
import org.transferlab.engine.RunResult;

/** How a part-2 run ended, with every trained structure's outcome (the last one is the run's result). */
public record MultiTaskResult(RunResult.Status status, String message, List<MultiTaskListener.Structure> structures,
                              double seconds) {

    /** The best structure by mean test accuracy over the tasks, or null before any finished. */
    public MultiTaskListener.Structure best() {
        MultiTaskListener.Structure best = null;
        for (MultiTaskListener.Structure s : structures) {
            if (best == null || mean(s.testAccuracy()) > mean(best.testAccuracy())) {
                best = s;
            }
        }
        return best;
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
