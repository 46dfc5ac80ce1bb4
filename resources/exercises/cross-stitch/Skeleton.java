import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /**
     * A cross-stitch unit: per channel c, newA = α_AA·xA + α_AB·xB and newB = α_BA·xA + α_BB·xB.
     *
     * @param xA    [N, C, H, W] column A's maps
     * @param xB    [N, C, H, W] column B's maps
     * @param alpha [C, 2, 2] per channel α (alpha[c][i][j]: how much column i takes of column j)
     * @return [2, N, C, H, W]: newA stacked before newB
     */
    public static SDVariable crossStitch(SameDiff sd, SDVariable xA, SDVariable xB, SDVariable alpha) {
        throw new UnsupportedOperationException("write crossStitch");
    }
}
