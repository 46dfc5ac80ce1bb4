import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    // Paste your distillationLoss from Q2 and your attentionMap and atLoss from Q3 here.

    /**
     * A1: the student's whole objective.
     *
     * @param labels          [N, K] one-hot
     * @param studentFeatures one [N, Cs, H, W] tensor per layer pair
     * @param teacherFeatures one [N, Ct, H, W] tensor per layer pair
     * @return (1 − α)·CE + α·T²·kd + β·Σ_j AT_j, one number
     */
    public static SDVariable totalLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                       SDVariable labels, SDVariable[] studentFeatures, SDVariable[] teacherFeatures,
                                       double T, double alpha, double beta, double p) {
        // 1. cross-entropy of the student's logits against the one-hot labels (mean over the batch)
        // 2. the distillation term (with T²)
        // 3. the AT loss summed over the layer pairs
        // 4. weigh and add them
        throw new UnsupportedOperationException("write totalLoss");
    }
}
