package org.transferlab.finetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunFiles;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.Version;
import org.transferlab.io.Json;

/**
 * Writes a fine-tuning run's folder like every other run's ({@link RunFiles}): {@code config.json} (the setting,
 * strategy, labels per class, the layer table), {@code metrics.csv} (part 1's columns, the loss being
 * cross-entropy alone), {@code drift.csv} (per evaluated epoch, each layer's ‖w − w₀‖ / ‖w₀‖) and
 * {@code summary.json} ({@code strategy}, {@code per_class}, {@code trainable_parameters},
 * {@code test_accuracy} …).
 */
public final class FineTuneRecorder implements FineTuneListener {
    public static final String DRIFT = "drift.csv";
    /** Per measurement (epoch 0: before training): the source task's accuracy, the target's, the old head's KL. */
    public static final String FORGETTING = "forgetting.csv";
    public static final String FORGETTING_HEADER = "epoch,step,source_accuracy,target_accuracy,old_head_kl";
    private static final List<String> CE = List.of("ce");
    private static final List<String> CE_LWF = List.of("ce", "lwf");

    private List<String> components = CE;
    private final List<String> forgettingRows = new ArrayList<>();
    private double sourceBefore = Double.NaN;
    private double sourceAfter = Double.NaN;

    private final RunFiles files;
    private final List<String> driftRows = new ArrayList<>();
    private String driftHeader;
    private Info info;

    public FineTuneRecorder(Path dir) {
        this(new RunFiles(dir));
    }

    private FineTuneRecorder(RunFiles files) {
        this.files = files;
    }

    /** Continues a folder whose checkpoint holds {@code epoch}: rows after it are dropped. */
    public static FineTuneRecorder resuming(Path dir, int epoch) throws IOException {
        FineTuneRecorder r = new FineTuneRecorder(RunFiles.resuming(dir, f -> f.get(0).equals("epoch")
                && f.get(1).equals(String.valueOf(epoch)), epoch > 0, "epoch " + epoch));
        Path forgetting = dir.resolve(FORGETTING);
        if (Files.isRegularFile(forgetting)) {
            List<String> lines = Files.readAllLines(forgetting);
            for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = l.split(",", -1);
                if (Integer.parseInt(f[0]) <= epoch) {
                    r.forgettingRows.add(l);
                    double a = f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]);
                    if (f[0].equals("0")) {
                        r.sourceBefore = a;
                    }
                    r.sourceAfter = a;
                }
            }
        }
        Path drift = dir.resolve(DRIFT);
        if (Files.isRegularFile(drift)) {
            List<String> lines = Files.readAllLines(drift);
            for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (Integer.parseInt(l.substring(0, l.indexOf(','))) <= epoch) {
                    r.driftRows.add(l);
                }
            }
        }
        return r;
    }

    public Path dir() {
        return files.dir();
    }

    @Override
    public void onStart(Info i) {
        this.info = i;
        FineTuneConfig c = i.config();
        boolean lwf = c.strategy().keepsSourceHead() && !c.sourceTask();
        components = lwf ? CE_LWF : CE;
        files.header(RunRecorder.header(lwf ? List.of("loss/ce", "loss/lwf") : List.of("loss/ce")));
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", "finetune");
        n.put("chapter", "finetune");
        n.put("label", c.label());
        n.put("setting", c.task().id());
        n.put("strategy", c.sourceTask() ? "source" : c.strategy().id());
        n.put("per_class", c.perClass());
        n.put("lr_multiplier", c.lrMultiplier());
        if (lwf) {
            n.put("lwf_lambda", c.lwfLambda());
            n.put("lwf_temperature", c.lwfTemperature());
        }
        n.putPOJO("layer_overrides", c.layers());
        n.put("copy_layers", c.copyLayers());
        n.put("source_task", c.sourceTask());
        n.put("source", i.sourceNetwork());
        n.put("trained_model", c.trainedArchitecture());
        n.put("dataset", c.sourceTask() ? c.task().sourceData().id() : c.task().targetData().id());
        n.put("data", c.data().name().toLowerCase(Locale.ROOT));
        n.put("data_source", i.dataSource());
        n.put("train_size", i.trainImages());
        n.put("test_size", i.testImages());
        n.put("steps", c.steps());
        n.put("epochs", i.epochs());
        n.put("batch", c.batchSize());
        n.put("lr", c.learningRate());
        n.put("seed", c.seed());
        n.put("evaluations", c.evaluations());
        n.put("trainable_parameters", i.trainableParameters());
        n.put("parameters", i.totalParameters());
        var table = n.putArray("layers");
        for (LayerPlan.Layer l : i.layers()) {
            table.addObject().put("name", l.name()).put("mode", l.mode().id()).put("multiplier", l.multiplier())
                    .put("parameters", l.parameters()).put("trainable", l.trainable());
        }
        n.put("backend", i.backend());
        n.put("transferlab_version", Version.get());
        files.writeJson(RunFiles.CONFIG, n);
    }

    @Override
    public void onStep(StepMetrics s) {
        files.row(RunRecorder.stepRow(s, components));
    }

    @Override
    public void onEpoch(EpochMetrics e) {
        files.row(RunRecorder.epochRow(e, components));
        files.writeMetrics();
    }

    @Override
    public void onDrift(Drift d) {
        driftHeader = "epoch,step," + String.join(",", d.relativeChange().keySet());
        StringBuilder sb = new StringBuilder(d.epoch() + "," + d.step());
        d.relativeChange().values().forEach(v -> sb.append(',').append(String.format(Locale.ROOT, "%.6g", v)));
        driftRows.add(sb.toString());
        files.writeText(DRIFT, driftHeader + "\n" + String.join("\n", driftRows) + "\n");
    }

    @Override
    public void onForgetting(Forgetting f) {
        if (f.epoch() == 0) {
            sourceBefore = f.sourceBefore();
        }
        if (Double.isNaN(sourceBefore)) {
            sourceBefore = f.sourceBefore();
        }
        sourceAfter = f.sourceAccuracy();
        forgettingRows.add(String.format(Locale.ROOT, "%d,%d,%s,%s,%s", f.epoch(), f.step(), num(f.sourceAccuracy()),
                num(f.targetAccuracy()), Double.isNaN(f.oldHeadKl()) ? "" : String.format(Locale.ROOT, "%.6g",
                        f.oldHeadKl())));
        files.writeText(FORGETTING, FORGETTING_HEADER + "\n" + String.join("\n", forgettingRows) + "\n");
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public void onEnd(FineTuneResult r) {
        RunFiles.writeEach(files::writeMetrics, () -> {
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("chapter", "finetune");
            s.put("status", r.status().id());
            s.put("message", r.message());
            if (info != null) {
                FineTuneConfig c = info.config();
                s.put("setting", c.task().id());
                s.put("strategy", c.sourceTask() ? "source" : c.strategy().id());
                s.put("per_class", c.perClass());
                s.put("seed", c.seed());
                s.put("train_size", info.trainImages());
            }
            Json.putNumber(s, "test_accuracy", r.testAccuracy());
            if (!Double.isNaN(sourceBefore) || !Double.isNaN(sourceAfter)) {
                Json.putNumber(s, "source_accuracy_before", sourceBefore);
                Json.putNumber(s, "source_accuracy_after", sourceAfter);
            }
            s.put("trainable_parameters", r.trainableParameters());
            s.put("parameters", r.totalParameters());
            s.put("epochs_completed", r.epochsCompleted());
            s.put("steps", r.steps());
            Json.putNumber(s, "seconds", r.seconds());
            files.writeJson(RunFiles.SUMMARY, s);
        });
    }

    /** The config a run folder's {@code config.json} records (to resume it); {@code dataDir} overrides the data folder. */
    public static FineTuneConfig readConfig(Path dir, Path dataDir) throws IOException {
        return settings(Json.MAPPER.readTree(dir.resolve(RunFiles.CONFIG).toFile()), dataDir);
    }

    /** The settings a fine-tuning run folder recorded (its parsed {@code config.json}); null dataDir: the default. */
    public static FineTuneConfig settings(com.fasterxml.jackson.databind.JsonNode c, Path dataDir) {
        java.util.Map<String, String> layers = new java.util.LinkedHashMap<>();
        c.path("layer_overrides").fields().forEachRemaining(e -> layers.put(e.getKey(), e.getValue().asText()));
        boolean sourceTask = c.path("source_task").asBoolean(false);
        String source = c.path("source").asText("");
        Path checkpoint = source.startsWith("shipped") || source.startsWith("none") || source.isEmpty() ? null
                : Path.of(source);
        return new FineTuneConfig(TargetTask.parse(c.path("setting").asText()), c.path("per_class").asInt(),
                sourceTask ? Strategy.SCRATCH : Strategy.parse(c.path("strategy").asText()),
                c.path("lr_multiplier").asDouble(1), layers, c.path("steps").asInt(), c.path("batch").asInt(),
                c.path("lr").asDouble(), c.path("seed").asLong(), c.path("evaluations").asInt(),
                org.transferlab.data.DataKind.parse(c.path("data").asText("auto")), dataDir, checkpoint,
                c.path("copy_layers").asInt(-1), sourceTask,
                c.hasNonNull("trained_model") ? c.path("trained_model").asText() : null,
                c.path("lwf_lambda").asDouble(FineTuneConfig.DEFAULT_LWF_LAMBDA),
                c.path("lwf_temperature").asDouble(FineTuneConfig.DEFAULT_LWF_TEMPERATURE));
    }
}
