package org.transferlab.exercises.training;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.transferlab.exercises.StudentCode;
import org.transferlab.transfer.LossGradients;
import org.transferlab.transfer.LossInputs;
import org.transferlab.transfer.ObjectiveContext;
import org.transferlab.transfer.TransferSettings;
import org.transferlab.transfer.TransferTerm;

/**
 * A transfer term computed by the student's own SameDiff code (part-1 cards), with the same component names
 * and weights as the built-in term it replaces so every view reads it the same way:
 * <ul>
 *   <li>{@code kd}: {@code distillationLoss} returns T²·kd; weight α on it, (1 − α) on cross-entropy;</li>
 *   <li>{@code at}: {@code atLoss} per layer pair on the raw student and teacher features; weight β;</li>
 *   <li>{@code kd-at}: {@code totalLoss} is the whole objective (cross-entropy included, so its scale is 0).</li>
 * </ul>
 * The graph is built once per batch size; student code that throws while training ends the run with its message.
 */
public final class StudentLossTerm implements TransferTerm {
    private final String card;
    private final Method method;
    private final Knobs s;
    private final Map<Integer, LossGraph> graphs = new HashMap<>();
    private final Map<String, int[]> studentShapes = new LinkedHashMap<>();
    private final Map<String, int[]> teacherShapes = new LinkedHashMap<>();

    public StudentLossTerm(String card, Method method, TransferSettings settings) {
        if (!List.of("kd", "at", "kd-at").contains(card)) {
            throw new IllegalArgumentException("card " + card + " is not a part-1 loss");
        }
        this.card = card;
        this.method = method;
        this.s = new Knobs(settings.number("kd", "temperature"), settings.number("kd", "alpha"),
                settings.number("at", "beta"), settings.number("at", "p"), settings.of("at").points("pairs"));
    }

    @Override
    public String id() {
        return card.equals("kd-at") ? "yours" : card;
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!card.equals("at")) {
            context.useTeacherLogits();
        }
        if (card.equals("kd")) {
            return;
        }
        for (String pair : s.pairs()) {
            int[] st = context.studentPoints().get(pair);
            int[] te = context.teacherPoints().get(pair);
            if (st == null || te == null) {
                throw new IllegalArgumentException("layer pair '" + pair + "' is not an attention point of both models");
            }
            if (st[1] != te[1] || st[2] != te[2]) {
                throw new IllegalArgumentException("layer pair '" + pair + "': your atLoss compares maps of equal size, "
                        + "but the student's are " + st[1] + "x" + st[2] + " and the teacher's " + te[1] + "x" + te[2]
                        + "; choose pairs of the same size (cnn-small with cnn-large: group1, group2, group3)");
            }
            context.useTeacherFeatures(pair);
            studentShapes.put(pair, st);
            teacherShapes.put(pair, te);
        }
    }

    @Override
    public double crossEntropyScale() {
        return switch (card) {
            case "kd" -> 1 - s.alpha();
            case "kd-at" -> 0;
            default -> 1;
        };
    }

    @Override
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        switch (card) {
            case "kd" -> m.put("loss/kd", s.alpha() * s.temperature() * s.temperature());
            case "at" -> {
                m.put("loss/at", s.beta());
                s.pairs().forEach(p -> m.put("loss/at/" + p, s.beta()));
            }
            default -> m.put("loss/yours", 1.0);
        }
        return m;
    }

    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        LossGraph g = graphs.computeIfAbsent(in.n(), n -> build(n, in.classes()));
        Map<String, double[]> values = new LinkedHashMap<>();
        if (!card.equals("at")) {
            values.put("zs", in.studentLogits());
            values.put("zt", in.teacherLogits());
        }
        if (card.equals("kd-at")) {
            double[] oneHot = new double[in.n() * in.classes()];
            for (int i = 0; i < in.n(); i++) {
                oneHot[i * in.classes() + in.labels()[i]] = 1;
            }
            values.put("y", oneHot);
        }
        if (!card.equals("kd")) {
            for (String pair : s.pairs()) {
                values.put("fs/" + pair, in.studentTaps().get(pair).values());
                values.put("ft/" + pair, in.teacherTaps().get(pair).values());
            }
        }
        LossGraph.Result r = g.evaluate(values);
        double weight = switch (card) {
            case "kd" -> s.alpha();
            case "at" -> s.beta();
            default -> 1;
        };
        r.gradients().forEach((k, grad) -> {
            double[] dst = k.equals("zs") ? gradients.logits()
                    : gradients.tap(k.substring(3), grad.length);
            for (int i = 0; i < grad.length; i++) {
                dst[i] += weight * grad[i];
            }
        });
        List<Component> out = new ArrayList<>();
        switch (card) {
            case "kd" -> {
                double t2 = s.temperature() * s.temperature();
                out.add(new Component("loss/kd", r.values().get("loss") / t2, s.alpha() * t2));
            }
            case "at" -> {
                out.add(new Component("loss/at", r.values().get("loss"), s.beta()));
                s.pairs().forEach(p -> out.add(new Component("loss/at/" + p, r.values().get(p), s.beta())));
            }
            default -> out.add(new Component("loss/yours", r.values().get("loss"), 1));
        }
        return out;
    }

    private LossGraph build(int n, int k) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        List<String> wrt = new ArrayList<>();
        if (!card.equals("at")) {
            shapes.put("zs", new long[]{n, k});
            shapes.put("zt", new long[]{n, k});
            wrt.add("zs");
        }
        if (card.equals("kd-at")) {
            shapes.put("y", new long[]{n, k});
        }
        if (!card.equals("kd")) {
            for (String pair : s.pairs()) {
                int[] st = studentShapes.get(pair);
                int[] te = teacherShapes.get(pair);
                shapes.put("fs/" + pair, new long[]{n, st[0], st[1], st[2]});
                shapes.put("ft/" + pair, new long[]{n, te[0], te[1], te[2]});
                wrt.add("fs/" + pair);
            }
        }
        try {
            return new LossGraph(shapes, wrt.toArray(String[]::new), this::outputs);
        } catch (StudentCode.StudentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Map<String, SDVariable> outputs(SameDiff sd, Map<String, SDVariable> in) throws StudentCode.StudentException {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        switch (card) {
            case "kd" -> out.put("loss", (SDVariable) StudentCode.call(method, sd, in.get("zs"), in.get("zt"),
                    s.temperature()));
            case "at" -> {
                Map<String, SDVariable> perPair = new LinkedHashMap<>();
                SDVariable total = null;
                for (String pair : s.pairs()) {
                    SDVariable v = (SDVariable) StudentCode.call(method, sd, in.get("fs/" + pair), in.get("ft/" + pair),
                            s.atP());
                    perPair.put(pair, v);
                    total = total == null ? v : total.add(v);
                }
                out.put("loss", total);
                out.putAll(perPair);
            }
            default -> {
                SDVariable[] fs = s.pairs().stream().map(p -> in.get("fs/" + p)).toArray(SDVariable[]::new);
                SDVariable[] ft = s.pairs().stream().map(p -> in.get("ft/" + p)).toArray(SDVariable[]::new);
                out.put("loss", (SDVariable) StudentCode.call(method, sd, in.get("zs"), in.get("zt"), in.get("y"), fs, ft,
                        s.temperature(), s.alpha(), s.beta(), s.atP()));
            }
        }
        return out;
    }

    /** The built-in methods' settings the cards' signatures take. */
    private record Knobs(double temperature, double alpha, double beta, double atP, List<String> pairs) {
    }
}
