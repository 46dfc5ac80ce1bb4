public class Solution {

    /**
     * The output bias of the digits the student never saw, chosen on validation digits.
     *
     * @param validationLogits [N][10] the student's raw scores on held-out training digits
     * @param validationLabels [N] their true digits
     * @param testLogits       the test digits' scores (for the report only)
     * @param testLabels       the test digits' labels (for the report only)
     * @param hidden           the digits b is added to, e.g. {3} or {7, 8}
     * @param candidates       the biases to try, in order
     * @return the candidate with the best accuracy over every validation image, the first one on a tie
     */
    public static double chooseBias(double[][] validationLogits, int[] validationLabels, double[][] testLogits,
                                    int[] testLabels, int[] hidden, double[] candidates) {
        // 1. for each candidate b: predict argmax_i (z_i + b if i is hidden, else z_i) for every validation image
        // 2. its accuracy: the share of validation images predicted right
        // 3. keep the best accuracy (strict >: the first candidate on a tie)
        throw new UnsupportedOperationException("write chooseBias");
    }
}
