package org.transferlab.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.nn.BatchNormRelu;
import org.transferlab.nn.BatchNormState;
import org.transferlab.nn.Layer;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/**
 * One architecture as a sequence of layers with named attention points: forward to logits and taps,
 * backward from the gradients of the loss with respect to them. Not thread-safe: one thread trains or
 * evaluates a network at a time.
 */
public final class Network {
    private final Architecture architecture;
    private final int numClasses;
    private final List<Layer> layers;
    private final Map<String, Integer> taps;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<BatchNormState> batchNorms = new ArrayList<>();

    /** The outputs of one forward pass; valid until the network's next forward pass. */
    public record Forward(INDArray logits, Map<String, INDArray> taps) {
    }

    private Network(Architecture architecture, int numClasses, NetworkBuilder b) {
        this.architecture = architecture;
        this.numClasses = numClasses;
        this.layers = List.copyOf(b.layers);
        this.taps = Collections.unmodifiableMap(new LinkedHashMap<>(b.taps));
        for (Layer l : layers) {
            parameters.addAll(l.parameters());
            if (l instanceof BatchNormRelu bn) {
                batchNorms.add(bn.state());
            }
        }
    }

    /** Builds {@code architecture} with parameters drawn from {@code seed}. */
    public static Network create(Architecture architecture, int numClasses, long seed) {
        NetworkBuilder b = new NetworkBuilder(seed);
        architecture.build(b, numClasses);
        if (!b.taps.keySet().equals(architecture.features().keySet())) {
            throw new IllegalStateException(architecture.name() + " declares features "
                    + architecture.features().keySet() + " but builds " + b.taps.keySet());
        }
        return new Network(architecture, numClasses, b);
    }

    public Architecture architecture() {
        return architecture;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Images [N, 1, 28, 28] in [0, 1] to logits [N, K] and the attention points' features [N, C, H, W]. */
    public Forward forward(INDArray images, Pass pass) {
        Map<String, INDArray> tapped = new LinkedHashMap<>();
        INDArray x = images;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x, pass);
            for (var t : taps.entrySet()) {
                if (t.getValue() == i) {
                    tapped.put(t.getKey(), x);
                }
            }
        }
        return new Forward(x, tapped);
    }

    /**
     * Back-propagates the loss gradients with respect to the logits and (optionally) some attention points
     * of the last forward pass, leaving every parameter's gradient in {@link Parameter#grad()}; returns the
     * gradient with respect to the input images [N, 1, 28, 28] (valid until the next backward pass).
     */
    public INDArray backward(INDArray gradLogits, Map<String, INDArray> gradTaps) {
        return backward(gradLogits, gradTaps, 0);
    }

    /**
     * {@link #backward(INDArray, Map)} down to layer {@code lowest} only: the layers below it get no gradients
     * (fine-tuning with frozen lower layers skips their backward pass, the costliest part of a step); returns the
     * gradient with respect to layer {@code lowest}'s input.
     */
    public INDArray backward(INDArray gradLogits, Map<String, INDArray> gradTaps, int lowest) {
        INDArray g = gradLogits;
        for (int i = layers.size() - 1; i >= lowest; i--) {
            for (var t : taps.entrySet()) {
                INDArray extra = gradTaps.get(t.getKey());
                if (t.getValue() == i && extra != null) {
                    g = g.add(extra);
                }
            }
            g = layers.get(i).backward(g);
        }
        return g;
    }

    /** The index of the first layer, from the input, holding any of {@code parameterNames}; 0 when none does. */
    public int lowestLayerWith(java.util.Set<String> parameterNames) {
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) {
                if (parameterNames.contains(p.name())) {
                    return i;
                }
            }
        }
        return 0;
    }

    /** Lets every layer drop its cached buffers (call after evaluating on large batches). */
    public void release() {
        layers.forEach(Layer::release);
    }

    /** The trainable parameters, in creation order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    public List<BatchNormState> batchNorms() {
        return batchNorms;
    }

    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(architecture.name() + " has no parameter " + name);
    }

    /** Trainable parameters plus running statistics: everything a checkpoint holds, by name. */
    public Map<String, INDArray> state() {
        return state(parameters, batchNorms);
    }

    /** The number of trainable scalars (running statistics excluded). */
    public long parameterCount() {
        return count(parameters);
    }

    /** Parameters then running statistics, by name: what a checkpoint holds. */
    static Map<String, INDArray> state(List<Parameter> parameters, List<BatchNormState> batchNorms) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            m.put(p.name(), p.value());
        }
        for (BatchNormState bn : batchNorms) {
            m.put(bn.meanName(), bn.runningMean());
            m.put(bn.varName(), bn.runningVar());
        }
        return m;
    }

    static long count(List<Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.value().length();
        }
        return n;
    }
}
