package org.transferlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.transferlab.data.DataKind;
import org.transferlab.engine.RunFolders;
import org.transferlab.finetune.FineTuneConfig;
import org.transferlab.finetune.FineTuneRecorder;
import org.transferlab.finetune.FineTuneResult;
import org.transferlab.finetune.FineTuneRun;
import org.transferlab.finetune.Strategy;
import org.transferlab.finetune.TargetTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make-source}: trains the source network of a fine-tuning setting on its source classes only (the
 * target's classes are never seen) and writes a run folder whose {@code checkpoint.tlck} is the source.
 */
@Command(name = "make-source", mixinStandardHelpOptions = true,
        description = "Train the source network of a fine-tuning setting on its source classes (fashion-split: "
                + "cnn-small on Fashion-MNIST classes 0-4). Ship it with: cp DIR/checkpoint.tlck "
                + "resources/source-networks/cnn-small-fashion-split.tlck")
final class MakeSourceCommand implements Callable<Integer> {
    @Option(names = "--setting", defaultValue = "fashion-split", description = "the setting (default: ${DEFAULT-VALUE})")
    String setting;

    @Option(names = "--architecture", description = "the source's architecture (default: the setting's; cnn-large "
            + "makes the L2T chapter's larger source)")
    String architecture;

    @Option(names = "--data", defaultValue = "auto", description = "full, embedded or auto (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--data-dir", description = "folder holding the four IDX files (.gz or raw)")
    Path dataDir;

    @Option(names = "--epochs", defaultValue = "2", description = "passes over the source images (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "128")
    int batch;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--out", description = "run folder (default: runs/<time>-<setting>-source)")
    Path out;

    @Override
    public Integer call() throws Exception {
        TargetTask task = TargetTask.parse(setting);
        // the source classes' images: 6 000 per class in the full data, 1 000 in the embedded subset
        FineTuneConfig probe = new FineTuneConfig(task, 0, Strategy.SCRATCH, 1, Map.of(), 1, batch, 1e-3, seed, 1,
                DataKind.parse(data), dataDir, null, -1, true, architecture);
        int images = FineTuneRun.trainImages(probe);
        int steps = epochs * ((images + batch - 1) / batch);
        FineTuneConfig config = probe.withSteps(steps).withEvaluations(epochs).validate();
        Path dir = out != null ? RunFolders.createChosen(out) : RunFolders.create(Path.of("runs"), config.label()
                + (architecture != null ? "-" + architecture : ""), seed, "");
        FineTuneRun run = new FineTuneRun(config).outputDir(dir).addListener(new FineTuneRecorder(dir))
                .addListener(new org.transferlab.finetune.FineTuneConsole());
        FineTuneResult r = org.transferlab.finetune.FineTuneConsole.runQuietly(run);
        System.err.println(r.message());
        if (Files.isRegularFile(dir.resolve(FineTuneRun.CHECKPOINT))) {
            System.err.println("source network: " + dir.resolve(FineTuneRun.CHECKPOINT).toAbsolutePath());
        }
        return r.status() == org.transferlab.engine.RunResult.Status.COMPLETED ? 0 : 1;
    }
}
