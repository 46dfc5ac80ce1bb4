import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        SDVariable precision = sd.math().exp(s.neg());
        SDVariable weighted = losses.mul(precision).div(2.0);
        return weighted.sum().add(s.sum().div(2.0));
    }
}
