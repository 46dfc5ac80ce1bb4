package org.transferlab.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Csv;
import org.transferlab.io.Json;
import org.transferlab.transfer.TransferSettings;

/**
 * Writes a run's folder: {@code config.json} at the start (settings, seed, backend, versions),
 * {@code metrics.csv} (one row per step and one per epoch, rewritten atomically after every epoch and at
 * the end) and {@code summary.json} (after every epoch with status "running", and at the end).
 */
public final class RunRecorder implements TrainingListener {
    public static final String CONFIG = RunFiles.CONFIG;
    public static final String METRICS = RunFiles.METRICS;
    public static final String SUMMARY = RunFiles.SUMMARY;
    public static final String SNAPSHOT = RunFiles.SNAPSHOT;

    private final RunFiles files;
    private RunInfo info;
    private List<String> components = List.of();

    public RunRecorder(Path dir) {
        this(new RunFiles(dir));
    }

    private RunRecorder(RunFiles files) {
        this.files = files;
    }

    /** The settings a run folder was trained with, read back from its {@code config.json} and checked. */
    public static TrainingConfig readConfig(Path dir, Path dataDir) throws IOException {
        return readSettings(dir.resolve(CONFIG), c -> configFrom(c, dataDir).validate());
    }

    /** What reads a run folder's settings from its parsed {@code config.json}. */
    public interface SettingsReader<T> {
        T read(com.fasterxml.jackson.databind.JsonNode config) throws IOException;
    }

    /**
     * Reads a run folder's {@code config.json} with {@code reader}; a damaged file, or settings this version
     * refuses, fail with a message that names the file.
     */
    public static <T> T readSettings(Path file, SettingsReader<T> reader) throws IOException {
        com.fasterxml.jackson.databind.JsonNode c;
        try {
            c = Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is damaged (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "): the run's settings cannot be read back; train it again", e);
        }
        if (c == null || !c.isObject()) {
            throw new IOException(file + " is empty or not a JSON object: the run's settings cannot be read back");
        }
        try {
            return reader.read(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds settings this TransferLab refuses: "
                    + e.getMessage().replaceFirst("^--", ""), e);
        }
    }

    /**
     * The settings a part-1 run folder recorded ({@code config}, its parsed {@code config.json}), validated: the
     * config that trains the same run again; {@code dataDir} is where its data is (null: the default).
     */
    public static TrainingConfig settings(com.fasterxml.jackson.databind.JsonNode config, Path dataDir) {
        return configFrom(config, dataDir).validate();
    }

    private static TrainingConfig configFrom(com.fasterxml.jackson.databind.JsonNode c, Path dataDir) {
        Exercise ex = Exercise.parse(c.path("exercise").asText());
        String teacherCheckpoint = c.path("teacher_checkpoint").asText("shipped");
        TrainingConfig.Builder b = TrainingConfig.builder().exercise(ex)
                .dataset(org.transferlab.data.DatasetId.parse(c.path("dataset").asText()))
                .data(org.transferlab.data.DataKind.parse(c.path("data").asText("auto"))).dataDir(dataDir)
                .teacher(c.path("teacher").asText()).student(ex.trainsStudent() ? c.path("student").asText() : null)
                .trainSize(c.path("train_size").asInt()).epochs(c.path("epochs").asInt())
                .batchSize(c.path("batch").asInt()).learningRate(c.path("lr").asDouble()).seed(c.path("seed").asLong())
                .teacherCheckpoint(teacherCheckpoint.equals("shipped") ? null : Path.of(teacherCheckpoint))
                .evalEvery(c.path("eval_every").asInt(1));
        if (c.has("methods")) {
            List<String> methods = new ArrayList<>();
            c.path("methods").forEach(m -> methods.add(m.asText()));
            b.methods(methods).transfer(MethodSettingsJson.read(c.path("settings"), TransferSettings.defaults()));
        } else {
            b.transfer(MethodSettingsJson.readLegacy(c, TransferSettings.defaults()));
        }
        return b.build();
    }

    /**
     * A recorder that continues an interrupted run's folder: it keeps the metrics rows up to the end of epoch
     * {@code completedEpochs} (the checkpoint's) and appends after them.
     */
    public static RunRecorder resuming(Path dir, int completedEpochs) throws IOException {
        return new RunRecorder(RunFiles.resuming(dir, f -> f.get(0).equals("epoch")
                && f.get(1).equals(String.valueOf(completedEpochs)), completedEpochs > 0, "epoch " + completedEpochs));
    }

    /**
     * The {@code metrics.csv} header of a run with these loss components (their keys, e.g. {@code loss/kd}):
     * one column per term (its parts, e.g. {@code loss/at/group1}, are left to the charts).
     */
    public static String header(java.util.Collection<String> lossKeys) {
        StringBuilder sb = new StringBuilder("kind,epoch,step");
        for (String c : columns(lossKeys)) {
            sb.append(',').append(c);
        }
        // no wall-clock column: a resumed run's file equals, byte for byte, the one of the run never stopped
        return sb.append(",total,train_accuracy,test_accuracy").toString();
    }

    private static List<String> columns(java.util.Collection<String> lossKeys) {
        return lossKeys.stream().filter(k -> !org.transferlab.transfer.TransferMethods.isPart(k))
                .map(k -> k.substring("loss/".length())).toList();
    }

    @Override
    public void onStart(RunInfo info) {
        this.info = info;
        this.components = columns(info.lossWeights().keySet());
        files.header(header(info.lossWeights().keySet()));
        TrainingConfig c = info.config();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", c.exercise().id());
        n.put("label", c.label());
        n.put("dataset", c.dataset().id());
        n.put("data", c.data().name().toLowerCase(Locale.ROOT));
        n.put("data_source", info.dataSource());
        n.put("teacher", c.teacher());
        n.put("student", c.student());
        n.put("train_size", info.trainImages());
        n.put("test_size", info.testImages());
        n.put("epochs", c.epochs());
        n.put("batch", c.batchSize());
        n.put("lr", c.learningRate());
        n.put("seed", c.seed());
        n.putPOJO("methods", c.methods());
        n.set("settings", MethodSettingsJson.write(c.methods(), c.transfer()));
        n.put("teacher_checkpoint", c.teacherCheckpoint() == null ? "shipped" : c.teacherCheckpoint().toString());
        n.put("eval_every", c.evalEvery());
        n.put("trained_model", info.trainedModel());
        n.put("parameters", info.parameterCount());
        n.putPOJO("loss_weights", info.lossWeights());
        n.put("backend", info.backend());
        n.put("transferlab_version", Version.get());
        n.put("java_version", System.getProperty("java.version"));
        n.put("nd4j_version", "1.0.0-M2.1");
        files.writeJson(CONFIG, n);
    }

    @Override
    public void onStep(StepMetrics s) {
        files.row(stepRow(s, components));
    }

    @Override
    public void onEpoch(EpochMetrics e) {
        files.row(epochRow(e, components));
        files.writeMetrics();
        Snapshot s = lastSnapshot;
        if (s != null && s.epoch() == e.epoch() && keptSnapshots > 0) {
            try {
                EpochSnapshots.keep(files.dir(), e.epoch(), s, keptSnapshots);
            } catch (java.io.UncheckedIOException ex) {
                // they serve the epoch slider only: training and the run's own files go on without them
                System.err.println("warning: " + ex.getMessage() + "; the run keeps no more epoch snapshots (the "
                        + "workspace's epoch slider will offer the epochs kept so far)");
                keptSnapshots = 0;
            }
        }
    }

    private int keptSnapshots = EpochSnapshots.DEFAULT_KEPT;

    /** How many epochs' snapshots the folder keeps for the epoch slider (0: none; see {@link EpochSnapshots}). */
    public RunRecorder keepSnapshots(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("--keep-snapshots must be 0 or more, not " + n);
        }
        keptSnapshots = n;
        return this;
    }

    /** A step's {@code metrics.csv} row under {@link #header}: its loss components (by column), total, batch accuracy. */
    public static String stepRow(StepMetrics s, List<String> components) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step,%d,%d", s.epoch(), s.step()));
        for (String c : components) {
            Double v = s.losses().get("loss/" + c);
            sb.append(',').append(v == null ? "" : Csv.number(v));
        }
        sb.append(',').append(Csv.number(s.total())).append(',').append(String.format(Locale.ROOT, "%.4f,",
                s.batchAccuracy()));
        return sb.toString();
    }

    /** An epoch's {@code metrics.csv} row under {@link #header}: mean training loss, training and test accuracy. */
    public static String epochRow(EpochMetrics e, List<String> components) {
        return "epoch," + e.epoch() + ",," + ",".repeat(components.size()) + Csv.number(e.trainLoss())
                + String.format(Locale.ROOT, ",%.4f,%s", e.trainAccuracy(), Double.isNaN(e.testAccuracy()) ? ""
                : String.format(Locale.ROOT, "%.4f", e.testAccuracy()));
    }

    @Override
    public void onSnapshot(Snapshot snapshot) {
        lastSnapshot = snapshot;
    }

    private volatile Snapshot lastSnapshot;

    @Override
    public void onEnd(RunResult r) {
        // each file on its own, the small and important ones first: one failing write does not cost the others
        Snapshot last = lastSnapshot;
        RunFiles.writeEach(files::writeMetrics, () -> writeSummary(r), () -> {
            if (last != null) {
                files.writeJson(SNAPSHOT, last);
            }
        });
    }

    private void writeSummary(RunResult r) {
        RunSummary s = r.summary();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", s.exercise());
        n.putPOJO("methods", info == null ? List.of() : info.config().methods());
        n.put("status", s.status());
        n.put("message", r.message());
        n.put("dataset", s.dataset());
        n.put("data_source", s.dataSource());
        n.put("model", s.model());
        if (s.teacher() != null) {
            n.put("teacher", s.teacher());
        }
        Json.putNumber(n, "test_accuracy", s.testAccuracy());
        if (s.teacherTestAccuracy() != null) {
            Json.putNumber(n, "teacher_test_accuracy", s.teacherTestAccuracy());
        }
        n.put("train_size", s.trainSize());
        n.put("epochs", s.epochs());
        n.put("epochs_completed", s.epochsCompleted());
        n.put("steps", s.steps());
        n.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        n.put("steps_per_second", Math.round(s.stepsPerSecond() * 100) / 100.0);
        n.put("backend", s.backend());
        n.put("seed", s.seed());
        Json.putNumber(n, "final_train_loss", s.finalTrainLoss());
        files.writeJson(SUMMARY, n);
    }

}
