public class Solution {

    /** The candidate with the best accuracy over every validation image, b added to the hidden digits' logits. */
    public static double chooseBias(double[][] validationLogits, int[] validationLabels, double[][] testLogits,
                                    int[] testLabels, int[] hidden, double[] candidates) {
        double chosen = candidates[0];
        double best = -1;
        for (double b : candidates) {
            int right = 0;
            for (int n = 0; n < validationLabels.length; n++) {
                if (predict(validationLogits[n], hidden, b) == validationLabels[n]) {
                    right++;
                }
            }
            double accuracy = right / (double) validationLabels.length;
            if (accuracy >= best) {
                best = accuracy;
                chosen = b;
            }
        }
        return chosen;
    }

    private static int predict(double[] logits, int[] hidden, double b) {
        int arg = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            double z = logits[i];
            for (int h : hidden) {
                if (h == i) {
                    z += b;
                }
            }
            if (z > top) {
                top = z;
                arg = i;
            }
        }
        return arg;
    }
}
