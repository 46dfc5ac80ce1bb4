package org.transferlab.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One architecture built into its own {@link SameDiff} graph: the input placeholder, the logits, the named
 * feature taps, the trainable parameters and the batch-norm running statistics. Loss terms are added to
 * {@link #sameDiff()} by the {@code transfer} package.
 *
 * <p>{@link #create} builds the training form (batch statistics, dropout); {@link #inference()} builds, once,
 * its inference twin (running statistics, no dropout) in a second graph. SameDiff copies arrays given to a
 * variable, so the twin holds its own parameter arrays: every call of {@link #inference()} copies the current
 * values into them. The batch-norm running statistics are shared objects and need no copy.
 */
public final class ModelGraph {
    /** Placeholder for the input images, [N, 1, 28, 28]. */
    public static final String INPUT = "input";

    private final Architecture architecture;
    private final SameDiff sd;
    private final DataType dtype;
    private final SDVariable input;
    private final SDVariable logits;
    private final Map<String, SDVariable> taps;
    private final List<BatchNormState> batchNorms;
    private final List<DropoutMask> dropouts;
    private final List<String> parameters;
    private final int numClasses;
    private final boolean training;
    private final long seed;
    private ModelGraph inference;

    private ModelGraph(Architecture architecture, SameDiff sd, DataType dtype, SDVariable input, SDVariable logits,
                       Map<String, SDVariable> taps, GraphBuilder b, int numClasses, boolean training, long seed) {
        this.architecture = architecture;
        this.sd = sd;
        this.dtype = dtype;
        this.input = input;
        this.logits = logits;
        this.taps = Collections.unmodifiableMap(taps);
        this.batchNorms = List.copyOf(b.batchNorms);
        this.dropouts = List.copyOf(b.dropouts);
        this.parameters = List.copyOf(b.parameters);
        this.numClasses = numClasses;
        this.training = training;
        this.seed = seed;
    }

    /** Builds {@code architecture} into a new graph with parameters drawn from {@code seed}. */
    public static ModelGraph create(Architecture architecture, int numClasses, DataType dtype, long seed) {
        return build(architecture, numClasses, dtype, seed, true, null);
    }

    private static ModelGraph build(Architecture architecture, int numClasses, DataType dtype, long seed,
                                    boolean training, Map<String, BatchNormState> shared) {
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder(INPUT, dtype, -1, 1, 28, 28);
        GraphBuilder b = new GraphBuilder(sd, dtype, seed, training, shared);
        Map<String, SDVariable> taps = new LinkedHashMap<>();
        SDVariable logits = architecture.build(b, input, numClasses, taps);
        return new ModelGraph(architecture, sd, dtype, input, logits, taps, b, numClasses, training, seed);
    }

    /**
     * The inference twin of this training graph (built on first use), its parameters brought up to date with
     * this graph's current values. Call it again after training steps; do not keep the result across them.
     */
    public synchronized ModelGraph inference() {
        if (!training) {
            return this;
        }
        if (inference == null) {
            Map<String, BatchNormState> shared = new LinkedHashMap<>();
            batchNorms.forEach(bn -> shared.put(bn.name(), bn));
            inference = build(architecture, numClasses, dtype, seed, false, shared);
        }
        for (String p : parameters) {
            inference.parameter(p).assign(parameter(p));
        }
        return inference;
    }

    /** Whether this is the training form (batch statistics, dropout) rather than the inference form. */
    public boolean isTraining() {
        return training;
    }

    public Architecture architecture() {
        return architecture;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    public DataType dtype() {
        return dtype;
    }

    public SDVariable input() {
        return input;
    }

    public SDVariable logits() {
        return logits;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Feature tensors by attention-point name. */
    public Map<String, SDVariable> taps() {
        return taps;
    }

    public SDVariable tap(String name) {
        SDVariable v = taps.get(name);
        if (v == null) {
            throw new IllegalArgumentException(architecture.name() + " has no attention point '" + name
                    + "'; it has " + taps.keySet());
        }
        return v;
    }

    public List<BatchNormState> batchNorms() {
        return batchNorms;
    }

    /** Names of the trainable parameters, in creation order. */
    public List<String> parameterNames() {
        return parameters;
    }

    public INDArray parameter(String name) {
        return sd.getVariable(name).getArr();
    }

    /** Trainable parameters plus running statistics: everything a checkpoint holds, by name. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String p : parameters) {
            m.put(p, parameter(p));
        }
        for (BatchNormState bn : batchNorms) {
            m.put(bn.runningMeanInput(), bn.runningMean());
            m.put(bn.runningVarInput(), bn.runningVar());
        }
        return m;
    }

    /** The number of trainable scalars (running statistics excluded). */
    public long parameterCount() {
        long n = 0;
        for (String p : parameters) {
            n += parameter(p).length();
        }
        return n;
    }

    /** Graph outputs the engine must fetch after a training step to update the running statistics. */
    public List<String> batchStatisticOutputs() {
        List<String> out = new ArrayList<>();
        for (BatchNormState bn : batchNorms) {
            out.add(bn.batchMean());
            out.add(bn.batchVar());
        }
        return out;
    }

    /** Folds a training step's batch statistics (from {@link #batchStatisticOutputs()}) into the running ones. */
    public void updateRunningStatistics(Map<String, INDArray> outputs, int batchSize) {
        for (BatchNormState bn : batchNorms) {
            bn.update(outputs.get(bn.batchMean()), outputs.get(bn.batchVar()), batchSize);
        }
    }

    /**
     * Fills every placeholder this graph needs for a batch of images: the input and, in the training form,
     * fresh dropout masks drawn from {@code rng}, or, in the inference form, the running statistics.
     */
    public void feed(Map<String, INDArray> placeholders, INDArray images, Random rng) {
        placeholders.put(INPUT, images);
        if (!training) {
            for (BatchNormState bn : batchNorms) {
                placeholders.put(bn.runningMeanInput(), bn.runningMean());
                placeholders.put(bn.runningVarInput(), bn.runningVar());
            }
            return;
        }
        long n = images.size(0);
        for (DropoutMask d : dropouts) {
            float keep = (float) (1 - d.rate());
            float[] v = new float[(int) (n * d.width())];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextFloat() < keep ? 1f / keep : 0f;
            }
            placeholders.put(d.input(), Nd4j.create(v, new long[]{n, d.width()}, 'c').castTo(dtype));
        }
    }
}
