public class Solution {

    /**
     * Whether a strategy lets the optimiser change a parameter.
     *
     * @param parameter a parameter's name, e.g. g2_conv1_bn/gamma or logits/W
     * @param strategy  linear-probe, bn-patch or top-1
     * @param lastConv  the conv layer nearest the head, e.g. g3_conv1
     * @return true when the parameter trains
     */
    public static boolean trains(String parameter, String strategy, String lastConv) {
        throw new UnsupportedOperationException("write trains");
    }
}
