package org.transferlab.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.models.Network;
import org.transferlab.nn.BatchNormState;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;
import org.transferlab.transfer.LossGradients;
import org.transferlab.transfer.LossInputs;
import org.transferlab.transfer.StudentAccess;

/**
 * The student on one batch, for terms that differentiate it with respect to its input (Jacobian matching): runs
 * the batch's training forward pass itself ({@link #forward}, keeping a copy of the dropout source so that later
 * passes draw the same mask), gives input gradients of that pass, and after the loss's backward pass adds the
 * requested second-order terms to the parameter gradients ({@link #finish}). The extra passes run in training
 * mode (batch statistics, as the pass being differentiated) but leave the running statistics as they were.
 */
public final class StudentPasses implements StudentAccess {
    private final Network model;
    private final INDArray images;
    private final int[] labels;
    private final Set<String> taps;
    private final Random dropout;
    private final Random dropoutAtStep;
    private final Map<String, Request> pending = new LinkedHashMap<>();
    private Network.Forward main;

    private record Request(Seed seed, double[] direction, double epsilon) {
    }

    /**
     * @param images  the batch [N, 1, H, W]
     * @param taps    the student features the seeds read
     * @param dropout the run's dropout source; the forward pass draws from it as a plain step does
     */
    public StudentPasses(Network model, INDArray images, int[] labels, Set<String> taps, Random dropout) {
        this.model = model;
        this.images = images;
        this.labels = labels.clone();
        this.taps = Set.copyOf(taps);
        this.dropout = dropout;
        this.dropoutAtStep = copy(dropout);
    }

    /** The batch's training pass (drawing from the run's dropout source as a plain step does). */
    public Network.Forward forward() {
        main = model.forward(images, Pass.train(dropout));
        return main;
    }

    @Override
    public int pixels() {
        return (int) (images.length() / images.size(0));
    }

    @Override
    public double[] inputGradient(Seed seed) {
        if (main == null) {
            throw new IllegalStateException("forward() first");
        }
        return Floats.readDouble(backward(main, seedAt(main, seed)));
    }

    @Override
    public void addDirectionalGradient(String key, Seed seed, double[] direction, double epsilon) {
        if (direction.length != images.length()) {
            throw new IllegalArgumentException("direction has " + direction.length + " values, the batch "
                    + images.length());
        }
        pending.put(key, new Request(seed, direction.clone(), epsilon));
    }

    /**
     * Adds every requested {@code ∇_θ (d · ∇_X S)} to the parameter gradients the loss's backward pass left (call
     * after it); the main pass's outputs are invalid afterwards.
     */
    public void finish() {
        if (pending.isEmpty()) {
            return;
        }
        List<Parameter> params = model.parameters();
        List<INDArray> base = new ArrayList<>();
        List<INDArray> sum = new ArrayList<>();
        for (Parameter p : params) {
            base.add(p.grad().dup());
            sum.add(p.grad().ulike().assign(0));
        }
        List<INDArray[]> stats = new ArrayList<>();
        for (BatchNormState bn : model.batchNorms()) {
            stats.add(new INDArray[]{bn.runningMean().dup(), bn.runningVar().dup()});
        }
        int n = (int) images.size(0);
        for (Request r : pending.values()) {
            double norm = 0;
            for (double d : r.direction()) {
                norm += d * d;
            }
            norm = Math.sqrt(norm);
            if (norm == 0 || !Double.isFinite(norm)) {
                continue;
            }
            double h = r.epsilon() * Math.sqrt(n) / norm;
            INDArray d = Floats.create(r.direction(), images.shape());
            List<INDArray> plus = gradientsAt(images.add(d.mul(h)), r.seed());
            List<INDArray> minus = gradientsAt(images.sub(d.mul(h)), r.seed());
            for (int i = 0; i < params.size(); i++) {
                sum.get(i).addi(plus.get(i).subi(minus.get(i)).divi(2 * h));
            }
        }
        for (int i = 0; i < stats.size(); i++) {
            model.batchNorms().get(i).runningMean().assign(stats.get(i)[0]);
            model.batchNorms().get(i).runningVar().assign(stats.get(i)[1]);
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).grad().assign(base.get(i).addi(sum.get(i)));
        }
        pending.clear();
        main = null;
    }

    /** ∇_θ S at inputs {@code x}, in a training pass with the step's dropout mask. */
    private List<INDArray> gradientsAt(INDArray x, Seed seed) {
        Network.Forward out = model.forward(x, Pass.train(copy(dropoutAtStep)));
        backward(out, seedAt(out, seed));
        List<INDArray> g = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            g.add(p.grad().dup());
        }
        return g;
    }

    private LossGradients seedAt(Network.Forward out, Seed seed) {
        return seed(out, seed, labels, taps);
    }

    /** The seed's gradients with respect to the outputs of {@code out}. */
    static LossGradients seed(Network.Forward out, Seed seed, int[] labels, Set<String> taps) {
        Map<String, LossInputs.Feature> t = new LinkedHashMap<>();
        for (String tap : taps) {
            t.put(tap, Batches.feature(out.taps().get(tap)));
        }
        int n = (int) out.logits().size(0);
        LossGradients g = new LossGradients((int) out.logits().length());
        seed.gradient(new Outputs(n, (int) out.logits().size(1), Floats.readDouble(out.logits()), t), labels, g);
        return g;
    }

    /** Back-propagates seed gradients through {@code model}'s last pass; returns ∂/∂input. */
    static INDArray backward(Network model, Network.Forward out, LossGradients g) {
        Map<String, INDArray> tapGrads = new HashMap<>();
        g.taps().forEach((tap, v) -> tapGrads.put(tap, Floats.create(v, out.taps().get(tap).shape())));
        return model.backward(Floats.create(g.logits(), out.logits().shape()), tapGrads);
    }

    private INDArray backward(Network.Forward out, LossGradients g) {
        return backward(model, out, g);
    }

    /** A copy of a random source in its current state (it draws the same numbers from here on). */
    static Random copy(Random r) {
        if (r == null) {
            return null;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                o.writeObject(r);
            }
            try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (Random) i.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy the dropout source", e);
        }
    }
}
