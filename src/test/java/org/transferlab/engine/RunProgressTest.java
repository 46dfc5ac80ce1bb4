package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transferlab.part2.MultiTaskListener;

/** The progress line's arithmetic and a stopped run's message, as the toolbar and the status bar show them. */
class RunProgressTest {

    @Test
    void theTimeLeftIsTheRemainingStepsAtTheRateShown() {
        // step 10 of 780: 12.5 s of stepping at 0.8 steps/s, after 40 s of loading data and the teacher
        StepMetrics s = new StepMetrics(1, 10, 10, 780, Map.of(), 1.0, 0.5, 52.5, RunProgress.rate(10, 12.5));
        assertEquals(0.8, s.stepsPerSecond(), 1e-12, "the loop's rate, not 10 steps over 52.5 s");
        assertEquals(770 / 0.8, s.etaSeconds(), 1e-9, "770 steps at 0.8 steps/s");
        assertEquals("16m03s", org.transferlab.chapters.ProgressLine.duration(s.etaSeconds()));
        // every chapter's step record follows the same formula
        MultiTaskListener.Step m = new MultiTaskListener.Step(0, 1, 100, 400, new double[2], new double[2], 0, 0,
                new double[2], 0, Map.of(), 30, 2.5);
        assertEquals(120, m.etaSeconds(), 1e-9);
        assertEquals(300 / 4.0, RunProgress.eta(300, 4), 1e-12);
        assertEquals(0, RunProgress.eta(0, 4), "nothing left at the last step");
        assertEquals(Double.POSITIVE_INFINITY, RunProgress.eta(5, 0), "no rate yet: unknown, shown as –");
        assertEquals(0, RunProgress.rate(0, 0));
        assertEquals(2, RunProgress.rate(10, 5), 1e-12);
        // a resumed run: its rate counts this session's steps only, and the time left follows it
        StepMetrics resumed = new StepMetrics(6, 1, 501, 1000, Map.of(), 1.0, 0.5, 600, RunProgress.rate(1, 0.25));
        assertEquals(499 / 4.0, resumed.etaSeconds(), 1e-9);
    }

    @Test
    void aRunStoppedAtAnEpochBoundarySaysAfterWhichEpoch() {
        assertEquals("stopped by the user after epoch 10 of 20, before epoch 11 began; metrics so far and the "
                + "checkpoint of epoch 10 are kept", TrainingRun.stoppedMessage(11, 0, 70, 20));
        assertEquals("stopped by the user in epoch 11 of 20 after 5 of its 70 steps; metrics so far and the "
                + "checkpoint of epoch 10 are kept", TrainingRun.stoppedMessage(11, 5, 70, 20));
        assertEquals("stopped by the user in epoch 1 of 20 after 3 of its 70 steps; metrics so far are kept (no "
                + "epoch finished, so there is no checkpoint)", TrainingRun.stoppedMessage(1, 3, 70, 20));
        assertEquals("stopped by the user before the first step: nothing was trained",
                TrainingRun.stoppedMessage(1, 0, 70, 20));
    }
}
