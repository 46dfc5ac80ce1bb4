package org.transferlab.l2t;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.transferlab.finetune.TargetTask;
import org.transferlab.models.Architecture;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;

/**
 * The frozen source of an L2T run: one of the shipped networks trained on Fashion-MNIST classes 0–4 only
 * ({@code resources/source-networks/<architecture>-fashion-split.tlck}, made by the commands in the
 * {@code .properties} beside them) or a checkpoint the user names, checked before any training to be a CNN with a
 * head over those five classes.
 */
public final class SourceNetwork {
    private SourceNetwork() {
    }

    /** Class-path location of the shipped source of this architecture. */
    public static String shippedResource(String architecture) {
        return "/source-networks/" + architecture + "-" + TargetTask.FASHION_SPLIT.id() + ".tlck";
    }

    /** Where the source comes from, for files and the app. */
    public static String describe(String source) {
        return L2tConfig.NETWORKS.contains(source) ? "shipped " + shippedResource(source) : source;
    }

    /** The source network with its weights and batch-norm statistics, or one sentence saying why it cannot be. */
    public static Network load(String source) throws IOException {
        Checkpoint.Contents c;
        if (L2tConfig.NETWORKS.contains(source)) {
            String res = shippedResource(source);
            try (InputStream in = SourceNetwork.class.getResourceAsStream(res)) {
                if (in == null) {
                    throw new FileNotFoundException("no " + source + " source ships (" + res + " is missing); make one "
                            + "with 'make-source --setting fashion-split --architecture " + source + " --out DIR' and "
                            + "pass --source DIR/checkpoint.tlck");
                }
                c = Checkpoint.read(in, "shipped source " + res);
            }
        } else {
            c = Checkpoint.read(Path.of(source));
        }
        String name = describe(source);
        Architecture a;
        try {
            a = ModelZoo.get(c.architecture());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the source " + name + " is a '" + c.architecture() + "' network, "
                    + "which L2T cannot take; give a cnn-small or cnn-large checkpoint");
        }
        if (!L2tConfig.NETWORKS.contains(c.architecture())) {
            throw new IllegalArgumentException("the source " + name + " is an " + c.architecture() + ", which has no "
                    + "feature maps to transfer from; give a cnn-small or cnn-large checkpoint");
        }
        int classes = TargetTask.FASHION_SPLIT.sourceClasses().length;
        Network net = Network.create(a, classes, 0);
        long[] head = c.shapes().get("logits/b");
        if (head != null && head.length > 0 && head[head.length - 1] != classes) {
            throw new IllegalArgumentException("the source " + name + " predicts " + head[head.length - 1]
                    + " classes; an L2T source must be trained on Fashion-MNIST classes 0–4 only (never the target's "
                    + "5–9): make one with 'make-source --setting fashion-split'");
        }
        Checkpoint.apply(net, c, name);
        return net;
    }
}
