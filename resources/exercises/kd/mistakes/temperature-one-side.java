import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        SDVariable pt = sd.nn().softmax(teacherLogits);
        SDVariable logPs = sd.nn().logSoftmax(studentLogits.div(T));
        return pt.mul(logPs).sum(1).neg().mean().mul(T * T);
    }
}
