package org.transferlab.finetune;

import java.util.List;
import java.util.Map;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunListener;
import org.transferlab.engine.StepMetrics;

/**
 * A fine-tuning run's {@link RunListener}: steps and epochs as in part 1 ({@link StepMetrics},
 * {@link EpochMetrics}); in addition, after each evaluated epoch, how far each layer has moved from where it
 * started ({@link #onDrift}).
 */
public interface FineTuneListener extends RunListener<FineTuneListener.Info, StepMetrics, EpochMetrics, FineTuneResult> {

    /**
     * What the run is about.
     *
     * @param layers the layer table (mode, multiplier, parameter counts), input first
     */
    record Info(FineTuneConfig config, String backend, String dataSource, String sourceNetwork, int trainImages,
                int testImages, int epochs, long totalSteps, List<LayerPlan.Layer> layers, long trainableParameters,
                long totalParameters) {
    }

    /** Per layer, ‖w − w₀‖ / ‖w₀‖ over its parameters after {@code epoch} (0 for a frozen layer). */
    record Drift(int epoch, long step, Map<String, Double> relativeChange) {
    }

    default void onDrift(Drift drift) {
    }

    /**
     * After each evaluated epoch (and as epoch 0 before training) of a run that starts from a source: the source
     * task's test accuracy through the source's head (LwF: its kept old head) on the current shared layers, the
     * source network's own ({@code sourceBefore}), the target's test accuracy (NaN at epoch 0) and the old head's
     * KL(recorded ‖ now) on the target's training images at LwF's temperature.
     */
    record Forgetting(int epoch, long step, double sourceBefore, double sourceAccuracy, double targetAccuracy,
                      double oldHeadKl) {
    }

    default void onForgetting(Forgetting forgetting) {
    }
}
