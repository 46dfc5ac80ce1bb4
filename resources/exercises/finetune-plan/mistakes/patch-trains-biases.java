public class Solution {

    public static boolean trains(String parameter, String strategy, String lastConv) {
        if (parameter.startsWith("logits/")) {
            return true;
        }
        switch (strategy) {
            case "bn-patch":
                return !parameter.endsWith("/W"); // scale and bias: every bias and every gamma
            case "top-1":
                return parameter.split("/")[0].replace("_bn", "").equals(lastConv);
            default:
                return false;
        }
    }
}
