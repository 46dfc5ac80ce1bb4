import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    /** Q3: Σ_c |A_c|^p per position, one L2-normalised row of H·W values per image. */
    public static SDVariable attentionMap(SameDiff sd, SDVariable features, double p) {
        long[] shape = features.getShape();
        SDVariable perPosition = sd.math().abs(features).pow(p).sum(1);
        SDVariable rows = perPosition.reshape(-1, shape[2] * shape[3]);
        return rows.div(rows.norm2(true, 1));
    }

    /** Q3: the batch mean of the L2 distance between the student's and the teacher's maps. */
    public static SDVariable atLoss(SameDiff sd, SDVariable studentFeatures, SDVariable teacherFeatures, double p) {
        SDVariable qs = attentionMap(sd, studentFeatures, p);
        SDVariable qt = attentionMap(sd, teacherFeatures, p);
        return qs.sub(qt).norm2(1).mean();
    }
}
