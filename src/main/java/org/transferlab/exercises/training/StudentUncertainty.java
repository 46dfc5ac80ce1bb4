package org.transferlab.exercises.training;

import java.lang.reflect.Method;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.transferlab.exercises.StudentCode;
import org.transferlab.weightings.Adam;
import org.transferlab.weightings.LossWeighting;
import org.transferlab.weightings.TaskStep;

/**
 * Uncertainty weighting driven by the student's {@code weightedLoss(sd, losses, s)}: each step the task weights
 * are the gradient of the student's total with respect to the task losses (exp(−s_i) when it is right), and s
 * takes an Adam step along the gradient with respect to s, as in the built-in
 * {@link org.transferlab.weightings.UncertaintyWeighting}.
 */
public final class StudentUncertainty implements LossWeighting {
    private final double[] s;
    private final Adam adam;
    private final LossGraph graph;
    private double regulariser;

    public StudentUncertainty(Method method, int tasks, double[] initialS, double learningRate) {
        this.s = initialS.clone();
        this.adam = new Adam(learningRate, tasks);
        try {
            this.graph = new LossGraph(Map.of("losses", new long[]{tasks}, "s", new long[]{tasks}),
                    new String[]{"losses", "s"}, (sd, in) -> Map.of("loss",
                    (SDVariable) StudentCode.call(method, sd, in.get("losses"), in.get("s"))));
        } catch (StudentCode.StudentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return "uncertainty";
    }

    @Override
    public double[] weights(TaskStep step) {
        LossGraph.Result r = graph.evaluate(Map.of("losses", step.losses(), "s", s.clone()));
        double[] w = r.gradients().get("losses");
        double weighted = 0;
        for (int i = 0; i < w.length; i++) {
            weighted += w[i] * step.losses()[i];
        }
        regulariser = r.values().get("loss") - weighted;
        adam.step(s, r.gradients().get("s"));
        return w.clone();
    }

    @Override
    public double regulariser() {
        return regulariser;
    }

    @Override
    public Map<String, Double> state() {
        return org.transferlab.weightings.UncertaintyWeighting.state(s);
    }
}
