package org.transferlab.models;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.nn.BatchNormRelu;
import org.transferlab.nn.BatchNormState;
import org.transferlab.nn.Layer;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/**
 * Several tasks, each with its own input and classification head, over a convolutional trunk of three blocks
 * (conv3×3-BN-ReLU, max pooling after blocks 1 and 2), of which the first {@code sharedBlocks} are shared:
 * <ul>
 *   <li>a shared block's convolution is <b>one layer object</b> on every task's path (one weight array);</li>
 *   <li>its batch norm is shared too, or, with {@code perTaskBatchNorm}, one per task (own γ, β and running
 *       statistics): {@code out_t = relu(bn_t(conv(in_t)))}, the curriculum's independent BN;</li>
 *   <li>blocks after the shared ones, and the heads (global average pooling, dense), belong to one task.</li>
 * </ul>
 * {@code sharedBlocks = 0} is one independent network per task (the single-task references); 3 with shared
 * BN is part 2's Q1, 3 with per-task BN its Q2. Tasks are run one at a time: forward and backward of task t
 * leave task t's gradients in the parameters, which the engine collects before the next task runs.
 */
public final class MultiTaskNetwork implements MultiTaskModel {
    public static final int BLOCKS = 3;

    private final int sharedBlocks;
    private final boolean perTaskBatchNorm;
    private final List<List<Layer>> paths = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Parameter> shared = new ArrayList<>();
    private final List<BatchNormState> batchNorms = new ArrayList<>();
    private final Parameter lastSharedWeights;

    private MultiTaskNetwork(int sharedBlocks, boolean perTaskBatchNorm, int[] widths, int[] classes, long seed) {
        if (sharedBlocks < 0 || sharedBlocks > BLOCKS) {
            throw new IllegalArgumentException("shared blocks must be between 0 (separate networks) and " + BLOCKS
                    + " (the whole trunk shared), got " + sharedBlocks);
        }
        this.sharedBlocks = sharedBlocks;
        this.perTaskBatchNorm = perTaskBatchNorm;
        int tasks = classes.length;
        Random rng = new Random(seed);
        for (int t = 0; t < tasks; t++) {
            paths.add(new ArrayList<>());
        }
        Parameter last = null;
        int in = 1;
        for (int b = 0; b < BLOCKS; b++) {
            String block = "b" + (b + 1);
            boolean sharedConv = b < sharedBlocks;
            List<Layer> convs = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                if (sharedConv && t > 0) {
                    convs.add(convs.get(0));
                } else {
                    convs.add(only(new NetworkBuilder(rng).conv3x3((sharedConv ? "shared/" : "t" + (t + 1) + "/")
                            + block + "_conv", in, widths[b])));
                }
            }
            if (sharedConv) {
                last = convs.get(0).parameters().get(0);
            }
            List<Layer> bns = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                boolean sharedBn = sharedConv && !perTaskBatchNorm;
                if (sharedBn && t > 0) {
                    bns.add(bns.get(0));
                } else {
                    bns.add(only(new NetworkBuilder(rng).batchNormRelu((sharedBn ? "shared/" : "t" + (t + 1) + "/")
                            + block + "_bn", widths[b])));
                }
            }
            for (int t = 0; t < tasks; t++) {
                paths.get(t).add(convs.get(t));
                paths.get(t).add(bns.get(t));
                if (b < 2) {
                    paths.get(t).addAll(new NetworkBuilder(rng).maxPool2("t" + (t + 1) + "/" + block + "_pool").layers);
                }
            }
            in = widths[b];
        }
        for (int t = 0; t < tasks; t++) {
            NetworkBuilder head = new NetworkBuilder(rng).globalAveragePool("t" + (t + 1) + "/gap")
                    .dense("t" + (t + 1) + "/logits", in, classes[t]);
            paths.get(t).addAll(head.layers);
        }
        Map<Layer, Boolean> seen = new IdentityHashMap<>();
        for (List<Layer> path : paths) {
            for (Layer l : path) {
                if (seen.put(l, Boolean.TRUE) == null) {
                    parameters.addAll(l.parameters());
                    if (l instanceof BatchNormRelu bn) {
                        batchNorms.add(bn.state());
                    }
                    if (l.name().startsWith("shared/")) {
                        shared.addAll(l.parameters());
                    }
                }
            }
        }
        this.lastSharedWeights = last;
    }

    private static Layer only(NetworkBuilder b) {
        return b.layers.get(0);
    }

    /**
     * @param widths  the trunk's channel widths, one per block
     * @param classes the number of classes of each task
     */
    public static MultiTaskNetwork create(int sharedBlocks, boolean perTaskBatchNorm, int[] widths, int[] classes,
                                          long seed) {
        return new MultiTaskNetwork(sharedBlocks, perTaskBatchNorm, widths, classes, seed);
    }

    public int tasks() {
        return paths.size();
    }

    public int sharedBlocks() {
        return sharedBlocks;
    }

    public boolean perTaskBatchNorm() {
        return perTaskBatchNorm;
    }

    /** A short label such as "2 shared blocks, BN per task". */
    @Override
    public String describe() {
        return describe(sharedBlocks, perTaskBatchNorm);
    }

    public static String describe(int sharedBlocks, boolean perTaskBn) {
        if (sharedBlocks == 0) {
            return "separate networks";
        }
        return sharedBlocks + " shared block" + (sharedBlocks > 1 ? "s" : "") + ", BN " + (perTaskBn ? "per task" : "shared");
    }

    /** Task t's layers in order (shared layers are the same objects on every path). */
    public List<Layer> path(int task) {
        return List.copyOf(paths.get(task));
    }

    /** Images [N, 1, 28, 28] of task t to that task's logits; valid until the next forward pass. */
    @Override
    public INDArray forward(int task, INDArray images, Pass pass) {
        INDArray x = images;
        for (Layer l : paths.get(task)) {
            x = l.forward(x, pass);
        }
        return x;
    }

    /** Back-propagates task t's loss gradient, leaving task t's gradients in its path's parameters. */
    @Override
    public void backward(int task, INDArray gradLogits) {
        INDArray g = gradLogits;
        List<Layer> path = paths.get(task);
        zGradient = null;
        for (int i = path.size() - 1; i >= 0; i--) {
            if (zGradient == null && path.get(i).name().startsWith("shared/")) {
                zGradient = g.dup(); // entering the shared trunk from above: ∂L/∂Z
            }
            g = path.get(i).backward(g);
        }
    }

    private INDArray zGradient;

    /**
     * MGDA-UB's cheap half: back-propagates task t's loss gradient through its own layers only (its head, down to
     * the shared representation Z), leaving their gradients, and returns ∂L_t/∂Z. Nothing of the trunk runs.
     */
    public INDArray backwardHead(int task, INDArray gradLogits) {
        INDArray g = gradLogits;
        List<Layer> path = paths.get(task);
        for (int i = path.size() - 1; i >= 0 && !path.get(i).name().startsWith("shared/"); i--) {
            g = path.get(i).backward(g);
        }
        return g.dup();
    }

    /**
     * Back-propagates a gradient with respect to Z once through the shared trunk, leaving the trunk's gradients.
     * Valid after a forward pass of any task on the batch (the trunk's layers are the same objects on every
     * path, and with one input every task's trunk pass is the same). MGDA-UB passes Σ_t α_t ∂L_t/∂Z here: the
     * trunk's gradient is linear in it, so one pass gives the weighted sum of the tasks' trunk gradients.
     */
    public void backwardShared(INDArray gradZ) {
        List<Layer> path = paths.get(0);
        int i = path.size() - 1;
        while (i >= 0 && !path.get(i).name().startsWith("shared/")) {
            i--;
        }
        INDArray g = gradZ;
        for (; i >= 0; i--) {
            g = path.get(i).backward(g);
        }
    }

    @Override
    public INDArray sharedRepresentationGradient() {
        return zGradient;
    }

    /** The parameters on task t's path. */
    @Override
    public List<Parameter> parameters(int task) {
        List<Parameter> out = new ArrayList<>();
        for (Layer l : paths.get(task)) {
            out.addAll(l.parameters());
        }
        return out;
    }

    /** Every trainable parameter once. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The parameters every task shares (empty for separate networks). */
    @Override
    public List<Parameter> sharedParameters() {
        return shared;
    }

    /** The weights of the last shared convolution (GradNorm's W), or null when nothing is shared. */
    @Override
    public Parameter lastSharedWeights() {
        return lastSharedWeights;
    }

    @Override
    public long parameterCount() {
        return Network.count(parameters);
    }

    @Override
    public Map<String, INDArray> state() {
        return Network.state(parameters, batchNorms);
    }

    @Override
    public void release() {
        paths.forEach(p -> p.forEach(Layer::release));
    }
}
