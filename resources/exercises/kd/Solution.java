import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /** Q2: T² · mean over the batch of −Σ_i softmax(z_t/T)_i · log_softmax(z_s/T)_i. */
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        SDVariable teacherProbs = sd.nn().softmax(teacherLogits.div(T));
        SDVariable studentLogProbs = sd.nn().logSoftmax(studentLogits.div(T));
        SDVariable perImage = teacherProbs.mul(studentLogProbs).sum(1).neg();
        return perImage.mean().mul(T * T);
    }
}
