package org.transferlab.multimnist;

import java.util.Map;
import org.transferlab.engine.RunListener;
import org.transferlab.part2.MultiTaskListener;

/**
 * A MultiMNIST run's {@link RunListener}: steps and epochs as part 2's records (two tasks: left and right
 * digit); in addition, after each epoch, the cross-stitch units' α (per unit the channel means of α_AA, α_AB,
 * α_BA, α_BB), for the live view.
 */
public interface MultiMnistListener extends RunListener<MultiMnistListener.Info, MultiTaskListener.Step,
        MultiTaskListener.Epoch, MultiMnistResult> {

    record Info(MultiMnistConfig config, String backend, String dataSource, int trainImages, int testImages,
                long parameters, long totalSteps) {
    }

    default void onAlphas(int epoch, Map<String, double[]> meanAlphas) {
    }
}
