import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.kit.Blocks;
import org.transferlab.exercises.kit.Params;

public class Solution {

    /**
     * Part 2, Q1: one model, two tasks.
     *
     * @param x1 [N, 1, 28, 28] task 1 (digits)
     * @param x2 [N, 1, 28, 28] task 2 (clothes)
     * @param p  the parameters by name (p.get("b1.conv.W"), …; p.names() lists them)
     * @return {logits1, logits2}
     */
    public static SDVariable[] forward(SameDiff sd, SDVariable x1, SDVariable x2, Params p) {
        // three blocks conv3x3 → batchNorm → relu (maxPool2 after blocks 1 and 2), the same weights for both inputs;
        // then per task: globalAvgPool → dense with that task's head
        throw new UnsupportedOperationException("write forward");
    }
}
