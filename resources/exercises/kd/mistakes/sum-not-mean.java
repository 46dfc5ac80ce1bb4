import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        SDVariable pt = sd.nn().softmax(teacherLogits.div(T));
        SDVariable logPs = sd.nn().logSoftmax(studentLogits.div(T));
        return pt.mul(logPs).sum().neg().mul(T * T);
    }
}
