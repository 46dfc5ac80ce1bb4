import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /** Per channel c: newA = α_AA·xA + α_AB·xB, newB = α_BA·xA + α_BB·xB, stacked A first. */
    public static SDVariable crossStitch(SameDiff sd, SDVariable xA, SDVariable xB, SDVariable alpha) {
        SDVariable newA = xA.mul(entry(alpha, 0, 0)).add(xB.mul(entry(alpha, 0, 1)));
        SDVariable newB = xA.mul(entry(alpha, 1, 0)).add(xB.mul(entry(alpha, 1, 1)));
        return sd.stack(0, newB, newA);
    }

    /** alpha[:, i, j] as [1, C, 1, 1], to broadcast over [N, C, H, W]. */
    private static SDVariable entry(SDVariable alpha, int i, int j) {
        return alpha.get(SDIndex.all(), SDIndex.point(i), SDIndex.point(j)).reshape(1, -1, 1, 1);
    }
}
