package org.transferlab.l2t;

import java.util.ArrayList;
import java.util.List;

/**
 * The methods of the L2T-ww paper's table, as the chapter runs them: which (source layer, target layer) pairs
 * transfer, by which loss, and what the meta-networks learn. Layers are the networks' attention points in order
 * (cnn-small: group1 14×14, group2 7×7, group3 7×7).
 */
public enum L2tMethod {
    SCRATCH("scratch", "Scratch", Pairs.NONE, false, false, false),
    AT("at", "AT one-to-one", Pairs.ONE_TO_ONE, true, false, false),
    FM_SINGLE("fm-single", "FM single", Pairs.LAST, false, false, false),
    FM_ONE("fm-one", "FM one-to-one", Pairs.ONE_TO_ONE, false, false, false),
    L2T_W("l2t-w", "L2T-w one-to-one", Pairs.ONE_TO_ONE, false, true, false),
    L2T_WW("l2t-ww", "L2T-ww all-to-all", Pairs.ALL_TO_ALL, false, true, true);

    /** Which pairs a method matches. */
    public enum Pairs {
        /** None: the target learns from its labels alone. */
        NONE,
        /** The last layer of each: FitNets' single hint. */
        LAST,
        /** Layer k of the source with layer k of the target. */
        ONE_TO_ONE,
        /** Every source layer with every target layer; λ decides which count. */
        ALL_TO_ALL
    }

    /** A (source layer, target layer) pair by attention-point name, e.g. group2 → group3. */
    public record Pair(String source, String target) {
        @Override
        public String toString() {
            return source + " → " + target;
        }
    }

    private final String id;
    private final String label;
    private final Pairs pairs;
    private final boolean attention;
    private final boolean learnsWhat;
    private final boolean learnsWhere;

    L2tMethod(String id, String label, Pairs pairs, boolean attention, boolean learnsWhat, boolean learnsWhere) {
        this.id = id;
        this.label = label;
        this.pairs = pairs;
        this.attention = attention;
        this.learnsWhat = learnsWhat;
        this.learnsWhere = learnsWhere;
    }

    public String id() {
        return id;
    }

    /** As in the paper's table: "FM one-to-one". */
    public String label() {
        return label;
    }

    /** True for AT (attention maps compared), false for the feature-matching methods. */
    public boolean attention() {
        return attention;
    }

    /** Whether channel weights are learned (L2T-w, L2T-ww); otherwise uniform, 1/C. */
    public boolean learnsWhat() {
        return learnsWhat;
    }

    /** Whether pair weights λ are learned (L2T-ww); otherwise 1 for every matched pair. */
    public boolean learnsWhere() {
        return learnsWhere;
    }

    /** Whether the run takes the bilevel meta-step. */
    public boolean meta() {
        return learnsWhat || learnsWhere;
    }

    /**
     * The pairs this method matches between the source's and the target's layers (in order, input side first);
     * one-to-one needs as many layers on both sides.
     */
    public List<Pair> pairs(List<String> sourceLayers, List<String> targetLayers) {
        List<Pair> out = new ArrayList<>();
        switch (pairs) {
            case NONE -> {
            }
            case LAST -> out.add(new Pair(sourceLayers.get(sourceLayers.size() - 1),
                    targetLayers.get(targetLayers.size() - 1)));
            case ONE_TO_ONE -> {
                if (sourceLayers.size() != targetLayers.size()) {
                    throw new IllegalArgumentException("--method " + id + " pairs layer k of the source with layer k "
                            + "of the target, but the source has " + sourceLayers.size() + " attention points and the "
                            + "target " + targetLayers.size() + ": use l2t-ww (all-to-all) or fm-single");
                }
                for (int k = 0; k < sourceLayers.size(); k++) {
                    out.add(new Pair(sourceLayers.get(k), targetLayers.get(k)));
                }
            }
            case ALL_TO_ALL -> {
                for (String s : sourceLayers) {
                    for (String t : targetLayers) {
                        out.add(new Pair(s, t));
                    }
                }
            }
            default -> throw new IllegalStateException(pairs.name());
        }
        return out;
    }

    /** The method {@code id}; one line naming the choices when there is none. */
    public static L2tMethod parse(String id) {
        for (L2tMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--method: unknown L2T method '" + id + "'; choose one of "
                + java.util.Arrays.stream(values()).map(L2tMethod::id).toList());
    }
}
