import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /** Kendall et al.: Σ_i exp(−s_i)·L_i + s_i/2 over the tasks. */
    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        return sd.math().exp(s.neg()).mul(losses).add(s).sum();
    }
}
