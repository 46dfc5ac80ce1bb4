package org.transferlab.part2;

import java.util.List;
import java.util.Map;
import org.transferlab.engine.RunListener;
import org.transferlab.engine.RunProgress;

/**
 * A part-2 run's {@link RunListener}: {@link #onStart}; for each structure {@link #onStructureStart}, then
 * {@link #onStep} per step and {@link #onEpoch} per epoch, then {@link #onStructureEnd}; finally {@link #onEnd}.
 */
public interface MultiTaskListener extends RunListener<MultiTaskListener.Info, MultiTaskListener.Step,
        MultiTaskListener.Epoch, MultiTaskResult> {

    /** What the run is about. */
    record Info(MultiTaskConfig config, String backend, List<String> tasks, List<String> dataSources,
                int trainImages, int stepsPerEpoch, int structures) {
    }

    /**
     * One step: per task its loss and weight; the cosine between the tasks' gradients on the shared parameters;
     * for drawing MGDA's picture, the two shared gradients' norms and dot product; the weighting's own state.
     */
    record Step(int structure, int epoch, long step, long totalSteps, double[] losses, double[] weights,
                double total, double cosine, double[] gradientNorms, double gradientDot, Map<String, Double> state,
                double elapsedSeconds, double stepsPerSecond) implements RunProgress {
    }

    /** One epoch: per task the mean training loss, training accuracy and test accuracy (NaN when not evaluated). */
    record Epoch(int structure, int epoch, int epochs, double[] trainLoss, double[] trainAccuracy,
                 double[] testAccuracy, double[] weights) {
    }

    /** A trained structure's outcome. */
    record Structure(int index, int sharedBlocks, boolean perTaskBatchNorm, String label, long parameters,
                     double[] testAccuracy, double[] finalWeights, double seconds) {
    }


    default void onStructureStart(int index, String label, long parameters) {
    }



    default void onStructureEnd(Structure structure) {
    }

}
