package org.transferlab.multimnist;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transferlab.engine.RunFiles;
import org.transferlab.engine.Version;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskRecorder;
import org.transferlab.io.Json;

/**
 * Writes a MultiMNIST run's folder like every other run's ({@link RunFiles}): {@code config.json},
 * {@code metrics.csv} (part 2's columns: task 1 and task 2 in the order of {@code tasks}, by default the left and
 * the right digit), {@code alphas.csv} for cross-stitch networks (per epoch and unit the mean α), and
 * {@code summary.json} with {@code task_accuracy} (one per task), {@code task_rmse} where a task is a regression
 * (the digit sum; NaN for the digits), and {@code final_weights}. The run's {@code checkpoint.tlck} is written by the run itself.
 */
public final class MultiMnistRecorder implements MultiMnistListener {
    public static final String ALPHAS = "alphas.csv";
    private final RunFiles files;
    private final List<String> alphaRows = new ArrayList<>();
    private Info info;

    public MultiMnistRecorder(Path dir) {
        this(new RunFiles(dir));
    }

    private MultiMnistRecorder(RunFiles files) {
        this.files = files;
        files.header(MultiTaskRecorder.HEADER);
    }

    /**
     * Continues a folder from its checkpoint at {@code epoch}: keeps the metrics up to that epoch's row and the α
     * rows up to that epoch, and appends after them.
     */
    public static MultiMnistRecorder resuming(Path dir, int epoch) throws java.io.IOException {
        MultiMnistRecorder r = new MultiMnistRecorder(RunFiles.resuming(dir, f -> f.get(0).equals("epoch")
                && f.size() > 2 && f.get(2).equals(String.valueOf(epoch)), true, "epoch " + epoch));
        Path alphas = dir.resolve(ALPHAS);
        if (java.nio.file.Files.isRegularFile(alphas)) {
            List<String> lines = java.nio.file.Files.readAllLines(alphas);
            for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (!l.isBlank() && Integer.parseInt(l.substring(0, l.indexOf(','))) <= epoch) {
                    r.alphaRows.add(l);
                }
            }
        }
        return r;
    }

    /** The config a run folder's {@code config.json} records (to resume it). */
    public static MultiMnistConfig readConfig(Path dir) throws java.io.IOException {
        return org.transferlab.engine.RunRecorder.readSettings(dir.resolve(RunFiles.CONFIG), MultiMnistRecorder::settings);
    }

    /** The settings a MultiMNIST run folder recorded (its parsed {@code config.json}), validated. */
    public static MultiMnistConfig settings(com.fasterxml.jackson.databind.JsonNode c) throws java.io.IOException {
        MultiMnistConfig d = MultiMnistConfig.defaults();
        List<MultiMnistTask> tasks = new ArrayList<>();
        c.path("task_ids").forEach(t -> tasks.add(MultiMnistTask.parse(t.asText())));
        return new MultiMnistConfig(c.path("architecture").asText(), c.path("weighting").asText(),
                Json.MAPPER.treeToValue(c.path("task_weights"), double[].class),
                Json.MAPPER.treeToValue(c.path("initial_s"), double[].class), c.path("gradnorm_alpha").asDouble(),
                c.path("train_size").asInt(), c.path("test_size").asInt(), c.path("epochs").asInt(),
                c.path("batch").asInt(), c.path("lr").asDouble(), c.path("seed").asLong(),
                c.has("widths") ? Json.MAPPER.treeToValue(c.path("widths"), int[].class) : d.widths(),
                c.path("stitch_lr").asDouble(d.stitchLr()), tasks.isEmpty() ? MultiMnistConfig.DIGITS : tasks,
                c.path("jitter").asInt(0)).validate();
    }

    @Override
    public void onStart(Info i) {
        this.info = i;
        MultiMnistConfig c = i.config();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", "multimnist");
        n.put("chapter", "multimnist");
        n.put("label", c.label());
        n.put("architecture", c.architecture());
        n.put("weighting", c.weighting());
        n.putPOJO("tasks", c.tasks().stream().map(MultiMnistTask::label).toList());
        n.putPOJO("task_ids", c.tasks().stream().map(MultiMnistTask::id).toList());
        n.put("jitter", c.jitter());
        n.putPOJO("task_weights", c.fixedWeights());
        n.putPOJO("initial_s", c.initialS());
        n.put("gradnorm_alpha", c.gradNormAlpha());
        n.put("stitch_lr", c.stitchLr());
        n.put("train_size", i.trainImages());
        n.put("test_size", i.testImages());
        n.put("data_seed", MultiMnistRun.DATA_SEED);
        n.put("data_source", i.dataSource());
        n.put("epochs", c.epochs());
        n.put("batch", c.batchSize());
        n.put("lr", c.learningRate());
        n.put("seed", c.seed());
        n.putPOJO("widths", c.widths());
        n.put("parameters", i.parameters());
        n.put("trained_model", c.architecture());
        n.put("backend", i.backend());
        n.put("transferlab_version", Version.get());
        files.writeJson(RunFiles.CONFIG, n);
    }

    @Override
    public void onStep(MultiTaskListener.Step s) {
        files.row(MultiTaskRecorder.stepRow(s));
    }

    @Override
    public void onEpoch(MultiTaskListener.Epoch e) {
        files.row(MultiTaskRecorder.epochRow(e));
        files.writeMetrics();
    }

    @Override
    public void onAlphas(int epoch, Map<String, double[]> means) {
        means.forEach((unit, a) -> alphaRows.add(String.format(Locale.ROOT, "%d,%s,%.6f,%.6f,%.6f,%.6f", epoch,
                unit.replace("/alpha", ""), a[0], a[1], a[2], a[3])));
        files.writeText(ALPHAS, "epoch,unit,alpha_aa,alpha_ab,alpha_ba,alpha_bb\n" + String.join("\n", alphaRows) + "\n");
    }

    @Override
    public void onEnd(MultiMnistResult r) {
        RunFiles.writeEach(files::writeMetrics, () -> {
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("exercise", "multimnist");
            s.put("status", r.status().id());
            s.put("message", r.message());
            if (info != null) {
                s.put("architecture", info.config().architecture());
                s.put("structure", info.config().architecture());
                s.put("weighting", info.config().weighting());
                s.put("seed", info.config().seed());
            }
            var acc = s.putArray("task_accuracy");
            for (double a : r.taskAccuracy()) {
                Json.addNumber(acc, a);
            }
            if (info != null && info.config().tasks().stream().anyMatch(MultiMnistTask::regression)) {
                var rmse = s.putArray("task_rmse");
                for (double a : r.taskRmse()) {
                    Json.addNumber(rmse, a);
                }
            }
            var w = s.putArray("final_weights");
            for (double a : r.finalWeights()) {
                Json.addNumber(w, a);
            }
            s.put("parameters", r.parameters());
            s.put("epochs_completed", r.epochsCompleted());
            Json.putNumber(s, "seconds", r.seconds());
            files.writeJson(RunFiles.SUMMARY, s);
        });
    }
}
