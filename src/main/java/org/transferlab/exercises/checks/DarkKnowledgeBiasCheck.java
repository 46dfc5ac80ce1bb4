package org.transferlab.exercises.checks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.transferlab.darkknowledge.BiasSweep;
import org.transferlab.exercises.StudentCode;

/**
 * Dark knowledge, the digit never shown: {@code chooseBias(validationLogits, validationLabels, testLogits,
 * testLabels, hidden, candidates)} against the engine's own choice ({@link BiasSweep#choose}) on four made-up
 * students' logits: one hidden digit (the 3s), a second draw of it, two hidden digits whose logits are too high
 * (a transfer set of only 7s and 8s: the bias lowers them), and a fine grid on few images, full of ties. The validation and test
 * logits are drawn with different offsets, so a bias chosen on the test set differs from the validation one. A
 * submission whose answers equal a known mistake's on every case gets that mistake's hint.
 */
final class DarkKnowledgeBiasCheck implements CardChecker {
    static final String SIGNATURE = "public static double chooseBias(double[][] validationLogits, int[] validationLabels, "
            + "double[][] testLogits, int[] testLabels, int[] hidden, double[] candidates)";
    private static final int K = 10;

    static Method method(StudentCode code) throws StudentCode.StudentException {
        return code.method("chooseBias", SIGNATURE, double[][].class, int[].class, double[][].class, int[].class,
                int[].class, double[].class);
    }

    /** One case: a made-up student's validation and test logits, the hidden digits, the biases to try. */
    record Case(String name, double[][] valLogits, int[] valLabels, double[][] testLogits, int[] testLabels,
                int[] hidden, double[] candidates) {
    }

    /** A rule of the card's form, for the known mistakes. */
    private interface Rule {
        double choose(Case c);
    }

    private static final Map<String, Rule> MISTAKES = new LinkedHashMap<>();

    static {
        MISTAKES.put("test-set", c -> pick(c.testLogits(), c.testLabels(), c.hidden(), c.candidates(), false, false, false));
        MISTAKES.put("hidden-only", c -> pick(c.valLogits(), c.valLabels(), c.hidden(), c.candidates(), true, false, false));
        MISTAKES.put("largest-on-tie", c -> pick(c.valLogits(), c.valLabels(), c.hidden(), c.candidates(), false, true, false));
        MISTAKES.put("first-hidden-only", c -> pick(c.valLogits(), c.valLabels(), new int[]{c.hidden()[0]},
                c.candidates(), false, false, false));
        MISTAKES.put("every-class", c -> pick(c.valLogits(), c.valLabels(), c.hidden(), c.candidates(), false, false, true));
    }

    /** The sweep written out with a mistake's switches; the checks themselves compare with the engine. */
    private static double pick(double[][] logits, int[] labels, int[] hidden, double[] candidates, boolean onlyHidden,
                               boolean lastOnTie, boolean everyClass) {
        Set<Integer> h = Arrays.stream(hidden).boxed().collect(Collectors.toSet());
        double chosen = candidates[0];
        double best = -1;
        for (double b : candidates) {
            int right = 0;
            int count = 0;
            for (int n = 0; n < labels.length; n++) {
                if (onlyHidden && !h.contains(labels[n])) {
                    continue;
                }
                int arg = 0;
                double top = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < K; k++) {
                    double v = logits[n][k] + (everyClass || h.contains(k) ? b : 0);
                    if (v > top) {
                        top = v;
                        arg = k;
                    }
                }
                count++;
                right += arg == labels[n] ? 1 : 0;
            }
            double a = right / (double) count;
            if (a > best || (lastOnTie && a == best)) {
                best = a;
                chosen = b;
            }
        }
        return chosen;
    }

    /** The engine's choice: {@link BiasSweep#choose} on the validation logits only. */
    static double engine(Case c) {
        double[] flat = new double[c.valLabels().length * K];
        for (int n = 0; n < c.valLabels().length; n++) {
            System.arraycopy(c.valLogits()[n], 0, flat, n * K, K);
        }
        return BiasSweep.choose(flat, c.valLabels(), K, Arrays.stream(c.hidden()).boxed().collect(Collectors.toSet()),
                c.candidates());
    }

    static List<Case> cases() {
        Random rng = new Random(20261203);
        double[] grid = new double[49]; // 0 to 12 in steps of 0.25, as the chapter's sweep
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i * 0.25;
        }
        double[] down = new double[49]; // −12 to 0: lowering the digits the student saw too much of
        for (int i = 0; i < down.length; i++) {
            down[i] = -12 + i * 0.25;
        }
        double[] fine = new double[241]; // 0 to 12 in steps of 0.05: few images, so the best accuracy spans a range
        for (int i = 0; i < fine.length; i++) {
            fine[i] = i * 0.05;
        }
        List<Case> out = new ArrayList<>();
        out.add(make("the 3s never shown, 300 validation images", rng, new int[]{3}, -3.5, -5.0, 300, grid));
        out.add(make("the 5s never shown, 200 validation images", rng, new int[]{5}, -2.0, -4.5, 200, grid));
        out.add(make("only 7s and 8s shown (their logits too high), 300 validation images", rng, new int[]{7, 8},
                4.0, 2.0, 300, down));
        out.add(make("the 3s never shown, 60 validation images and a fine grid (ties)", rng, new int[]{3},
                -3.0, -6.0, 60, fine));
        return out;
    }

    /**
     * Logits of a made-up student: noise, a margin of 3 on the true digit, and {@code offset} added to the hidden
     * digits' logits on every image (the test set with its own offset).
     */
    private static Case make(String name, Random rng, int[] hidden, double valOffset, double testOffset, int n,
                             double[] candidates) {
        int[] valLabels = labels(rng, n, hidden);
        int[] testLabels = labels(rng, n, hidden);
        return new Case(name, logits(rng, valLabels, hidden, valOffset), valLabels,
                logits(rng, testLabels, hidden, testOffset), testLabels, hidden, candidates);
    }

    private static int[] labels(Random rng, int n, int[] hidden) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) { // every third image a hidden digit, so they weigh in the accuracy
            out[i] = i % 3 == 0 ? hidden[i / 3 % hidden.length] : rng.nextInt(K);
        }
        return out;
    }

    private static double[][] logits(Random rng, int[] labels, int[] hidden, double offset) {
        Set<Integer> h = Arrays.stream(hidden).boxed().collect(Collectors.toSet());
        double[][] out = new double[labels.length][K];
        for (int i = 0; i < labels.length; i++) {
            for (int k = 0; k < K; k++) {
                out[i][k] = rng.nextGaussian() * 1.2 + (k == labels[i] ? 3 : 0) + (h.contains(k) ? offset : 0);
            }
        }
        return out;
    }

    @Override
    public Outcome check(StudentCode code) throws StudentCode.StudentException {
        Method m = method(code);
        Outcome out = new Outcome();
        List<Double> answers = new ArrayList<>();
        Map<String, List<Double>> mistakes = new LinkedHashMap<>();
        MISTAKES.keySet().forEach(k -> mistakes.put(k, new ArrayList<>()));
        for (Case c : cases()) {
            double expected = engine(c);
            // the student gets copies: a rule that changes its inputs cannot spoil the next case's reference
            double yours = (Double) StudentCode.call(m, deep(c.valLogits()), c.valLabels().clone(),
                    deep(c.testLogits()), c.testLabels().clone(), c.hidden().clone(), c.candidates().clone());
            answers.add(yours);
            MISTAKES.forEach((id, rule) -> mistakes.get(id).add(rule.choose(c)));
            boolean ok = yours == expected;
            out.add(c.name() + ": the chosen bias", ok, ok ? "b = " + expected + ", as the engine's sweep"
                    : "yours b = " + yours + ", the engine's b = " + expected + " (best validation accuracy, the "
                    + "first tried on a tie)");
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

    private static double[][] deep(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
