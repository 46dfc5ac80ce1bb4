public class Solution {

    public static boolean trains(String parameter, String strategy, String lastConv) {
        if (parameter.startsWith("logits")) {
            return true;
        }
        boolean batchNorm = parameter.contains("_bn/");
        if (strategy.equals("top-1")) {
            return parameter.startsWith(lastConv + "/") || parameter.startsWith(lastConv + "_bn/");
        }
        return batchNorm; // linear-probe and bn-patch alike
    }
}
