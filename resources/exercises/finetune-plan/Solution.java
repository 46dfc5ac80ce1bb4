public class Solution {

    /** The head always trains; bn-patch adds every γ and β; top-1 adds the last conv layer with its batch norm. */
    public static boolean trains(String parameter, String strategy, String lastConv) {
        if (parameter.startsWith("logits/")) {
            return true;
        }
        String layer = parameter.substring(0, parameter.indexOf('/'));
        if (layer.endsWith("_bn")) {
            layer = layer.substring(0, layer.length() - 3);
        }
        return switch (strategy) {
            case "bn-patch" -> parameter.endsWith("/gamma") || parameter.endsWith("/beta");
            case "top-1" -> layer.equals(lastConv);
            default -> false;
        };
    }
}
