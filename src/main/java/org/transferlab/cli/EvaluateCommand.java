package org.transferlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.transferlab.data.DataKind;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.engine.Evaluation;
import org.transferlab.engine.TeacherModel;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.Network;
import org.transferlab.models.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Test-set accuracy of a checkpoint (or of a shipped teacher). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print a model's accuracy on the test split of a data set.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "cnn-large", description = "architecture (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--checkpoint", description = "weights (default: the shipped pre-trained model)")
    Path checkpoint;

    @Option(names = "--dataset", defaultValue = "fashion-mnist")
    String dataset;

    @Option(names = "--data", defaultValue = "auto", description = "embedded, full or auto")
    String data;

    @Option(names = "--data-dir")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        DatasetId id = DatasetId.parse(dataset);
        DataSplit split = new DatasetLocator(dataDir).load(id, DataKind.parse(data));
        Network g;
        if (checkpoint == null) {
            g = TeacherModel.load(model, id, null);
        } else {
            g = Network.create(ModelZoo.get(model), id.classNames().size(), 0);
            Checkpoint.load(g, checkpoint);
        }
        double acc = Evaluation.accuracy(g, split.test(), 500);
        System.out.printf(Locale.ROOT, "%s on %s test split (%s, %d images): accuracy %.4f%n", model, id.id(),
                split.source(), split.test().size(), acc);
        return 0;
    }
}
