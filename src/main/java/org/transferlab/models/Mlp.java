package org.transferlab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fully connected ReLU networks after Hinton et al.'s MNIST experiment. They have no spatial feature maps,
 * hence no attention points: they take part in KD but not in AT.
 */
public class Mlp implements Architecture {
    private final String name;
    private final String summary;
    private final int[] hidden;
    private final double inputDropout;
    private final double hiddenDropout;

    public Mlp(String name, String summary, int[] hidden, double inputDropout, double hiddenDropout) {
        this.name = name;
        this.summary = summary;
        this.hidden = hidden;
        this.inputDropout = inputDropout;
        this.hiddenDropout = hiddenDropout;
    }

    /** 784-1200-1200-10 with dropout (0.2 on the input, 0.5 on hidden units): Hinton's teacher. */
    public static Mlp large() {
        return new Mlp("mlp-large", "teacher MLP 784-1200-1200-10 with dropout", new int[]{1200, 1200}, 0.2, 0.5);
    }

    /** 784-800-800-10: Hinton's student. */
    public static Mlp medium() {
        return new Mlp("mlp-medium", "student MLP 784-800-800-10", new int[]{800, 800}, 0, 0);
    }

    /** 784-30-10: a tiny student. */
    public static Mlp tiny() {
        return new Mlp("mlp-tiny", "tiny student MLP 784-30-10", new int[]{30}, 0, 0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Map<String, int[]> attentionPoints() {
        return Map.of();
    }

    @Override
    public Map<String, int[]> features() {
        return Map.of(EMBEDDING, new int[]{hidden[hidden.length - 1], 1, 1});
    }

    @Override
    public List<String[]> layerTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"flatten", inputDropout > 0 ? "dropout " + inputDropout : "", "784"});
        for (int i = 0; i < hidden.length; i++) {
            rows.add(new String[]{"fc" + (i + 1), "dense-ReLU" + (hiddenDropout > 0 ? ", dropout " + hiddenDropout : ""),
                    String.valueOf(hidden[i])});
        }
        rows.set(rows.size() - 1, new String[]{rows.get(rows.size() - 1)[0], rows.get(rows.size() - 1)[1] + "  [embedding]",
                rows.get(rows.size() - 1)[2]});
        rows.add(new String[]{"logits", "dense", "10"});
        return rows;
    }

    @Override
    public void build(NetworkBuilder b, int numClasses) {
        b.flatten("flatten");
        if (inputDropout > 0) {
            b.dropout("input_dropout", inputDropout);
        }
        int in = 784;
        for (int i = 0; i < hidden.length; i++) {
            b.dense("fc" + (i + 1), in, hidden[i]).relu("fc" + (i + 1) + "_relu");
            if (hiddenDropout > 0) {
                b.dropout("fc" + (i + 1) + "_dropout", hiddenDropout);
            }
            in = hidden[i];
        }
        b.tap(EMBEDDING).dense("logits", in, numClasses);
    }
}
