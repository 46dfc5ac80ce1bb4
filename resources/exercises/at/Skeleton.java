import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /**
     * Q3: the attention map of one layer.
     *
     * @param features [N, C, H, W] activations
     * @param p        the power (tutorial: 1)
     * @return [N, H·W]: per image, Σ_c |A_c|^p flattened and divided by its L2 norm
     */
    public static SDVariable attentionMap(SameDiff sd, SDVariable features, double p) {
        // 1. |A|^p, summed over the channel axis (1)          → [N, H, W]
        // 2. flatten each image's map to one row               → [N, H·W]
        // 3. divide each row by its L2 norm
        throw new UnsupportedOperationException("write attentionMap");
    }

    /**
     * Q3: the AT loss of one layer pair: batch mean of ‖Q_s − Q_t‖₂.
     *
     * @param studentFeatures [N, Cs, H, W]
     * @param teacherFeatures [N, Ct, H, W] (same H, W; channel counts may differ)
     */
    public static SDVariable atLoss(SameDiff sd, SDVariable studentFeatures, SDVariable teacherFeatures, double p) {
        throw new UnsupportedOperationException("write atLoss");
    }
}
