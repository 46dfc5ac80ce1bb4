package org.transferlab.exercises.training;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.exercises.ModelNames;
import org.transferlab.exercises.StudentCode;
import org.transferlab.exercises.kit.Params;
import org.transferlab.models.MultiTaskModel;
import org.transferlab.models.MultiTaskNetwork;
import org.transferlab.nn.Parameter;
import org.transferlab.nn.Pass;

/**
 * A two-task model whose forward pass is the student's {@code forward(sd, x1, x2, params)}, trained by the
 * engine's part-2 loop. Its parameters start from the engine's {@link MultiTaskNetwork} of the same structure
 * and seed, so a correct model follows the reference run closely. SameDiff differentiates it: for task t the
 * graph's loss is Σ logits_t ⊙ ∂L/∂logits_t with the other task's input and gradient zero. Its batch norm uses
 * the batch's statistics in evaluation too (the kit's BN has no running averages); test batches are 500 images.
 */
public final class StudentModel implements MultiTaskModel {
    private final MultiTaskNetwork reference;
    private final SameDiff sd = SameDiff.create();
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final SDVariable[] logits = new SDVariable[2];
    private final int[] classes;
    private final INDArray[] lastInput = new INDArray[2];

    public StudentModel(Method forward, int sharedBlocks, boolean perTaskBn, int[] widths, int[] classes, long seed) {
        if (sharedBlocks != 3 || classes.length != 2) {
            throw new IllegalArgumentException("your model is the two-task model with the whole trunk shared; "
                    + "train A2's other structures with the engine's model");
        }
        this.classes = classes.clone();
        this.reference = MultiTaskNetwork.create(sharedBlocks, perTaskBn, widths, classes, seed);
        Map<String, SDVariable> vars = new LinkedHashMap<>();
        ModelNames.of(reference).forEach((name, p) -> {
            SDVariable v = sd.var(name, p.value().dup());
            vars.put(name, v);
            params.put(name, new Parameter(name, v.getArr(), v.getArr().ulike().assign(0)));
        });
        SDVariable x1 = sd.placeHolder("x1", DataType.FLOAT, -1, 1, 28, 28);
        SDVariable x2 = sd.placeHolder("x2", DataType.FLOAT, -1, 1, 28, 28);
        SDVariable[] out;
        try {
            out = (SDVariable[]) StudentCode.call(forward, sd, x1, x2, new Params(vars));
        } catch (StudentCode.StudentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (out == null || out.length != 2 || out[0] == null || out[1] == null) {
            throw new IllegalStateException("your forward must return new SDVariable[]{logits1, logits2}");
        }
        logits[0] = out[0];
        logits[1] = out[1];
        SDVariable g1 = sd.placeHolder("g1", DataType.FLOAT, -1, classes[0]);
        SDVariable g2 = sd.placeHolder("g2", DataType.FLOAT, -1, classes[1]);
        SDVariable loss = logits[0].mul(g1).sum().add(logits[1].mul(g2).sum());
        sd.setLossVariables(loss.name());
    }

    private Map<String, INDArray> inputs(int task, INDArray images) {
        Map<String, INDArray> ph = new LinkedHashMap<>();
        ph.put("x" + (task + 1), images);
        ph.put("x" + (2 - task), Nd4j.zeros(DataType.FLOAT, images.shape()));
        return ph;
    }

    @Override
    public INDArray forward(int task, INDArray images, Pass pass) {
        lastInput[task] = images.dup();
        return sd.output(inputs(task, lastInput[task]), logits[task].name()).get(logits[task].name());
    }

    @Override
    public void backward(int task, INDArray gradLogits) {
        Map<String, INDArray> ph = inputs(task, lastInput[task]);
        ph.put("g" + (task + 1), gradLogits);
        ph.put("g" + (2 - task), Nd4j.zeros(DataType.FLOAT, gradLogits.size(0), classes[1 - task]));
        Map<String, INDArray> g = sd.calculateGradients(ph, params.keySet().toArray(String[]::new));
        params.forEach((name, p) -> {
            INDArray gi = g.get(name);
            if (gi == null) {
                p.grad().assign(0);
            } else {
                p.grad().assign(gi.reshape(p.grad().shape()));
            }
        });
    }

    @Override
    public List<Parameter> parameters(int task) {
        List<Parameter> out = new ArrayList<>();
        params.forEach((name, p) -> {
            boolean otherHead = name.startsWith("head" + (2 - task) + ".");
            boolean otherBn = name.contains(".bn" + (2 - task) + ".");
            if (!otherHead && !otherBn) {
                out.add(p);
            }
        });
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.copyOf(params.values());
    }

    @Override
    public List<Parameter> sharedParameters() {
        List<Parameter> out = new ArrayList<>();
        params.forEach((name, p) -> {
            if (name.contains(".conv.") || name.contains(".bn.")) {
                out.add(p);
            }
        });
        return out;
    }

    @Override
    public Parameter lastSharedWeights() {
        return params.get("b3.conv.W");
    }

    @Override
    public String describe() {
        return "your model (" + reference.describe() + ")";
    }

    @Override
    public long parameterCount() {
        return reference.parameterCount();
    }

    @Override
    public void release() {
    }
}
