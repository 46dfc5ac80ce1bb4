package org.transferlab.chapters;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every {@code train CHAPTER} shares (a picocli mixin): the data, the length of the run, the
 * optimiser's step, the seed, the run folder and the layer kernels. A chapter reads what applies to it and says
 * in one sentence when a value cannot apply.
 */
public final class CommonOptions {
    @Option(names = "--data", defaultValue = "auto",
            description = "embedded (shipped subset), full (fails if absent) or auto (full if found, else embedded); default ${DEFAULT-VALUE}")
    public String data;

    @Option(names = "--data-dir", description = "folder holding the four IDX files (.gz or raw)")
    public Path dataDir;

    @Option(names = "--epochs", description = "passes over the training data (each chapter's default in its help)")
    public Integer epochs;

    @Option(names = "--batch", description = "batch size (each chapter's default in its help)")
    public Integer batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    public double lr;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the data draws and the initial weights (default: ${DEFAULT-VALUE})")
    public long seed;

    @Option(names = "--out", description = "run folder (default: runs/<label>-<time>)")
    public Path out;

    @Option(names = "--kernels", paramLabel = "java|nd4j|auto",
            description = "layer kernels: Java loops (CPU default) or ND4J ops (CUDA default); default auto")
    public String kernels;

    /** Applies {@code --kernels} before anything trains. */
    public void applyKernels() {
        if (kernels != null) {
            org.transferlab.nn.Kernels.choose(kernels);
        }
    }

    public int batchOr(int def) {
        return batch != null ? batch : def;
    }

    public int epochsOr(int def) {
        return epochs != null ? epochs : def;
    }
}
