package org.transferlab.l2t;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.engine.AdamOptimizer;
import org.transferlab.engine.OptimizerState;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.CheckpointException;
import org.transferlab.models.Network;

/**
 * What an L2T run writes to {@value #FILE} after every epoch, so that a stopped, failed or killed run goes on
 * exactly where it was: the target's parameters and batch-norm statistics with their Adam moments (as float arrays,
 * like every network), and as exact doubles in the metadata each pair's regressor with its Adam state, the
 * meta-networks φ with theirs, the epoch reached, the last test accuracy and λ, the steps and the training time so
 * far. The batch order needs no saving: each epoch's order is drawn again from the run's seed. Checksummed, written
 * atomically ({@link Checkpoint}).
 */
public record L2tCheckpoint(String label, long seed, String settings, int epoch, long steps, double lastAccuracy, double[] lastLambda,
                            double seconds, Map<String, double[]> doubles, Checkpoint.Contents contents) {
    public static final String FILE = "checkpoint.tlck";
    static final String KIND = "l2t";
    private static final String DOUBLES = "doubles/";

    /** The name a checkpoint's target must match: target architecture and the run's label (method, labels, source). */
    static String architecture(L2tConfig c) {
        return "l2t " + c.target() + " " + c.label();
    }

    static void save(Path file, L2tConfig config, Network target, AdamOptimizer adam, Map<String, double[]> doubles,
                     int epoch, long steps, double lastAccuracy, double[] lastLambda, double seconds)
            throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>(target.state());
        Map<String, String> meta = new TreeMap<>();
        OptimizerState.save(adam, List.of(), arrays, meta);
        meta.put("kind", KIND);
        meta.put("label", config.label());
        meta.put("seed", String.valueOf(config.seed()));
        meta.put("settings", config.settings());
        meta.put("epoch", String.valueOf(epoch));
        meta.put("steps", String.valueOf(steps));
        meta.put("last_accuracy", encode(new double[]{lastAccuracy}));
        meta.put("last_lambda", encode(lastLambda));
        meta.put("seconds", String.valueOf(seconds));
        doubles.forEach((k, v) -> meta.put(DOUBLES + k, encode(v)));
        Checkpoint.save(architecture(config), arrays, file, meta);
    }

    /** Reads and checks an L2T checkpoint without applying it. */
    public static L2tCheckpoint read(Path file) throws IOException {
        Checkpoint.Contents c = Checkpoint.read(file);
        Map<String, String> m = c.metadata();
        if (!KIND.equals(m.get("kind"))) {
            throw new CheckpointException(file + " is not the checkpoint of an L2T run");
        }
        try {
            Map<String, double[]> doubles = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith(DOUBLES)) {
                    doubles.put(k.substring(DOUBLES.length()), decode(v));
                }
            });
            return new L2tCheckpoint(m.get("label"), Long.parseLong(m.get("seed")), m.get("settings"),
                    Integer.parseInt(m.get("epoch")),
                    Long.parseLong(m.get("steps")), decode(m.get("last_accuracy"))[0], decode(m.get("last_lambda")),
                    Double.parseDouble(m.get("seconds")), doubles, c);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + " has incomplete run state (" + e.getMessage() + "); train again", e);
        }
    }

    /** Checks that this checkpoint belongs to a run of {@code config}; one line naming what differs. */
    void requireMatches(L2tConfig config, String file) throws CheckpointException {
        if (!label.equals(config.label()) || seed != config.seed()) {
            throw new CheckpointException(file + " belongs to " + label + " with seed " + seed + ", not to "
                    + config.label() + " with seed " + config.seed());
        }
        if (!config.settings().equals(settings)) {
            throw new CheckpointException(file + " was written under other settings (" + settings + "), not "
                    + config.settings() + "; resume it with its own settings (train --resume DIR reads them)");
        }
        if (epoch < 1 || epoch > config.epochs()) {
            throw new CheckpointException(file + " is at epoch " + epoch + ", which a run of " + config.epochs()
                    + " epochs never reaches");
        }
    }

    /** Loads the target and its optimiser; the target is left unchanged when it does not match. */
    void applyTo(Network target, L2tConfig config, AdamOptimizer adam, String file) throws CheckpointException {
        Checkpoint.apply(architecture(config), target.state(), contents, file, false);
        OptimizerState.restore(contents, adam, List.of(), file);
    }

    /** The saved doubles under {@code key}, of the length the run expects, or one sentence. */
    double[] doubles(String key, int length, String file) throws CheckpointException {
        double[] v = doubles.get(key);
        if (v == null || v.length != length) {
            throw new CheckpointException(file + " lacks " + key + " of " + length + " numbers (" + (v == null ? "none"
                    : v.length) + " saved); it was written by another version, train again");
        }
        return v;
    }

    /** Doubles as Base64 of their IEEE bits (big-endian): exact, and about 11 characters each rather than ~20 as text. */
    static String encode(double[] v) {
        byte[] bytes = new byte[v.length * Double.BYTES];
        for (int i = 0; i < v.length; i++) {
            long bits = Double.doubleToRawLongBits(v[i]);
            for (int b = 0; b < Double.BYTES; b++) {
                bytes[i * Double.BYTES + b] = (byte) (bits >>> (56 - 8 * b));
            }
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    static double[] decode(String s) {
        byte[] bytes = Base64.getDecoder().decode(s);
        if (bytes.length % Double.BYTES != 0) {
            throw new IllegalArgumentException("a list of numbers is cut short");
        }
        double[] v = new double[bytes.length / Double.BYTES];
        for (int i = 0; i < v.length; i++) {
            long bits = 0;
            for (int b = 0; b < Double.BYTES; b++) {
                bits = (bits << 8) | (bytes[i * Double.BYTES + b] & 0xff);
            }
            v[i] = Double.longBitsToDouble(bits);
        }
        return v;
    }
}
