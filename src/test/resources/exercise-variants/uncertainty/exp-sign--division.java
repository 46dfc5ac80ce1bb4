import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        // dividing by exp(-s) is multiplying by exp(s)
        return losses.div(sd.math().exp(s.neg())).add(s.mul(0.5)).sum();
    }
}
