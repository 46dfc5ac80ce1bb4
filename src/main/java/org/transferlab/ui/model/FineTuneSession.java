package org.transferlab.ui.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The view-model behind the fine-tuning chapter's charts: the runs trained in this session, each with its test
 * accuracy per evaluated epoch and each layer's drift per evaluation, and the mean accuracy per strategy and
 * labels-per-class over them. No JavaFX: the views draw what it holds; it is tested without a window.
 */
public final class FineTuneSession {

    /** One run as the charts see it. */
    public static final class Run {
        private final String label;
        private final String strategy;
        private final int perClass;
        private final long seed;
        private final Map<Integer, Double> accuracy = new TreeMap<>();
        private final Map<Long, Map<String, Double>> drift = new TreeMap<>();
        private final Map<Integer, Double> sourceAccuracy = new TreeMap<>();
        private String status = "training";

        Run(String label, String strategy, int perClass, long seed) {
            this.label = label;
            this.strategy = strategy;
            this.perClass = perClass;
            this.seed = seed;
        }

        public String label() {
            return label;
        }

        public String strategy() {
            return strategy;
        }

        public int perClass() {
            return perClass;
        }

        public long seed() {
            return seed;
        }

        public String status() {
            return status;
        }

        /** Test accuracy by epoch (evaluated epochs only). */
        public Map<Integer, Double> accuracy() {
            return accuracy;
        }

        /** Per evaluation step, each layer's ‖w − w₀‖ / ‖w₀‖. */
        public Map<Long, Map<String, Double>> drift() {
            return drift;
        }

        /** The source task's test accuracy by epoch (0: the source network before training); empty for scratch. */
        public Map<Integer, Double> sourceAccuracy() {
            return sourceAccuracy;
        }

        /** The last measured test accuracy, NaN before the first evaluation. */
        public double finalAccuracy() {
            return accuracy.isEmpty() ? Double.NaN : ((TreeMap<Integer, Double>) accuracy).lastEntry().getValue();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final List<Run> runs = new ArrayList<>();

    /**
     * Registers a run that starts: {@code strategy} is the key its means are kept under (as the shipped table
     * names strategies: {@code all}, {@code all ×0.1}, {@code top-1}); its label names the strategy as people
     * read it, the labels per class and the seed.
     */
    public Run start(String strategy, String strategyLabel, int perClass, long seed) {
        String label = strategyLabel + ", N=" + perClass + (seed == 0 ? "" : ", seed " + seed);
        int same = (int) runs.stream().filter(r -> r.label.equals(label) || r.label.startsWith(label + " #")).count();
        Run r = new Run(same == 0 ? label : label + " #" + (same + 1), strategy, perClass, seed);
        runs.add(r);
        return r;
    }

    public void epoch(Run r, int epoch, double testAccuracy) {
        if (!Double.isNaN(testAccuracy)) {
            r.accuracy.put(epoch, testAccuracy);
        }
    }

    public void drift(Run r, long step, Map<String, Double> perLayer) {
        r.drift.put(step, new LinkedHashMap<>(perLayer));
    }

    /** The source task's accuracy measured after {@code epoch} (0: before training). */
    public void sourceAccuracy(Run r, int epoch, double accuracy) {
        if (!Double.isNaN(accuracy)) {
            r.sourceAccuracy.put(epoch, accuracy);
        }
    }

    public void ended(Run r, String status) {
        r.status = status;
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** Completed runs' final accuracies: per strategy, per labels-per-class, the mean over seeds. */
    public Map<String, Map<Integer, Double>> meanByStrategy() {
        Map<String, Map<Integer, List<Double>>> v = new LinkedHashMap<>();
        for (Run r : runs) {
            if (r.status.equals("completed") && !Double.isNaN(r.finalAccuracy())) {
                v.computeIfAbsent(r.strategy, k -> new TreeMap<>()).computeIfAbsent(r.perClass, k -> new ArrayList<>())
                        .add(r.finalAccuracy());
            }
        }
        Map<String, Map<Integer, Double>> out = new LinkedHashMap<>();
        v.forEach((s, byN) -> {
            Map<Integer, Double> m = new TreeMap<>();
            byN.forEach((n, a) -> m.put(n, a.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
            out.put(s, m);
        });
        return out;
    }
}
