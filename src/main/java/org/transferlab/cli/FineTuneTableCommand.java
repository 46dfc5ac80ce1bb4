package org.transferlab.cli;

import org.transferlab.chapters.ProgressLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.transferlab.data.DataKind;
import org.transferlab.engine.RunResult;
import org.transferlab.finetune.FineTuneConfig;
import org.transferlab.finetune.FineTuneRecorder;
import org.transferlab.finetune.FineTuneResult;
import org.transferlab.finetune.FineTuneRun;
import org.transferlab.finetune.Strategy;
import org.transferlab.finetune.StrategyTable;
import org.transferlab.finetune.TargetTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code finetune-table}: every strategy × labels per class × seed of one setting, one run folder each, and the
 * table of test accuracies (mean ± sd) as {@code table.csv} and {@code table.md}. Runs already completed in the
 * output folder are kept, so an interrupted sweep continues where it stopped.
 */
@Command(name = "finetune-table", mixinStandardHelpOptions = true,
        description = "Train every strategy at every labels-per-class count and seed of a fine-tuning setting, and "
                + "write the table of test accuracies (table.csv, table.md).")
final class FineTuneTableCommand implements Callable<Integer> {
    @Option(names = "--setting", defaultValue = "fashion-split")
    String setting;

    @Option(names = "--strategies", split = ",", defaultValue = "scratch,linear-probe,top-1,all,bn-patch",
            description = "strategies; all@0.1 sets the multiplier of one entry (default: ${DEFAULT-VALUE})")
    List<String> strategies;

    @Option(names = "--per-class", split = ",", defaultValue = "1,3,10,30,100")
    List<Integer> perClass;

    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2")
    List<Long> seeds;

    @Option(names = "--steps", defaultValue = "150", description = "steps for N below --many (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--steps-many", defaultValue = "300", description = "steps from N = --many on (default: ${DEFAULT-VALUE})")
    int stepsMany;

    @Option(names = "--many", defaultValue = "30")
    int many;

    @Option(names = "--data", defaultValue = "auto")
    String data;

    @Option(names = "--out", required = true, description = "folder for the runs and the table")
    Path out;

    @Override
    public Integer call() throws Exception {
        TargetTask task = TargetTask.parse(setting);
        Files.createDirectories(out);
        Path csv = out.resolve("table.csv");
        StrategyTable table = StrategyTable.read(csv);
        List<FineTuneConfig> todo = new ArrayList<>();
        for (int n : perClass) {
            for (String s : strategies) {
                String[] parts = s.split("@");
                double m = parts.length > 1 ? Double.parseDouble(parts[1]) : FineTuneConfig.DEFAULT_LR_MULTIPLIER;
                for (long seed : seeds) {
                    todo.add(FineTuneConfig.defaults().withData(DataKind.parse(data), null)
                            .withStrategy(Strategy.parse(parts[0])).withLrMultiplier(m).withPerClass(n).withSeed(seed)
                            .withSteps(n >= many ? stepsMany : steps).withEvaluations(1));
                }
            }
        }
        ProgressLine line = new ProgressLine(System.err);
        int done = 0;
        for (FineTuneConfig c0 : todo) {
            FineTuneConfig c = new FineTuneConfig(task, c0.perClass(), c0.strategy(), c0.lrMultiplier(), c0.layers(),
                    c0.steps(), c0.batchSize(), c0.learningRate(), c0.seed(), 1, c0.data(), null, null, -1, false, null);
            StrategyTable.Row probe = new StrategyTable.Row(task.id(), c.strategy().id(), c.lrMultiplier(), c.perClass(),
                    c.seed(), c.steps(), 0, 0, 0);
            boolean have = table.rows().stream().anyMatch(r -> r.strategyLabel().equals(probe.strategyLabel())
                    && r.perClass() == c.perClass() && r.seed() == c.seed() && r.setting().equals(task.id()));
            done++;
            if (have) {
                continue;
            }
            Path dir = out.resolve(String.format(Locale.ROOT, "%s-x%s-n%d-seed%d", c.strategy().id(),
                    probe.strategyLabel().contains("×") ? String.valueOf(c.lrMultiplier()) : "1", c.perClass(), c.seed()));
            Files.createDirectories(dir); // an unfinished run of an earlier sweep is trained again over its files
            FineTuneResult r = org.transferlab.finetune.FineTuneConsole.runQuietly(new FineTuneRun(c).measureSource(false).addListener(new FineTuneRecorder(dir)));
            if (r.status() != RunResult.Status.COMPLETED) {
                System.err.println("error: " + c.label() + ": " + r.message());
                return r.status() == RunResult.Status.STOPPED ? 130 : 1;
            }
            table.add(new StrategyTable.Row(task.id(), c.strategy().id(), c.lrMultiplier(), c.perClass(), c.seed(),
                    (int) r.steps(), r.trainableParameters(), r.testAccuracy(), r.seconds()));
            table.write(csv);
            line.done(String.format(Locale.ROOT, "[%d/%d] %s %s N=%d seed %d: test accuracy %.4f (%.0f s)", done,
                    todo.size(), task.id(), probe.strategyLabel(), c.perClass(), c.seed(), r.testAccuracy(), r.seconds()));
        }
        org.transferlab.io.AtomicFiles.writeString(out.resolve("table.md"), table.markdown(task.id()));
        var chart = org.transferlab.export.FineTuneFigures.labels(table, task.id(), java.util.Map.of());
        org.transferlab.export.Figures.write(chart, org.transferlab.export.Figures.Format.PNG, 1.5, out.resolve("table.png"));
        org.transferlab.export.Figures.write(chart, org.transferlab.export.Figures.Format.SVG, 1, out.resolve("table.svg"));
        System.out.print(table.markdown(task.id()));
        return 0;
    }
}
