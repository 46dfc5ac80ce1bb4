import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /**
     * Q2: the distillation term times T².
     *
     * @param studentLogits [N, K] the student's raw scores
     * @param teacherLogits [N, K] the teacher's raw scores (frozen)
     * @param T             the temperature
     * @return one number: T² · mean over the batch of −Σ_i p_t[i] · log p_s[i]
     */
    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        // 1. the teacher's softened distribution p_t = softmax(teacherLogits / T)
        // 2. the student's softened log-probabilities at the same T
        // 3. per image: −Σ_i p_t[i] · log p_s[i]   (sum over axis 1)
        // 4. mean over the batch, times T²
        throw new UnsupportedOperationException("write distillationLoss");
    }
}
