package org.transferlab.weightings;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferlab.transfer.Setting;

/**
 * The loss-weighting registry: every method by id with its settings. The CLI, the app's multi-task tab and
 * the {@code methods} listing are generated from it; a new weighting is one class plus one entry here.
 */
public final class Weightings {
    /** The settings several weightings share; their keys are the CLI options ({@code --task-weights} …). */
    public static final Setting TASK_WEIGHTS = Setting.perTask("task-weights", "fixed w",
            "the weight wᵢ of each task's loss in L = Σ wᵢ·Lᵢ", List.of(1.0, 1.0), 0, 100);
    public static final Setting INITIAL_S = Setting.perTask("initial-s", "initial s",
            "each task's starting sᵢ = log σᵢ² (weight exp(−sᵢ))", List.of(0.0, 0.0), -10, 10);
    public static final Setting GRADNORM_ALPHA = Setting.number("gradnorm-alpha", "GradNorm α",
            "how strongly a task that learns slower is pulled up (0: equal gradient norms)", 1.5, 0, 10);

    /**
     * Not a setting: the run's task kinds, passed to the factories under this key (per task, true for a regression
     * task), so uncertainty weighting uses Kendall's regression form where it belongs.
     */
    public static final String REGRESSION_TASKS = "regression-tasks";

    private static final List<WeightingMethod> ALL = List.of(
            new WeightingMethod("fixed", "Fixed weights", "the baseline",
                    "weights set by hand, never changed", List.of(TASK_WEIGHTS), WeightingMethod.Needs.NOTHING,
                    FixedWeights.class, (tasks, v, lr, seed) -> new FixedWeights(numbers(v, TASK_WEIGHTS))),
            new WeightingMethod("uncertainty", "Uncertainty weighting",
                    "Kendall, Gal and Cipolla, CVPR 2018",
                    "each task learns s_i = log σ_i²; loss exp(−s_i)·L_i + s_i/2 (a regression task: exp(−s_i)/2·L_i"
                            + " + s_i/2)", List.of(INITIAL_S), WeightingMethod.Needs.NOTHING,
                    UncertaintyWeighting.class, (tasks, v, lr, seed) -> new UncertaintyWeighting(numbers(v, INITIAL_S), lr,
                            (boolean[]) v.getOrDefault(REGRESSION_TASKS, new boolean[tasks]))),
            new WeightingMethod("gradnorm", "GradNorm", "Chen, Badrinarayanan, Lee and Rabinovich, ICML 2018",
                    "weights learnt so the tasks' gradient norms on the last shared layer follow their training rates"
                            + " (weight learning rate " + GradNorm.LEARNING_RATE + ")", List.of(GRADNORM_ALPHA),
                    WeightingMethod.Needs.SHARED_PARAMETERS, GradNorm.class, (tasks, v, lr, seed) -> new GradNorm(tasks, ((Number) value(v, GRADNORM_ALPHA)).doubleValue(),
                            GradNorm.LEARNING_RATE)),
            new WeightingMethod("mgda", "MGDA", "Sener and Koltun, NeurIPS 2018",
                    "the min-norm point of the convex hull of the task gradients on the shared parameters", List.of(),
                    WeightingMethod.Needs.SHARED_PARAMETERS, Mgda.class, (tasks, v, lr, seed) -> new Mgda(false)),
            new WeightingMethod("dwa", "Dynamic weight average", "Liu, Johns and Davison, CVPR 2019",
                    "weights from the ratio of each task's last two epoch losses, softmax at temperature 2", List.of(),
                    WeightingMethod.Needs.NOTHING, Dwa.class, (tasks, v, lr, seed) -> new Dwa(tasks, 2.0)),
            new WeightingMethod("mgda-ub", "MGDA-UB", "Sener and Koltun, NeurIPS 2018",
                    "MGDA's min-norm problem on the gradients with respect to the shared representation Z (an upper"
                            + " bound of the shared-parameter problem)", List.of(),
                    WeightingMethod.Needs.ONE_SHARED_REPRESENTATION, Mgda.class, (tasks, v, lr, seed) -> new Mgda(true)),
            new WeightingMethod("pcgrad", "PCGrad", "Yu, Kumar, Gupta, Levine, Hausman and Finn, NeurIPS 2020",
                    "a task gradient that conflicts with another (negative dot product) loses its component along"
                            + " it; the shared parameters move along the sum (weights 1 each)", List.of(),
                    WeightingMethod.Needs.SHARED_PARAMETERS, PcGrad.class, (tasks, v, lr, seed) -> new PcGrad(tasks, seed)));

    /** The ids, in listing order. */
    public static final List<String> NAMES = ALL.stream().map(WeightingMethod::id).toList();
    /** The ids part 2 offers: the weightings that work when each task brings its own images. */
    public static final List<String> SEPARATE_INPUT_NAMES = ALL.stream()
            .filter(WeightingMethod::worksWithSeparateInputs).map(WeightingMethod::id).toList();

    private Weightings() {
    }

    public static List<WeightingMethod> all() {
        return ALL;
    }

    /** The weighting {@code id}; throws naming the choices when there is none. */
    public static WeightingMethod get(String id) {
        return ALL.stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown weighting '" + id + "'; choose one of " + NAMES));
    }

    /**
     * Checks the settings' values against the registry (one line naming the option and what is allowed) and
     * returns them by key. Every weighting's settings are checked, not only the chosen one's, so a wrong value
     * is reported even when it is not used yet.
     */
    public static Map<String, Object> check(int tasks, double[] taskWeights, double[] initialS, double gradNormAlpha) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(TASK_WEIGHTS.key(), perTask(tasks, TASK_WEIGHTS, taskWeights));
        values.put(INITIAL_S.key(), perTask(tasks, INITIAL_S, initialS));
        values.put(GRADNORM_ALPHA.key(), option(() -> GRADNORM_ALPHA.check("--" + GRADNORM_ALPHA.key(), gradNormAlpha)));
        return values;
    }

    /**
     * @param fixed         weights for {@code fixed} (one per task)
     * @param initialS      initial s_i for {@code uncertainty}
     * @param gradNormAlpha GradNorm's α (1.5 in the paper)
     * @param learningRate  for the scalars uncertainty and GradNorm learn
     * @param seed          the run's seed (PCGrad's task order)
     */
    public static LossWeighting create(String id, int tasks, double[] fixed, double[] initialS, double gradNormAlpha,
                                       double learningRate, long seed) {
        return create(id, new boolean[tasks], fixed, initialS, gradNormAlpha, learningRate, seed);
    }

    /** As above, with each task's kind: {@code regression[t]} true where task t is a regression. */
    public static LossWeighting create(String id, boolean[] regression, double[] fixed, double[] initialS,
                                       double gradNormAlpha, double learningRate, long seed) {
        Map<String, Object> values = check(regression.length, fixed, initialS, gradNormAlpha);
        values.put(REGRESSION_TASKS, regression.clone());
        return get(id).factory().create(regression.length, values, learningRate, seed);
    }

    private static List<Double> perTask(int tasks, Setting s, double[] values) {
        if (values == null || values.length != tasks) {
            throw new IllegalArgumentException("--" + s.key() + " needs " + tasks + " numbers (one per task), got "
                    + (values == null ? "none" : Arrays.toString(values)));
        }
        @SuppressWarnings("unchecked")
        List<Double> out = (List<Double>) option(() -> s.check("--" + s.key(), Arrays.stream(values).boxed().toList()));
        return out;
    }

    /** Runs a check, turning Setting's "owner.key" wording into the CLI option's name. */
    private static Object option(java.util.function.Supplier<Object> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^(--[a-z-]+)\\.[a-z-]+", "$1"));
        }
    }

    private static Object value(Map<String, Object> values, Setting s) {
        return values.getOrDefault(s.key(), s.defaultValue());
    }

    private static double[] numbers(Map<String, Object> values, Setting s) {
        return ((List<?>) value(values, s)).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }
}
