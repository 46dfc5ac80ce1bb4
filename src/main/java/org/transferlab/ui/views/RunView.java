package org.transferlab.ui.views;

import java.util.List;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.Snapshot;
import org.transferlab.engine.StepMetrics;

/** A view that follows a live run. Called on the JavaFX thread, steps in batches (at most ten times a second). */
public interface RunView {
    default void runStarted(RunInfo info) {
    }

    default void steps(List<StepMetrics> steps) {
    }

    default void epoch(EpochMetrics epoch) {
    }

    default void snapshot(Snapshot snapshot) {
    }

    default void runEnded(RunResult result) {
    }
}
