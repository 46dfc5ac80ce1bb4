import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {
    public static SDVariable attentionMap(SameDiff sd, SDVariable features, double p) {
        long[] s = features.getShape();
        SDVariable a = sd.math().abs(features).pow(p).sum(1).reshape(-1, s[2] * s[3]);
        return a.div(a.norm2(true, 0));
    }

    public static SDVariable atLoss(SameDiff sd, SDVariable studentFeatures, SDVariable teacherFeatures, double p) {
        SDVariable qs = attentionMap(sd, studentFeatures, p);
        SDVariable qt = attentionMap(sd, teacherFeatures, p);
        return qs.sub(qt).norm2(1).mean();
    }
}
