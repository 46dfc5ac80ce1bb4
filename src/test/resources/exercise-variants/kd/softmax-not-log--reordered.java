import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, double T) {
        SDVariable q = sd.nn().softmax(studentLogits.mul(1.0 / T));
        SDVariable p = sd.nn().softmax(teacherLogits.mul(1.0 / T));
        return q.mul(p).neg().sum(1).mean().mul(T * T);
    }
}
