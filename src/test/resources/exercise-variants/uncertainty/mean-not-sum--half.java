import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        SDVariable perTask = sd.math().exp(s.neg()).mul(losses).add(s.div(2));
        return perTask.sum().mul(0.5);
    }
}
