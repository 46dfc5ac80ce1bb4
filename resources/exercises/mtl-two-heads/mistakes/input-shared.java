import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.kit.Blocks;
import org.transferlab.exercises.kit.Params;

public class Solution {

    /** Part 2, Q1: one shared trunk of three blocks, one head per task. */
    public static SDVariable[] forward(SameDiff sd, SDVariable x1, SDVariable x2, Params p) {
        SDVariable h1 = x1;
        SDVariable h2 = x1;
        for (int b = 1; b <= 3; b++) {
            h1 = block(sd, h1, p, b);
            h2 = block(sd, h2, p, b);
        }
        return new SDVariable[]{head(sd, h1, p, 1), head(sd, h2, p, 2)};
    }

    /** conv3×3 → BN → ReLU, with 2×2 max pooling after blocks 1 and 2. */
    static SDVariable block(SameDiff sd, SDVariable x, Params p, int b) {
        SDVariable h = Blocks.conv3x3(sd, x, p.get("b" + b + ".conv.W"), p.get("b" + b + ".conv.b"));
        h = Blocks.relu(sd, Blocks.batchNorm(sd, h, p.get("b" + b + ".bn.gamma"), p.get("b" + b + ".bn.beta")));
        return b < 3 ? Blocks.maxPool2(sd, h) : h;
    }

    static SDVariable head(SameDiff sd, SDVariable h, Params p, int task) {
        return Blocks.dense(sd, Blocks.globalAvgPool(sd, h), p.get("head" + task + ".W"), p.get("head" + task + ".b"));
    }
}
