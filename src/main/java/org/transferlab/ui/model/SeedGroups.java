package org.transferlab.ui.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transferlab.chapters.SavedRun;

/**
 * The view-model behind Compare runs' "across seeds" table: runs that differ only in their seed
 * ({@link SavedRun#settingsKey()}) form a group, summarised by the mean and sample standard deviation of their
 * final test accuracies; each group is set against the baseline (Q1) of the same models, data and epochs, and
 * the difference is called larger than the spread only when it exceeds both groups' standard deviations. No
 * JavaFX: the rules are tested without a window. A seed trained twice with the same settings counts once (its
 * latest run).
 */
public final class SeedGroups {

    /** One group of runs that differ only in the seed. */
    public record Group(String label, String settings, String model, int trainSize, int epochs, List<Long> seeds,
                        List<Double> accuracies, double mean, double sd, String versusBaseline) {

        /** This group with its comparison against the baseline. */
        Group against(String verdict) {
            return new Group(label, settings, model, trainSize, epochs, seeds, accuracies, mean, sd, verdict);
        }

        /** "0.7494 ± 0.0138", or the one value when there is one run. */
        public String meanAndSd() {
            if (accuracies.isEmpty()) {
                return "–";
            }
            return accuracies.size() == 1 ? String.format(Locale.ROOT, "%.4f", mean)
                    : String.format(Locale.ROOT, "%.4f ± %.4f", mean, sd);
        }
    }

    private SeedGroups() {
    }

    /** Groups the finished runs (completed, with a test accuracy) of {@code runs}, in order of first appearance. */
    public static List<Group> of(List<SavedRun> runs) {
        Map<String, List<SavedRun>> byKey = new LinkedHashMap<>();
        for (SavedRun r : runs) {
            if (r.status().equals("completed") && !Double.isNaN(r.finalAccuracy())) {
                List<SavedRun> g = byKey.computeIfAbsent(r.settingsKey(), k -> new ArrayList<>());
                // the same settings and seed again is the same experiment (reproducible on the CPU): count it once
                g.removeIf(o -> o.seed() == r.seed());
                g.add(r);
            }
        }
        List<Group> out = new ArrayList<>();
        for (List<SavedRun> g : byKey.values()) {
            Group group = summarise(g);
            Group base = baseline(g.get(0), byKey);
            out.add(base == null || base.label().equals(group.label()) ? group : group.against(versus(group, base)));
        }
        return out;
    }

    /** The Q1 group with the same student, data size and epochs as {@code r}, or null. */
    private static Group baseline(SavedRun r, Map<String, List<SavedRun>> byKey) {
        for (List<SavedRun> g : byKey.values()) {
            SavedRun b = g.get(0);
            if (b.label().equals("q1") && b.model().equals(r.model()) && b.trainSize() == r.trainSize()
                    && b.epochs() == r.epochs() && !r.exercise().startsWith("mtl-")) {
                return summarise(g);
            }
        }
        return null;
    }

    /** "+0.0162 vs Q1: within the seed-to-seed spread (sd 0.0335)", or "larger than the spread". */
    public static String versus(Group g, Group base) {
        double d = g.mean() - base.mean();
        double spread = Math.max(g.sd(), base.sd());
        if (g.accuracies().size() < 2 || base.accuracies().size() < 2) {
            return String.format(Locale.ROOT, "%+.4f vs Q1 (run more seeds to know the spread)", d);
        }
        return String.format(Locale.ROOT, "%+.4f vs Q1: %s (sd up to %.4f)", d,
                Math.abs(d) > spread ? "larger than the seed-to-seed spread" : "within the seed-to-seed spread", spread);
    }

    static Group summarise(List<SavedRun> runs) {
        List<Double> acc = runs.stream().map(SavedRun::finalAccuracy).toList();
        double mean = acc.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        double sd = acc.size() > 1 ? Math.sqrt(ss / (acc.size() - 1)) : 0;
        SavedRun r = runs.get(0);
        return new Group(r.label(), r.settingsLine(), r.model(), r.trainSize(), r.epochs(),
                runs.stream().map(SavedRun::seed).toList(), acc, mean, sd, "");
    }
}
