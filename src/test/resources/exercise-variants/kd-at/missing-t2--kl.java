import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

public class Solution {

    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        // KL(p_t || p_s) without the T² factor
        SDVariable logP = sd.nn().logSoftmax(teacherLogits.div(T));
        SDVariable logQ = sd.nn().logSoftmax(studentLogits.div(T));
        return sd.math().exp(logP).mul(logP.sub(logQ)).sum(1).mean();
    }

    public static SDVariable attentionMap(SameDiff sd, SDVariable features, double p) {
        long[] shape = features.getShape();
        SDVariable rows = sd.math().abs(features).pow(p).sum(1).reshape(-1, shape[2] * shape[3]);
        return rows.div(rows.norm2(true, 1));
    }

    public static SDVariable atLoss(SameDiff sd, SDVariable studentFeatures, SDVariable teacherFeatures, double p) {
        return attentionMap(sd, studentFeatures, p).sub(attentionMap(sd, teacherFeatures, p)).norm2(1).mean();
    }

    public static SDVariable crossEntropy(SameDiff sd, SDVariable logits, SDVariable oneHotLabels) {
        return oneHotLabels.mul(sd.nn().logSoftmax(logits)).sum(1).neg().mean();
    }

    /** A1: (1 − α)·CE + α·T²·kd + β·Σ_j AT_j. */
    public static SDVariable totalLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                       SDVariable labels, SDVariable[] studentFeatures, SDVariable[] teacherFeatures,
                                       double T, double alpha, double beta, double p) {
        SDVariable ce = crossEntropy(sd, studentLogits, labels);
        SDVariable kd = distillationLoss(sd, studentLogits, teacherLogits, T);
        SDVariable at = atLoss(sd, studentFeatures[0], teacherFeatures[0], p);
        for (int j = 1; j < studentFeatures.length; j++) {
            at = at.add(atLoss(sd, studentFeatures[j], teacherFeatures[j], p));
        }
        return ce.mul(1 - alpha).add(kd.mul(alpha)).add(at.mul(beta));
    }
}
