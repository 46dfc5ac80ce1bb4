package org.transferlab.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.transferlab.data.DataKind;
import org.transferlab.engine.RunResult;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Csv;

/**
 * How general are the features (Yosinski, Clune, Bengio and Lipson, NeurIPS 2014), on Fashion-MNIST's two
 * halves: A = classes 0–4, B = classes 5–9 (the {@code fashion-split} setting's split). A base network is trained
 * on A and one on B, from scratch, with the same images per class and steps (more steps than the transferred
 * networks get, so the bases are near convergence). Then for n = 1..L (L conv layers)
 * a network for B gets the first n conv layers of a base network, the rest new:
 * <ul>
 *   <li>BnB: from B's own base, copied layers frozen; BnB+: the same, fine-tuned;</li>
 *   <li>AnB: from A's base, copied layers frozen; AnB+: the same, fine-tuned.</li>
 * </ul>
 * Every network is tested on B's test images. The paper's reading: BnB dips where co-adapted layers are cut
 * apart, AnB falls as n grows (later layers are specific to A), AnB+ stays at or above the base.
 */
public final class GeneralitySweep {
    public static final List<String> VARIANTS = List.of("BnB", "BnB+", "AnB", "AnB+");
    public static final String FILE = "generality.csv";
    public static final String HEADER = "seed,variant,n,test_accuracy";

    /**
     * The sweep's sizes: images per class of each half, steps of each base network and of each transferred
     * network, seeds. The bases train longer so that they are near convergence: a transferred network starts
     * from a base's layers, and if the base were still improving, copying its layers and training on would beat it
     * for that reason alone.
     */
    public record Plan(int perClass, int baseSteps, int steps, List<Long> seeds, DataKind data) {
        public static Plan standard() {
            return new Plan(500, 1500, 600, List.of(0L, 1L, 2L), DataKind.AUTO);
        }
    }

    /** One result: {@code variant} is {@code baseA} (on A's test images), {@code baseB}, or one of {@link #VARIANTS}. */
    public record Point(long seed, String variant, int n, double testAccuracy) {
    }

    private GeneralitySweep() {
    }

    /**
     * Runs the sweep into {@code dir} (a folder per network, {@value #FILE} rewritten after each), keeping
     * results already in {@value #FILE} (an interrupted sweep continues). {@code progress} hears one line per
     * network; {@code stop} is polled between networks.
     */
    public static List<Point> run(Plan plan, Path dir, Consumer<String> progress,
                                  java.util.function.BooleanSupplier stop) throws IOException {
        Files.createDirectories(dir);
        List<Point> points = read(dir.resolve(FILE));
        TargetTask task = TargetTask.FASHION_SPLIT;
        int layers = 3; // cnn-small's conv layers
        int total = plan.seeds().size() * (2 + layers * VARIANTS.size());
        int done = 0;
        for (long seed : plan.seeds()) {
            FineTuneConfig base = FineTuneConfig.defaults().withData(plan.data(), null).withStrategy(Strategy.SCRATCH)
                    .withPerClass(plan.perClass()).withSteps(plan.steps()).withSeed(seed).withEvaluations(1);
            Path baseA = dir.resolve("seed" + seed + "-baseA");
            Path baseB = dir.resolve("seed" + seed + "-baseB");
            FineTuneConfig longer = base.withSteps(plan.baseSteps());
            done = train(points, seed, "baseA", 0, longer.asSourceTask(true), baseA, progress, stop, ++done, total);
            done = train(points, seed, "baseB", 0, longer, baseB, progress, stop, done + 1, total);
            for (int n = 1; n <= layers; n++) {
                for (String v : VARIANTS) {
                    Path from = (v.startsWith("A") ? baseA : baseB).resolve(FineTuneRun.CHECKPOINT);
                    Map<String, String> frozen = new LinkedHashMap<>();
                    if (!v.endsWith("+")) {
                        for (int k = 1; k <= n; k++) {
                            frozen.put("g" + k + "_conv1", "frozen");
                        }
                    }
                    FineTuneConfig c = base.withStrategy(Strategy.ALL).withLrMultiplier(1).withLayers(frozen)
                            .withSource(from, n);
                    done = train(points, seed, v, n, c, dir.resolve("seed" + seed + "-" + v.replace("+", "plus")
                            + "-n" + n), progress, stop, done + 1, total);
                }
            }
            write(points, dir.resolve(FILE));
        }
        return points;
    }

    private static int train(List<Point> points, long seed, String variant, int n, FineTuneConfig c, Path out,
                             Consumer<String> progress, java.util.function.BooleanSupplier stop, int index, int total)
            throws IOException {
        boolean have = points.stream().anyMatch(p -> p.seed == seed && p.variant.equals(variant) && p.n == n)
                && Files.isRegularFile(out.resolve(FineTuneRun.CHECKPOINT));
        if (have) {
            return index;
        }
        if (stop.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("the sweep was stopped; its results so far are in "
                    + out.getParent().resolve(FILE) + " and it continues from there when run again");
        }
        Files.createDirectories(out);
        FineTuneRun run = new FineTuneRun(c).outputDir(out).addListener(new FineTuneRecorder(out));
        FineTuneResult r = run.run();
        if (r.status() != RunResult.Status.COMPLETED) {
            throw new IOException(variant + (n > 0 ? " n=" + n : "") + " (seed " + seed + "): " + r.message());
        }
        points.removeIf(p -> p.seed == seed && p.variant.equals(variant) && p.n == n);
        points.add(new Point(seed, variant, n, r.testAccuracy()));
        write(points, out.getParent().resolve(FILE));
        progress.accept(String.format(Locale.ROOT, "[%d/%d] seed %d %s%s: test accuracy %.4f (%.0f s)", index, total,
                seed, variant, n > 0 ? " n=" + n : "", r.testAccuracy(), r.seconds()));
        return index;
    }

    public static List<Point> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? parse(Files.readAllLines(file)) : new ArrayList<>();
    }

    /** The shipped result (resources/finetune/generality.csv), or none. */
    public static List<Point> shipped() {
        try (var in = GeneralitySweep.class.getResourceAsStream("/finetune/" + FILE)) {
            return in == null ? List.of()
                    : parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Point> parse(List<String> lines) {
        List<Point> out = new ArrayList<>();
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            List<String> f = Csv.parse(l);
            if (f.size() == 4) {
                out.add(new Point(Long.parseLong(f.get(0)), f.get(1), Integer.parseInt(f.get(2)),
                        Double.parseDouble(f.get(3))));
            }
        }
        return out;
    }

    static void write(List<Point> points, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        points.stream().sorted(java.util.Comparator.comparingLong(Point::seed).thenComparingInt(Point::n)
                        .thenComparing(p -> p.variant.startsWith("base") ? "" : p.variant))
                .forEach(p -> sb.append(String.format(Locale.ROOT, "%d,%s,%d,%.4f\n", p.seed, p.variant, p.n,
                        p.testAccuracy)));
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Mean ± sd over seeds per variant and n: the curve, and the base lines at n = 0. */
    public static Map<String, Map<Integer, StrategyTable.Cell>> curve(List<Point> points) {
        Map<String, Map<Integer, List<Double>>> v = new LinkedHashMap<>();
        for (String name : List.of("baseB", "BnB", "BnB+", "AnB", "AnB+", "baseA")) {
            v.put(name, new java.util.TreeMap<>());
        }
        for (Point p : points) {
            v.computeIfAbsent(p.variant, k -> new java.util.TreeMap<>()).computeIfAbsent(p.n, k -> new ArrayList<>())
                    .add(p.testAccuracy);
        }
        Map<String, Map<Integer, StrategyTable.Cell>> out = new LinkedHashMap<>();
        v.forEach((name, byN) -> {
            Map<Integer, StrategyTable.Cell> cells = new java.util.TreeMap<>();
            byN.forEach((n, values) -> cells.put(n, StrategyTable.cell(values)));
            out.put(name, cells);
        });
        return out;
    }

    /** The curve as a Markdown table: one row per variant, one column per n. */
    public static String markdown(List<Point> points) {
        var curve = curve(points);
        StringBuilder sb = new StringBuilder("| network (tested on B) | n = 1 | n = 2 | n = 3 |\n|---|---|---|---|\n");
        StrategyTable.Cell base = curve.get("baseB").get(0);
        sb.append("| base B (no transfer) | ").append(base == null ? "–" : base.text()).append(" (all n) | | |\n");
        for (String v : VARIANTS) {
            sb.append("| ").append(v).append(" |");
            for (int n = 1; n <= 3; n++) {
                StrategyTable.Cell c = curve.get(v).get(n);
                sb.append(' ').append(c == null ? "–" : c.text()).append(" |");
            }
            sb.append('\n');
        }
        StrategyTable.Cell a = curve.get("baseA").get(0);
        sb.append("| (base A, on A's test images) | ").append(a == null ? "–" : a.text()).append(" | | |\n");
        return sb.toString();
    }
}
