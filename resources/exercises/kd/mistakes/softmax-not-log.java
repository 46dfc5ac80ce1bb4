import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        SDVariable pt = sd.nn().softmax(teacherLogits.div(T));
        SDVariable ps = sd.nn().softmax(studentLogits.div(T));
        return pt.mul(ps).sum(1).neg().mean().mul(T * T);
    }
}
