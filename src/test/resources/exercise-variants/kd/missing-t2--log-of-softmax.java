import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, double T) {
        double inv = 1.0 / T;
        SDVariable soft = sd.nn().softmax(teacherLogits.mul(inv));
        SDVariable logStudent = sd.math().log(sd.nn().softmax(studentLogits.mul(inv)));
        SDVariable perSample = soft.mul(logStudent).sum(1).neg();
        return perSample.mean();
    }
}
