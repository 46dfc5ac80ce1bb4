public class Solution {

    public static boolean trains(String parameter, String strategy, String lastConv) {
        boolean batchNorm = parameter.endsWith("/gamma") || parameter.endsWith("/beta");
        if (strategy.equals("bn-patch")) {
            return batchNorm;
        }
        if (strategy.equals("top-1")) {
            return parameter.startsWith(lastConv + "/") || parameter.startsWith(lastConv + "_bn/");
        }
        return false;
    }
}
