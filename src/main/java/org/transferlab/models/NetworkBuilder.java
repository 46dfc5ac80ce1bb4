package org.transferlab.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.nn.BatchNormRelu;
import org.transferlab.nn.Conv3x3;
import org.transferlab.nn.Dense;
import org.transferlab.nn.Dropout;
import org.transferlab.nn.Flatten;
import org.transferlab.nn.GlobalAvgPool;
import org.transferlab.nn.Layer;
import org.transferlab.nn.MaxPool2;
import org.transferlab.nn.Relu;

/**
 * The vocabulary architectures are written in: layers appended in order, and named attention points
 * ({@link #tap}) marking the current output. Parameters start as in PyTorch's defaults (weights and biases
 * uniform in ±1/√fan_in; BN γ = 1, β = 0), drawn in creation order from a {@link Random} seeded by the
 * caller, so a seed fixes every initial value.
 */
public final class NetworkBuilder {
    private final Random rng;
    final List<Layer> layers = new ArrayList<>();
    final Map<String, Integer> taps = new LinkedHashMap<>();

    NetworkBuilder(long seed) {
        this(new Random(seed));
    }

    /** A builder drawing from a random source shared with other builders (multi-task networks). */
    NetworkBuilder(Random rng) {
        this.rng = rng;
    }

    private org.nd4j.linalg.api.ndarray.INDArray uniform(double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return Nd4j.create(v, shape, 'c');
    }

    private NetworkBuilder add(Layer l) {
        layers.add(l);
        return this;
    }

    /** 3×3 convolution, stride 1, "same" padding, with bias; weights [3, 3, in, out]. */
    public NetworkBuilder conv3x3(String name, int in, int out) {
        double bound = 1 / Math.sqrt(in * 9.0);
        var w = uniform(bound, 3, 3, in, out);
        var b = uniform(bound, out);
        return add(new Conv3x3(name, w, b));
    }

    public NetworkBuilder batchNormRelu(String name, int channels) {
        return add(new BatchNormRelu(name, channels));
    }

    public NetworkBuilder maxPool2(String name) {
        return add(new MaxPool2(name));
    }

    public NetworkBuilder globalAveragePool(String name) {
        return add(new GlobalAvgPool(name));
    }

    /** {@code x·W + b} with W of [in, out]. */
    public NetworkBuilder dense(String name, int in, int out) {
        double bound = 1 / Math.sqrt(in);
        var w = uniform(bound, in, out);
        var b = uniform(bound, 1, out);
        return add(new Dense(name, w, b));
    }

    public NetworkBuilder relu(String name) {
        return add(new Relu(name));
    }

    public NetworkBuilder dropout(String name, double rate) {
        return add(new Dropout(name, rate));
    }

    public NetworkBuilder flatten(String name) {
        return add(new Flatten(name));
    }

    /** Names the output of the last layer added as an attention point. */
    public NetworkBuilder tap(String name) {
        taps.put(name, layers.size() - 1);
        return this;
    }
}
