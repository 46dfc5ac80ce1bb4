package org.transferlab.exercises.checks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferlab.exercises.StudentCode;
import org.transferlab.finetune.LayerPlan;
import org.transferlab.finetune.Strategy;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;
import org.transferlab.nn.Parameter;

/**
 * Chapter 3, what trains: {@code trains(parameter, strategy, lastConv)} against the engine's own plan
 * ({@link LayerPlan}) for every parameter of cnn-small and cnn-large under linear-probe, bn-patch and top-1; a
 * submission whose answers equal a known mistake's on every parameter gets that mistake's hint.
 */
final class FineTunePlanCheck implements CardChecker {
    static final String SIGNATURE = "public static boolean trains(String parameter, String strategy, String lastConv)";
    private static final List<String> STRATEGIES = List.of("linear-probe", "bn-patch", "top-1");
    private static final List<String> ARCHITECTURES = List.of("cnn-small", "cnn-large");

    static Method method(StudentCode code) throws StudentCode.StudentException {
        return code.method("trains", SIGNATURE, String.class, String.class, String.class);
    }

    /** A rule of the form the card asks for: (parameter, strategy, last conv layer) to trains or not. */
    private interface Rule {
        boolean trains(String parameter, String strategy, String lastConv);
    }

    private static final Map<String, Rule> MISTAKES = new LinkedHashMap<>();

    static {
        MISTAKES.put("head-frozen", (p, s, last) -> !p.startsWith("logits/") && reference(p, s, last));
        MISTAKES.put("probe-trains-bn", (p, s, last) -> s.equals("linear-probe") ? p.startsWith("logits/") || bn(p)
                : reference(p, s, last));
        MISTAKES.put("patch-trains-biases", (p, s, last) -> s.equals("bn-patch") ? !p.endsWith("/W") || p.startsWith("logits/")
                : reference(p, s, last));
        MISTAKES.put("patch-gamma-only", (p, s, last) -> s.equals("bn-patch") ? p.startsWith("logits/") || p.endsWith("/gamma")
                : reference(p, s, last));
        MISTAKES.put("top-from-input", (p, s, last) -> s.equals("top-1") ? p.startsWith("logits/")
                || LayerPlan.layerOf(p).equals("g1_conv1") : reference(p, s, last));
    }

    private static boolean bn(String p) {
        return p.endsWith("/gamma") || p.endsWith("/beta");
    }

    /** The rule written out, for the mistakes' variants; the checks themselves compare with the engine's plan. */
    private static boolean reference(String p, String s, String last) {
        return p.startsWith("logits/") || (s.equals("bn-patch") && bn(p)) || (s.equals("top-1")
                && LayerPlan.layerOf(p).equals(last));
    }

    @Override
    public Outcome check(StudentCode code) throws StudentCode.StudentException {
        Method m = method(code);
        Outcome out = new Outcome();
        List<Boolean> answers = new ArrayList<>();
        Map<String, List<Boolean>> mistakes = new LinkedHashMap<>();
        MISTAKES.keySet().forEach(k -> mistakes.put(k, new ArrayList<>()));
        for (String arch : ARCHITECTURES) {
            Network net = Network.create(ModelZoo.get(arch), 5, 0);
            List<String> convs = net.parameters().stream().map(p -> LayerPlan.layerOf(p.name()))
                    .filter(l -> !l.equals(LayerPlan.HEAD)).distinct().toList();
            String last = convs.get(convs.size() - 1);
            for (String s : STRATEGIES) {
                LayerPlan plan = LayerPlan.of(net, Strategy.parse(s), 1, Map.of());
                List<String> wrong = new ArrayList<>();
                for (Parameter p : net.parameters()) {
                    boolean expected = plan.multiplier(p) > 0;
                    boolean yours = (Boolean) StudentCode.call(m, p.name(), s, last);
                    answers.add(yours);
                    MISTAKES.forEach((id, rule) -> mistakes.get(id).add(rule.trains(p.name(), s, last)));
                    if (yours != expected) {
                        wrong.add(p.name() + (yours ? " trains in yours but is frozen" : " is frozen in yours but trains"));
                    }
                }
                out.add(arch + ", " + s + ": which of its " + net.parameters().size() + " parameters train",
                        wrong.isEmpty(), wrong.isEmpty() ? "all " + net.parameters().size() + " right"
                                : wrong.get(0) + (wrong.size() > 1 ? " (and " + (wrong.size() - 1) + " more)" : ""));
            }
        }
        if (!out.passed()) {
            for (var e : mistakes.entrySet()) {
                if (e.getValue().equals(answers)) {
                    out.mistake = e.getKey();
                    break;
                }
            }
        }
        return out;
    }
}
