public class Solution {

    public static boolean trains(String parameter, String strategy, String lastConv) {
        String layer = parameter.split("/")[0].replace("_bn", "");
        if (layer.equals("logits")) {
            return true;
        }
        if ("bn-patch".equals(strategy)) {
            return parameter.endsWith("gamma");
        }
        return "top-1".equals(strategy) && layer.equals(lastConv);
    }
}
