import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, double T) {
        SDVariable logP = sd.nn().logSoftmax(teacherLogits.div(T));
        SDVariable logQ = sd.nn().logSoftmax(studentLogits.div(T));
        SDVariable kl = sd.math().exp(logP).mul(logP.sub(logQ));
        return kl.sum().mul(T).mul(T);
    }
}
