package org.transferlab.models;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.nn.BatchNormRelu;
import org.transferlab.nn.BatchNormState;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Layer;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/**
 * Cross-stitch networks (Misra, Shrivastava, Gupta and Hebert, CVPR 2016) for two tasks on one input: one column
 * per task (the part-2 trunk: conv-BN-ReLU blocks of the given widths, max pooling after blocks 1 and 2, then
 * global pooling and a head), and after blocks 1 and 2 a cross-stitch unit that mixes, channel by channel, the
 * two columns' activations with a learned 2×2 matrix:
 * <pre>
 *   x̃_A = α_AA·x_A + α_AB·x_B        x̃_B = α_BA·x_A + α_BB·x_B
 * </pre>
 * started near the identity (α_AA = α_BB = 0.9, α_AB = α_BA = 0.1). The α are parameters named
 * {@code cs1/alpha}, {@code cs2/alpha} ([C, 4]: AA, AB, BA, BB per channel); the run may give them a learning rate
 * of their own. A task's forward pass computes both columns (its output depends on both through the α).
 */
public final class CrossStitchNetwork implements MultiTaskModel {
    public static final double INIT_SELF = 0.9;
    public static final double INIT_OTHER = 0.1;

    private final List<List<List<Layer>>> segments = new ArrayList<>(); // [segment][column] → layers
    private final List<List<Layer>> heads = new ArrayList<>();
    private final List<Unit> units = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Parameter> shared = new ArrayList<>();
    private final List<BatchNormState> batchNorms = new ArrayList<>();

    /** One cross-stitch unit's α and what its last forward pass saw. */
    static final class Unit {
        final Parameter alpha;
        final int channels;
        float[] xa;
        float[] xb;
        long[] shape;

        Unit(String name, int channels) {
            this.channels = channels;
            float[] a = new float[channels * 4];
            for (int c = 0; c < channels; c++) {
                a[c * 4] = (float) INIT_SELF;
                a[c * 4 + 1] = (float) INIT_OTHER;
                a[c * 4 + 2] = (float) INIT_OTHER;
                a[c * 4 + 3] = (float) INIT_SELF;
            }
            alpha = Parameter.of(name + "/alpha", Nd4j.create(a, new long[]{channels, 4}, 'c'));
        }

        INDArray[] forward(INDArray a, INDArray b) {
            shape = a.shape();
            xa = Floats.read(a, xa);
            xb = Floats.read(b, xb);
            float[] al = Floats.read(alpha.value(), null);
            int per = (int) (shape[2] * shape[3]);
            int n = (int) shape[0];
            double[] ya = new double[xa.length];
            double[] yb = new double[xb.length];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    int base = (i * channels + c) * per;
                    float aa = al[c * 4];
                    float ab = al[c * 4 + 1];
                    float ba = al[c * 4 + 2];
                    float bb = al[c * 4 + 3];
                    for (int k = base; k < base + per; k++) {
                        ya[k] = aa * xa[k] + ab * xb[k];
                        yb[k] = ba * xa[k] + bb * xb[k];
                    }
                }
            }
            return new INDArray[]{Floats.create(ya, shape), Floats.create(yb, shape)};
        }

        /** From the gradients at x̃_A and x̃_B: those at x_A and x_B, and α's gradient. */
        INDArray[] backward(INDArray gya, INDArray gyb) {
            float[] ga = Floats.read(gya, null);
            float[] gb = Floats.read(gyb, null);
            float[] al = Floats.read(alpha.value(), null);
            int per = (int) (shape[2] * shape[3]);
            int n = (int) shape[0];
            double[] dxa = new double[xa.length];
            double[] dxb = new double[xb.length];
            double[] dal = new double[channels * 4];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    int base = (i * channels + c) * per;
                    float aa = al[c * 4];
                    float ab = al[c * 4 + 1];
                    float ba = al[c * 4 + 2];
                    float bb = al[c * 4 + 3];
                    double saa = 0;
                    double sab = 0;
                    double sba = 0;
                    double sbb = 0;
                    for (int k = base; k < base + per; k++) {
                        dxa[k] = aa * ga[k] + ba * gb[k];
                        dxb[k] = ab * ga[k] + bb * gb[k];
                        saa += ga[k] * xa[k];
                        sab += ga[k] * xb[k];
                        sba += gb[k] * xa[k];
                        sbb += gb[k] * xb[k];
                    }
                    dal[c * 4] += saa;
                    dal[c * 4 + 1] += sab;
                    dal[c * 4 + 2] += sba;
                    dal[c * 4 + 3] += sbb;
                }
            }
            float[] g = new float[dal.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) dal[i];
            }
            Floats.write(alpha.grad(), g);
            return new INDArray[]{Floats.create(dxa, shape), Floats.create(dxb, shape)};
        }
    }

    private CrossStitchNetwork(int[] widths, int[] classes, long seed) {
        if (classes.length != 2) {
            throw new IllegalArgumentException("cross-stitch networks here join two tasks, got " + classes.length);
        }
        Random rng = new Random(seed);
        int in = 1;
        for (int b = 0; b < 3; b++) {
            List<List<Layer>> seg = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                NetworkBuilder nb = new NetworkBuilder(rng).conv3x3("t" + (t + 1) + "/b" + (b + 1) + "_conv", in, widths[b])
                        .batchNormRelu("t" + (t + 1) + "/b" + (b + 1) + "_bn", widths[b]);
                if (b < 2) {
                    nb.maxPool2("t" + (t + 1) + "/b" + (b + 1) + "_pool");
                }
                seg.add(new ArrayList<>(nb.layers));
            }
            segments.add(seg);
            if (b < 2) {
                units.add(new Unit("cs" + (b + 1), widths[b]));
            }
            in = widths[b];
        }
        for (int t = 0; t < 2; t++) {
            heads.add(new ArrayList<>(new NetworkBuilder(rng).globalAveragePool("t" + (t + 1) + "/gap")
                    .dense("t" + (t + 1) + "/logits", in, classes[t]).layers));
        }
        Map<Layer, Boolean> seen = new IdentityHashMap<>();
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 2; t++) {
                for (Layer l : segments.get(s).get(t)) {
                    if (seen.put(l, true) == null) {
                        parameters.addAll(l.parameters());
                        if (s < 2) {
                            shared.addAll(l.parameters());
                        }
                        if (l instanceof BatchNormRelu bn) {
                            batchNorms.add(bn.state());
                        }
                    }
                }
            }
            if (s < 2) {
                parameters.add(units.get(s).alpha);
                shared.add(units.get(s).alpha);
            }
        }
        heads.forEach(h -> h.forEach(l -> parameters.addAll(l.parameters())));
    }

    public static CrossStitchNetwork create(int[] widths, int[] classes, long seed) {
        return new CrossStitchNetwork(widths, classes, seed);
    }

    private static INDArray run(List<Layer> layers, INDArray x, Pass pass) {
        for (Layer l : layers) {
            x = l.forward(x, pass);
        }
        return x;
    }

    private static INDArray back(List<Layer> layers, INDArray g) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
    }

    @Override
    public INDArray forward(int task, INDArray images, Pass pass) {
        INDArray a = images;
        INDArray b = images;
        for (int s = 0; s < 2; s++) {
            a = run(segments.get(s).get(0), a, pass);
            b = run(segments.get(s).get(1), b, pass);
            INDArray[] mixed = units.get(s).forward(a, b);
            a = mixed[0];
            b = mixed[1];
        }
        INDArray x = run(segments.get(2).get(task), task == 0 ? a : b, pass);
        return run(heads.get(task), x, pass);
    }

    @Override
    public void backward(int task, INDArray gradLogits) {
        INDArray g = back(segments.get(2).get(task), back(heads.get(task), gradLogits));
        INDArray zero = g.ulike().assign(0);
        INDArray ga = task == 0 ? g : zero;
        INDArray gb = task == 0 ? zero : g;
        for (int s = 1; s >= 0; s--) {
            INDArray[] d = units.get(s).backward(ga, gb);
            ga = back(segments.get(s).get(0), d[0]);
            gb = back(segments.get(s).get(1), d[1]);
        }
    }

    /** Task t's parameters: both columns up to block 2, the α, and its own block 3 and head. */
    @Override
    public List<Parameter> parameters(int task) {
        List<Parameter> out = new ArrayList<>(shared);
        segments.get(2).get(task).forEach(l -> out.addAll(l.parameters()));
        heads.get(task).forEach(l -> out.addAll(l.parameters()));
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** What both tasks' losses reach: both columns' blocks 1 and 2 and the α. */
    @Override
    public List<Parameter> sharedParameters() {
        return shared;
    }

    /** GradNorm's W: the last cross-stitch unit's α, the last parameters both tasks share. */
    @Override
    public Parameter lastSharedWeights() {
        return units.get(1).alpha;
    }

    /** The α of each unit by name, [C, 4] rows (AA, AB, BA, BB), for display. */
    public Map<String, float[]> alphas() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Unit u : units) {
            m.put(u.alpha.name(), Floats.read(u.alpha.value(), null));
        }
        return m;
    }

    @Override
    public String describe() {
        return "cross-stitch networks";
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
        segments.forEach(s -> s.forEach(c -> c.forEach(Layer::release)));
        heads.forEach(h -> h.forEach(Layer::release));
    }
}
