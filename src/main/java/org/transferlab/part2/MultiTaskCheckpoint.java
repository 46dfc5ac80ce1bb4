package org.transferlab.part2;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.OptimizerState;
import org.transferlab.io.Json;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.CheckpointException;
import org.transferlab.models.MultiTaskModel;
import org.transferlab.weightings.LossWeighting;

/**
 * What a part-2 run writes to {@value #FILE} after every epoch, so that a stopped, failed or killed run can go on
 * exactly where it was: the model's parameters and running statistics, Adam's moments, the weighting's own state
 * (Kendall's s_i, GradNorm's w_i and first losses, DWA's last epoch losses), the structure and epoch reached, the
 * last weights and accuracies, and the structures already finished (A2). The batch order needs no saving: each
 * epoch's order comes from the run's seed, drawn again on resume. Stored in the {@link Checkpoint} format
 * (checksummed, written atomically).
 *
 * @param trainImages    training images per task
 * @param structure      index of the structure being trained
 * @param epoch          epochs of that structure finished
 * @param done           structures finished before it
 * @param seconds        training time of this structure so far
 */
public record MultiTaskCheckpoint(String exercise, long seed, int trainImages, int structure, int epoch, List<MultiTaskListener.Structure> done,
                                  double[] weights, double[] lastAccuracy, double seconds, Map<String, double[]> weighting,
                                  int adamSteps, Checkpoint.Contents contents) {
    public static final String FILE = "checkpoint.tlck";
    private static final String WEIGHTING = "weighting/";

    /** The name a checkpoint's model must match: the structure and the widths. */
    static String architecture(MultiTaskModel net, int[] widths) {
        return "two-task " + net.describe() + " " + Arrays.toString(widths);
    }

    static void save(Path file, MultiTaskConfig config, MultiTaskModel net, AdamOptimizer adam, LossWeighting weighting,
                     int trainImages, int structure, int epoch, List<MultiTaskListener.Structure> done, double[] weights,
                     double[] lastAccuracy, double seconds) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>(net.state());
        Map<String, String> meta = new TreeMap<>();
        OptimizerState.save(adam, List.of(), arrays, meta);
        meta.put("kind", "multitask");
        meta.put("exercise", config.exercise().id());
        meta.put("seed", String.valueOf(config.seed()));
        meta.put("structure", String.valueOf(structure));
        meta.put("epoch", String.valueOf(epoch));
        meta.put("train_images", String.valueOf(trainImages));
        meta.put("weights", numbers(weights));
        meta.put("last_accuracy", numbers(lastAccuracy));
        meta.put("seconds", String.valueOf(seconds));
        meta.put("done", Json.MAPPER.writeValueAsString(done));
        weighting.saveState().forEach((k, v) -> meta.put(WEIGHTING + k, numbers(v)));
        Checkpoint.save(architecture(net, config.widths()), arrays, file, meta);
    }

    /** Reads and checks a part-2 checkpoint without applying it. */
    public static MultiTaskCheckpoint read(Path file) throws IOException {
        Checkpoint.Contents c = Checkpoint.read(file);
        Map<String, String> m = c.metadata();
        if (!"multitask".equals(m.get("kind"))) {
            throw new CheckpointException(file + " is a part-1 checkpoint, not one of a multi-task run");
        }
        try {
            Map<String, double[]> weighting = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith(WEIGHTING)) {
                    weighting.put(k.substring(WEIGHTING.length()), parse(v));
                }
            });
            List<MultiTaskListener.Structure> done = Json.MAPPER.readValue(m.get("done"),
                    new TypeReference<List<MultiTaskListener.Structure>>() { });
            return new MultiTaskCheckpoint(m.get("exercise"), Long.parseLong(m.get("seed")),
                    Integer.parseInt(m.get("train_images")),
                    Integer.parseInt(m.get("structure")), Integer.parseInt(m.get("epoch")), done, parse(m.get("weights")),
                    parse(m.get("last_accuracy")), Double.parseDouble(m.get("seconds")), weighting,
                    Integer.parseInt(m.get("adam_steps")), c);
        } catch (RuntimeException | IOException e) {
            throw new CheckpointException(file + " has incomplete run state (" + e.getMessage() + "); train again", e);
        }
    }

    /** Checks that this checkpoint belongs to a run of {@code config}; one line naming what differs. */
    void requireMatches(MultiTaskConfig config, int images, String file) throws CheckpointException {
        if (!exercise.equals(config.exercise().id()) || seed != config.seed()) {
            throw new CheckpointException(file + " belongs to " + exercise + " with seed " + seed + ", not to "
                    + config.exercise().id() + " with seed " + config.seed());
        }
        if (trainImages != images) {
            throw new CheckpointException(file + " was trained on " + trainImages + " images per task, but the data "
                    + "found now gives " + images + "; use the data the run started with");
        }
        int structures = config.exercise().structures().size();
        if (structure < 0 || structure >= structures || done.size() != structure || epoch < 0
                || epoch > config.epochs()) {
            throw new CheckpointException(file + " is at structure " + (structure + 1) + ", epoch " + epoch
                    + ", which a run of " + structures + " structure(s) × " + config.epochs() + " epochs never reaches");
        }
    }

    /** Loads the model, the optimiser and the weighting; nothing is changed when the model does not match. */
    void applyTo(MultiTaskModel net, int[] widths, AdamOptimizer adam, LossWeighting w, String file)
            throws CheckpointException {
        Checkpoint.apply(architecture(net, widths), net.state(), contents, file, false);
        OptimizerState.restore(contents, adam, List.of(), file);
        try {
            w.restoreState(weighting);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage());
        }
    }

    /** Numbers as one metadata value ("0.5,1.5"); {@link #parse} reads it back. */
    public static String numbers(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(d);
        }
        return sb.toString();
    }

    /** Reads what {@link #numbers} wrote. */
    public static double[] parse(String s) {
        if (s.isEmpty()) {
            return new double[0];
        }
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
