package org.transferlab.darkknowledge;

import java.util.List;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunListener;
import org.transferlab.engine.StepMetrics;

/**
 * A dark-knowledge run's {@link RunListener}: steps and epochs as in part 1 (losses {@code loss/ce} and
 * {@code loss/kd}), epochs counted over the whole run; in addition each network's start ({@link #onPhase}) and each
 * of its epochs with its test errors ({@link #onPhaseEpoch}).
 */
public interface DarkKnowledgeListener extends RunListener<DarkKnowledgeListener.Info, StepMetrics, EpochMetrics,
        DarkKnowledgeResult> {

    /** What the run is about to do: its networks in order. */
    record Info(DarkKnowledgeConfig config, String backend, String dataSource, int teacherImages,
                int validationImages, int transferImages, int smallImages, int testImages, long totalSteps,
                List<Phase> phases, long parameters) {
    }

    /**
     * One network of the run.
     *
     * @param name     its key in the files (teacher, student, distilled, gen1, …)
     * @param title    how the figures name it
     * @param model    its architecture
     * @param teacher  the key of the network whose soft targets it learns from, or null (labels only)
     * @param alpha    the soft term's weight
     * @param images   the images it trains on
     * @param epochs   its epochs
     * @param stepsPerEpoch its steps per epoch
     */
    record Phase(String name, String title, String model, String teacher, double alpha, boolean jitter, int images,
                 int epochs, int stepsPerEpoch) {
    }

    /**
     * One finished epoch of one network: its test scores at that epoch, with the test accuracy of each digit
     * ({@code perClass}) and of the hidden digits together ({@code hiddenAccuracy}; NaN when none is hidden), so that
     * a view can show the never-shown digit's bar rising as the network trains.
     */
    record PhaseEpoch(String phase, int epoch, int epochs, int runEpoch, double trainLoss, double trainAccuracy,
                      int testErrors, double testAccuracy, double seconds, double[] perClass, double hiddenAccuracy) {
    }

    default void onPhase(Phase p) {
    }

    default void onPhaseEpoch(PhaseEpoch e) {
    }

    /** A network that finished before a resumed run stopped, loaded from its checkpoint instead of trained. */
    default void onRestored(Phase p) {
    }
}
