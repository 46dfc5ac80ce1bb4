import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    // KL(p_t || p_s) at temperature T, written from its definition; the T² factor forgotten
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, double T) {
        SDVariable p = sd.nn().softmax(teacherLogits.div(T));
        SDVariable logq = sd.nn().logSoftmax(studentLogits.div(T));
        return p.mul(sd.math().log(p.add(1e-12)).sub(logq)).sum(1).mean();
    }
}
