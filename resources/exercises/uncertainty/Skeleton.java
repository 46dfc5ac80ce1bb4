import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /**
     * Uncertainty weighting for two classification tasks.
     *
     * @param losses [2] the task losses L_i of this step
     * @param s      [2] the learned s_i = log σ_i²
     * @return Σ_i exp(−s_i)·L_i + s_i/2, one number
     */
    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        throw new UnsupportedOperationException("write weightedLoss");
    }
}
