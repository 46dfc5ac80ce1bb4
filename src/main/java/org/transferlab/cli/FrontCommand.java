package org.transferlab.cli;

import org.transferlab.chapters.ProgressLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.transferlab.engine.RunResult;
import org.transferlab.export.Figures;
import org.transferlab.export.TradeOffFigure;
import org.transferlab.io.Json;
import org.transferlab.multimnist.MultiMnistConfig;
import org.transferlab.multimnist.MultiMnistRecorder;
import org.transferlab.multimnist.MultiMnistResult;
import org.transferlab.multimnist.MultiMnistRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code front}: MultiMNIST with fixed weights (w, 1 − w) over a grid and with each adaptive weighting, one run
 * folder each (completed ones are kept, so an interrupted sweep continues), then the trade-off figure and a
 * table: left against right digit accuracy.
 */
@Command(name = "front", mixinStandardHelpOptions = true,
        description = "The trade-off front on MultiMNIST: fixed weights (w, 1-w) over a grid and each adaptive "
                + "weighting, left against right digit accuracy; writes front.csv, front.png and front.svg into --out.")
final class FrontCommand implements Callable<Integer> {
    @Option(names = "--architecture", defaultValue = "hard")
    String architecture;

    @Option(names = "--weights", split = ",", defaultValue = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9",
            description = "w of the fixed weightings (default: ${DEFAULT-VALUE})")
    List<Double> weights;

    @Option(names = "--adaptive", split = ",", defaultValue = "uncertainty,gradnorm,mgda,mgda-ub,pcgrad,dwa")
    List<String> adaptive;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--epochs", defaultValue = "10")
    int epochs;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        MultiMnistConfig d = MultiMnistConfig.defaults();
        Map<String, double[]> front = new LinkedHashMap<>();
        Map<String, double[]> others = new LinkedHashMap<>();
        ProgressLine line = new ProgressLine(System.err);
        List<Object[]> todo = new ArrayList<>();
        for (double w : weights) {
            todo.add(new Object[]{"fixed-w" + w, "fixed", new double[]{w, 1 - w}, "w = " + w});
        }
        for (String a : adaptive) {
            todo.add(new Object[]{a, a, new double[]{1, 1}, a});
        }
        for (Object[] t : todo) {
            Path dir = out.resolve((String) t[0]);
            double[] acc = completed(dir);
            if (acc == null) {
                MultiMnistConfig c = new MultiMnistConfig(architecture, (String) t[1], (double[]) t[2], d.initialS(),
                        d.gradNormAlpha(), d.trainImages(), d.testImages(), epochs, d.batchSize(), d.learningRate(),
                        seed, d.widths(), d.stitchLr()).validate();
                Files.createDirectories(dir);
                Path ckpt = dir.resolve(org.transferlab.multimnist.MultiMnistCheckpoint.FILE);
                MultiMnistRun run = new MultiMnistRun(c).outputDir(dir);
                if (Files.isRegularFile(ckpt)) { // stopped half-way last time: go on from its last epoch
                    int done = org.transferlab.multimnist.MultiMnistCheckpoint.read(ckpt).epoch();
                    run.resumeFrom(ckpt).addListener(MultiMnistRecorder.resuming(dir, done));
                } else {
                    run.addListener(new MultiMnistRecorder(dir));
                }
                MultiMnistResult r = ProgressLine.untilDone(run);
                if (r.status() != RunResult.Status.COMPLETED) {
                    System.err.println("error: " + t[0] + ": " + r.message());
                    return 1;
                }
                acc = r.taskAccuracy();
            }
            (((String) t[1]).equals("fixed") ? front : others).put((String) t[3], acc);
            line.done(String.format(Locale.ROOT, "%s: left %.4f right %.4f", t[3], acc[0], acc[1]));
        }
        StringBuilder csv = new StringBuilder("run,left,right\n");
        front.forEach((k, v) -> csv.append(String.format(Locale.ROOT, "%s,%.4f,%.4f\n", k, v[0], v[1])));
        others.forEach((k, v) -> csv.append(String.format(Locale.ROOT, "%s,%.4f,%.4f\n", k, v[0], v[1])));
        org.transferlab.io.AtomicFiles.writeString(out.resolve("front.csv"), csv.toString());
        var chart = TradeOffFigure.chart("MultiMNIST, " + architecture + ": performance against weights",
                "left digit", "right digit", TradeOffFigure.points(front), TradeOffFigure.points(others));
        Figures.write(chart, Figures.Format.PNG, 1.5, out.resolve("front.png"));
        Figures.write(chart, Figures.Format.SVG, 1, out.resolve("front.svg"));
        System.out.print(csv);
        return 0;
    }

    /** The task accuracies of a completed run folder, or null. */
    private static double[] completed(Path dir) {
        try {
            var s = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
            if (!"completed".equals(s.path("status").asText())) {
                return null;
            }
            return new double[]{s.path("task_accuracy").get(0).asDouble(), s.path("task_accuracy").get(1).asDouble()};
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
