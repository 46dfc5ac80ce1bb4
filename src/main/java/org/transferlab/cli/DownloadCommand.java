package org.transferlab.cli;

import org.transferlab.chapters.ProgressLine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.transferlab.data.DatasetDownloader;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Fetches a full data set from its canonical mirror (needs internet). */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download a full data set (fashion-mnist or mnist) into ~/.transferlab/data, checksum-checked.")
final class DownloadCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "fashion-mnist or mnist")
    String dataset;

    @Option(names = "--to", description = "target folder (default: ~/.transferlab/data/<dataset>)")
    Path to;

    @Override
    public Integer call() throws Exception {
        DatasetId id = DatasetId.parse(dataset);
        Path dir = to != null ? to : DatasetLocator.defaultUserDataRoot().resolve(id.id());
        ProgressLine line = new ProgressLine(System.err);
        new DatasetDownloader().download(id, dir, (file, got, total) -> line.show(String.format("%s %s",
                file, total > 0 ? String.format("%5.1f%% of %.1f MB", 100.0 * got / total, total / 1e6)
                        : String.format("%.1f MB", got / 1e6))));
        line.done("downloaded " + id.title() + " into " + dir);
        return 0;
    }
}
