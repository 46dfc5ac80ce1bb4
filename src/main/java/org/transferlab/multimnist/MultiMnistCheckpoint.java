package org.transferlab.multimnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.OptimizerState;
import static org.transferlab.part2.MultiTaskCheckpoint.numbers;
import static org.transferlab.part2.MultiTaskCheckpoint.parse;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.CheckpointException;
import org.transferlab.models.MultiTaskModel;
import org.transferlab.weightings.LossWeighting;

/**
 * What a MultiMNIST run writes to {@value #FILE} after every epoch, so that a stopped, failed or killed run goes on
 * exactly where it was: the model's parameters and running statistics (cross-stitch α included), Adam's moments,
 * the weighting's own state (Kendall's s_i, GradNorm's w_i, DWA's last losses, PCGrad's epoch), the epoch
 * reached, the last weights, accuracies and RMSEs, and the training time so far. The batch order needs no
 * saving: each epoch's order is drawn again from the run's seed. Checksummed, written atomically
 * ({@link Checkpoint}).
 */
public record MultiMnistCheckpoint(String label, long seed, int epoch, double[] weights, double[] lastAccuracy,
                                 double[] lastRmse, double seconds, Map<String, double[]> weighting,
                                 Checkpoint.Contents contents) {
    public static final String FILE = "checkpoint.tlck";
    private static final String WEIGHTING = "weighting/";

    /** The name a checkpoint's model must match: architecture, widths and tasks. */
    static String architecture(MultiTaskModel net, MultiMnistConfig c) {
        return "multimnist " + net.describe() + " " + Arrays.toString(c.widths()) + " "
                + c.tasks().stream().map(MultiMnistTask::id).toList();
    }

    static void save(Path file, MultiMnistConfig config, MultiTaskModel net, AdamOptimizer adam, LossWeighting weighting,
                     int epoch, double[] weights, double[] lastAccuracy, double[] lastRmse, double seconds)
            throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>(net.state());
        Map<String, String> meta = new TreeMap<>();
        OptimizerState.save(adam, List.of(), arrays, meta);
        meta.put("kind", "multimnist");
        meta.put("label", config.label());
        meta.put("seed", String.valueOf(config.seed()));
        meta.put("epoch", String.valueOf(epoch));
        meta.put("weights", numbers(weights));
        meta.put("last_accuracy", numbers(lastAccuracy));
        meta.put("last_rmse", numbers(lastRmse));
        meta.put("seconds", String.valueOf(seconds));
        weighting.saveState().forEach((k, v) -> meta.put(WEIGHTING + k, numbers(v)));
        Checkpoint.save(architecture(net, config), arrays, file, meta);
    }

    /** Reads and checks a MultiMNIST checkpoint without applying it. */
    public static MultiMnistCheckpoint read(Path file) throws IOException {
        Checkpoint.Contents c = Checkpoint.read(file);
        Map<String, String> m = c.metadata();
        if (!"multimnist".equals(m.get("kind"))) {
            throw new CheckpointException(file + " is not the checkpoint of a MultiMNIST run");
        }
        try {
            Map<String, double[]> weighting = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith(WEIGHTING)) {
                    weighting.put(k.substring(WEIGHTING.length()), parse(v));
                }
            });
            return new MultiMnistCheckpoint(m.get("label"), Long.parseLong(m.get("seed")),
                    Integer.parseInt(m.get("epoch")), parse(m.get("weights")), parse(m.get("last_accuracy")),
                    parse(m.get("last_rmse")), Double.parseDouble(m.get("seconds")), weighting, c);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + " has incomplete run state (" + e.getMessage() + "); train again", e);
        }
    }

    /** Checks that this checkpoint belongs to a run of {@code config}; one line naming what differs. */
    void requireMatches(MultiMnistConfig config, String file) throws CheckpointException {
        if (!label.equals(config.label()) || seed != config.seed()) {
            throw new CheckpointException(file + " belongs to " + label + " with seed " + seed + ", not to "
                    + config.label() + " with seed " + config.seed());
        }
        if (epoch < 1 || epoch > config.epochs()) {
            throw new CheckpointException(file + " is at epoch " + epoch + ", which a run of " + config.epochs()
                    + " epochs never reaches");
        }
    }

    /** Loads the model, the optimiser and the weighting; the model is left unchanged when it does not match. */
    void applyTo(MultiTaskModel net, MultiMnistConfig config, AdamOptimizer adam, LossWeighting w, String file)
            throws CheckpointException {
        Checkpoint.apply(architecture(net, config), net.state(), contents, file, false);
        OptimizerState.restore(contents, adam, List.of(), file);
        try {
            w.restoreState(weighting);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage());
        }
    }
}
