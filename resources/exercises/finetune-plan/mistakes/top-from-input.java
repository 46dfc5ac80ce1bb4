public class Solution {

    public static boolean trains(String parameter, String strategy, String lastConv) {
        if (parameter.startsWith("logits/")) {
            return true;
        }
        if (strategy.equals("bn-patch")) {
            return parameter.endsWith("/gamma") || parameter.endsWith("/beta");
        }
        if (strategy.equals("top-1")) {
            return parameter.startsWith("g1_conv1/") || parameter.startsWith("g1_conv1_bn/");
        }
        return false;
    }
}
