import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, double T) {
        SDVariable teacher = sd.nn().softmax(teacherLogits.div(T));
        SDVariable student = sd.nn().logSoftmax(studentLogits); // the student's logits not softened
        SDVariable kl = teacher.mul(sd.math().log(teacher).sub(student)).sum(1);
        return kl.mean().mul(T * T);
    }
}
