package org.transferlab.part2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.transferlab.engine.Version;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;

/**
 * Writes a part-2 run's folder, each file atomically: {@code config.json}; {@code metrics.csv} (a row per step
 * with both task losses, weights, the total and the gradient cosine, a row per epoch with accuracies),
 * rewritten after each epoch; {@code summary.json} with {@code task_accuracy} (per task, 0–1) and
 * {@code final_weights}; and for several structures {@code structures.csv}.
 */
public final class MultiTaskRecorder implements MultiTaskListener {
    public static final String CONFIG = org.transferlab.engine.RunFiles.CONFIG;
    public static final String METRICS = org.transferlab.engine.RunFiles.METRICS;
    public static final String SUMMARY = org.transferlab.engine.RunFiles.SUMMARY;
    public static final String STRUCTURES = "structures.csv";
    public static final String HEADER = "kind,structure,epoch,step,loss1,loss2,weight1,weight2,total,cosine,"
            + "train_acc1,train_acc2,test_acc1,test_acc2";

    private final org.transferlab.engine.RunFiles files;
    private Info info;

    public MultiTaskRecorder(Path dir) {
        this(new org.transferlab.engine.RunFiles(dir));
    }

    private MultiTaskRecorder(org.transferlab.engine.RunFiles files) {
        this.files = files;
        files.header(HEADER);
    }

    /** The settings a part-2 run folder was trained with, read back from its {@code config.json} and checked. */
    public static MultiTaskConfig readConfig(Path dir, Path dataDir) throws IOException {
        return org.transferlab.engine.RunRecorder.readSettings(dir.resolve(CONFIG), c -> configFrom(c, dataDir).validate());
    }

    /** The settings a part-2 run folder recorded (its parsed {@code config.json}), validated; null dataDir: the default. */
    public static MultiTaskConfig settings(com.fasterxml.jackson.databind.JsonNode config, Path dataDir) {
        return configFrom(config, dataDir).validate();
    }

    private static MultiTaskConfig configFrom(com.fasterxml.jackson.databind.JsonNode c, Path dataDir) {
        MultiTaskExercise ex = MultiTaskExercise.parse(c.path("exercise").asText());
        MultiTaskConfig d = MultiTaskConfig.defaults(ex);
        return new MultiTaskConfig(ex, c.path("weighting").asText(d.weighting()),
                array(c.path("task_weights"), double[].class, d.fixedWeights()),
                array(c.path("initial_s"), double[].class, d.initialS()),
                c.path("gradnorm_alpha").asDouble(d.gradNormAlpha()),
                org.transferlab.data.DataKind.parse(c.path("data").asText("auto")), dataDir,
                c.path("requested_train_size").asInt(c.path("train_size").asInt()), c.path("epochs").asInt(),
                c.path("batch").asInt(), c.path("lr").asDouble(), c.path("seed").asLong(),
                c.path("eval_every").asInt(1), array(c.path("widths"), int[].class, d.widths()));
    }

    /** An array setting of {@code config.json}, or {@code otherwise} where the file has none. */
    private static <T> T array(com.fasterxml.jackson.databind.JsonNode a, Class<T> type, T otherwise) {
        return a.isArray() ? Json.MAPPER.convertValue(a, type) : otherwise;
    }

    /**
     * A recorder that continues a run folder from its checkpoint: it keeps the metrics rows up to the end of
     * epoch {@code epoch} of structure {@code structure} (0-based) and appends after them.
     */
    public static MultiTaskRecorder resuming(Path dir, int structure, int epoch) throws IOException {
        return new MultiTaskRecorder(org.transferlab.engine.RunFiles.resuming(dir, f -> f.get(0).equals("epoch")
                && f.size() > 2 && f.get(1).equals(String.valueOf(structure + 1)) && f.get(2).equals(String.valueOf(epoch)),
                structure > 0 || epoch > 0, "structure " + (structure + 1) + ", epoch " + epoch));
    }

    @Override
    public void onStart(Info info) {
        this.info = info;
        MultiTaskConfig c = info.config();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", c.exercise().id());
        n.putPOJO("tasks", info.tasks());
        n.putPOJO("data_sources", info.dataSources());
        n.put("weighting", c.weighting());
        n.putPOJO("task_weights", c.fixedWeights());
        n.putPOJO("initial_s", c.initialS());
        n.put("gradnorm_alpha", c.gradNormAlpha());
        n.put("data", c.data().name().toLowerCase(Locale.ROOT));
        n.put("requested_train_size", c.trainSize());
        n.put("eval_every", c.evalEvery());
        n.put("train_size", info.trainImages());
        n.put("epochs", c.epochs());
        n.put("batch", c.batchSize());
        n.put("lr", c.learningRate());
        n.put("seed", c.seed());
        n.putPOJO("widths", c.widths());
        n.put("backend", info.backend());
        n.put("transferlab_version", Version.get());
        files.writeJson(CONFIG, n);
    }

    @Override
    public void onStep(Step s) {
        files.row(stepRow(s));
    }

    @Override
    public void onEpoch(Epoch e) {
        files.row(epochRow(e));
        files.writeMetrics();
    }

    /** A two-task step's row under {@link #HEADER} (part 2 and multi-task on one input alike). */
    public static String stepRow(Step s) {
        return String.format(Locale.ROOT, "step,%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.4f,,,,", s.structure() + 1,
                s.epoch(), s.step(), s.losses()[0], s.losses()[1], s.weights()[0], s.weights()[1], s.total(),
                s.cosine());
    }

    /** A two-task epoch's row under {@link #HEADER}. */
    public static String epochRow(Epoch e) {
        return String.format(Locale.ROOT, "epoch,%d,%d,,%.6g,%.6g,%.6g,%.6g,,,%.4f,%.4f,%s,%s", e.structure() + 1,
                e.epoch(), e.trainLoss()[0], e.trainLoss()[1], e.weights()[0], e.weights()[1], e.trainAccuracy()[0],
                e.trainAccuracy()[1], num(e.testAccuracy()[0]), num(e.testAccuracy()[1]));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public void onEnd(MultiTaskResult r) {
        // each file on its own: one failing write does not cost the others
        org.transferlab.engine.RunFiles.writeEach(files::writeMetrics, () -> writeSummary(r));
    }

    private void writeSummary(MultiTaskResult r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", info == null ? "?" : info.config().exercise().id());
        n.put("status", r.status().id());
        n.put("message", r.message());
        n.put("weighting", info == null ? "?" : info.config().weighting());
        MultiTaskListener.Structure last = r.structures().isEmpty() ? null : r.structures().get(r.structures().size() - 1);
        ArrayNode acc = n.putArray("task_accuracy");
        ArrayNode weights = n.putArray("final_weights");
        if (last != null) {
            for (double a : last.testAccuracy()) {
                Json.addNumber(acc, a);
            }
            for (double w : last.finalWeights()) {
                Json.addNumber(weights, w);
            }
            n.put("parameters", last.parameters());
            n.put("structure", last.label());
        }
        if (info != null) {
            n.putPOJO("tasks", info.tasks());
        }
        n.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        if (r.structures().size() > 1) {
            MultiTaskListener.Structure best = r.best();
            n.put("best_structure", best.label());
            ArrayNode list = n.putArray("structures");
            StringBuilder csv = new StringBuilder("index,shared_blocks,bn,parameters,test_acc1,test_acc2,mean,best\n");
            for (MultiTaskListener.Structure s : r.structures()) {
                ObjectNode o = list.addObject();
                o.put("label", s.label());
                o.put("shared_blocks", s.sharedBlocks());
                o.put("bn", s.perTaskBatchNorm() ? "per_task" : "shared");
                o.put("parameters", s.parameters());
                ArrayNode a = o.putArray("task_accuracy");
                for (double v : s.testAccuracy()) {
                    Json.addNumber(a, v);
                }
                csv.append(String.format(Locale.ROOT, "%d,%d,%s,%d,%.4f,%.4f,%.4f,%s\n", s.index() + 1,
                        s.sharedBlocks(), s.perTaskBatchNorm() ? "per_task" : "shared", s.parameters(),
                        s.testAccuracy()[0], s.testAccuracy()[1], MultiTaskResult.mean(s.testAccuracy()),
                        s == best ? "best" : ""));
            }
            files.writeText(STRUCTURES, csv.toString());
        }
        files.writeJson(SUMMARY, n);
    }


}
