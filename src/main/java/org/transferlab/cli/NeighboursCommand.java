package org.transferlab.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.transferlab.data.DataKind;
import org.transferlab.finetune.Neighbours;
import org.transferlab.finetune.TargetTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neighbours}: how often a target image's nearest neighbours share its class, by source features and by pixels. */
@Command(name = "neighbours", mixinStandardHelpOptions = true,
        description = "Off-the-shelf features: over test images of a fine-tuning setting's target, the share of the "
                + "k nearest gallery images with the query's class, by the source network's pooled features and by raw pixels.")
final class NeighboursCommand implements Callable<Integer> {
    @Option(names = "--setting", defaultValue = "fashion-split")
    String setting;

    @Option(names = "--gallery", defaultValue = "2000", description = "target training images searched (default: ${DEFAULT-VALUE})")
    int gallery;

    @Option(names = "--queries", defaultValue = "200")
    int queries;

    @Option(names = "-k", defaultValue = "8")
    int k;

    @Option(names = "--point", defaultValue = "embedding", description = "the source's feature point: embedding (after global pooling), group3, group2, group1 (default: ${DEFAULT-VALUE})")
    String point;

    @Option(names = "--data", defaultValue = "auto")
    String data;

    @Override
    public Integer call() throws Exception {
        TargetTask task = TargetTask.parse(setting);
        Neighbours.Index index = Neighbours.index(task, DataKind.parse(data), gallery, 0, point);
        double[] p = Neighbours.precision(index, queries, k, 1);
        System.out.printf(Locale.ROOT, "%s (%s), features at %s: %d queries, gallery of %d; share of the %d nearest with the query's "
                        + "class: by the source's features %.3f, by pixels %.3f (chance %.3f)%n", task.id(), index.source(), point,
                Math.min(queries, index.queries().size()), index.gallery().size(), k, p[0], p[1],
                1.0 / task.targetClassCount());
        return 0;
    }
}
