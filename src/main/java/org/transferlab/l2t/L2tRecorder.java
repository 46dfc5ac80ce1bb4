package org.transferlab.l2t;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunFiles;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.Version;
import org.transferlab.io.Json;

/**
 * Writes an L2T run's folder like every other run's ({@link RunFiles}): {@code config.json}, {@code metrics.csv}
 * (part 1's columns; the losses {@code ce} and {@code transfer}), {@code lambda.csv} (per evaluated epoch and
 * pair: λ and the unweighted matching loss), {@code channels.csv} (per evaluated epoch and pair, each channel's
 * mean weight) and {@code summary.json} with {@code test_accuracy} and the final λ as a source × target matrix.
 */
public final class L2tRecorder implements L2tListener {
    public static final String LAMBDA = "lambda.csv";
    public static final String CHANNELS = "channels.csv";
    private static final List<String> COMPONENTS = List.of("ce", "transfer");
    private final RunFiles files;
    private final List<String> lambdaRows = new ArrayList<>();
    private final List<String> channelRows = new ArrayList<>();
    private Info info;

    public L2tRecorder(Path dir) {
        this(new RunFiles(dir));
    }

    private L2tRecorder(RunFiles files) {
        this.files = files;
        files.header(RunRecorder.header(List.of("loss/ce", "loss/transfer")));
    }

    /**
     * Continues a folder from its checkpoint at {@code epoch}: keeps the metrics up to that epoch's row and the λ and
     * channel rows up to that epoch, and appends after them.
     */
    public static L2tRecorder resuming(Path dir, int epoch) throws java.io.IOException {
        L2tRecorder r = new L2tRecorder(RunFiles.resuming(dir, f -> f.get(0).equals("epoch")
                && f.get(1).equals(String.valueOf(epoch)), true, "epoch " + epoch));
        r.lambdaRows.addAll(rowsUpTo(dir.resolve(LAMBDA), epoch));
        r.channelRows.addAll(rowsUpTo(dir.resolve(CHANNELS), epoch));
        return r;
    }

    private static List<String> rowsUpTo(Path file, int epoch) throws java.io.IOException {
        List<String> kept = new ArrayList<>();
        if (java.nio.file.Files.isRegularFile(file)) {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (!l.isBlank() && Integer.parseInt(l.substring(0, l.indexOf(','))) <= epoch) {
                    kept.add(l);
                }
            }
        }
        return kept;
    }

    /** The config a run folder's {@code config.json} records (to resume it). */
    public static L2tConfig readConfig(Path dir) throws java.io.IOException {
        return RunRecorder.readSettings(dir.resolve(RunFiles.CONFIG), L2tRecorder::settings);
    }

    /** The settings an L2T run folder recorded (its parsed {@code config.json}), validated. */
    public static L2tConfig settings(com.fasterxml.jackson.databind.JsonNode c) {
        return new L2tConfig(
                L2tMethod.parse(c.path("method").asText()), c.path("per_class").asInt(), c.path("epochs").asInt(),
                c.path("batch").asInt(), c.path("lr").asDouble(), c.path("beta").asDouble(),
                c.path("meta_lr").asDouble(), c.path("inner_steps").asInt(), c.path("inner_lr").asDouble(),
                c.path("seed").asLong(), c.path("evaluations").asInt(10),
                org.transferlab.data.DataKind.parse(c.path("data").asText("auto")),
                c.path("source_network").asText(L2tConfig.SMALL), c.path("trained_model").asText(L2tConfig.SMALL))
                .validate();
    }

    @Override
    public void onStart(Info i) {
        this.info = i;
        L2tConfig c = i.config();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", "l2t");
        n.put("chapter", "l2t");
        n.put("label", c.label());
        n.put("method", c.method().id());
        n.put("method_name", c.method().label());
        n.putPOJO("pairs", i.pairs().stream().map(L2tMethod.Pair::toString).toList());
        n.put("per_class", c.perClass());
        n.put("source", i.sourceNetwork());
        n.put("source_network", c.source());
        n.put("trained_model", c.target());
        n.put("evaluations", c.evaluations());
        n.put("data", c.data().name().toLowerCase(Locale.ROOT));
        n.put("data_source", i.dataSource());
        n.put("train_size", i.trainImages());
        n.put("test_size", i.testImages());
        n.put("epochs", c.epochs());
        n.put("batch", c.batchSize());
        n.put("lr", c.learningRate());
        n.put("beta", c.beta());
        n.put("meta_lr", c.metaLearningRate());
        n.put("inner_steps", c.innerSteps());
        n.put("inner_lr", c.innerLearningRate());
        n.put("seed", c.seed());
        n.put("parameters", i.parameters());
        n.put("backend", i.backend());
        n.put("transferlab_version", Version.get());
        files.writeJson(RunFiles.CONFIG, n);
    }

    @Override
    public void onStep(StepMetrics s) {
        files.row(RunRecorder.stepRow(s, COMPONENTS));
    }

    @Override
    public void onEpoch(EpochMetrics e) {
        files.row(RunRecorder.epochRow(e, COMPONENTS));
        files.writeMetrics();
    }

    @Override
    public void onPairs(int epoch, Map<L2tMethod.Pair, PairState> pairs) {
        pairs.forEach((p, s) -> {
            lambdaRows.add(String.format(Locale.ROOT, "%d,%s,%s,%.6g,%.6g", epoch, p.source(), p.target(), s.lambda(),
                    s.matchingLoss()));
            for (int c = 0; c < s.channelWeights().length; c++) {
                channelRows.add(String.format(Locale.ROOT, "%d,%s,%s,%d,%.6g", epoch, p.source(), p.target(), c,
                        s.channelWeights()[c]));
            }
        });
        files.writeText(LAMBDA, "epoch,source,target,lambda,matching_loss\n" + String.join("\n", lambdaRows) + "\n");
        files.writeText(CHANNELS, "epoch,source,target,channel,weight\n" + String.join("\n", channelRows) + "\n");
    }

    @Override
    public void onEnd(L2tResult r) {
        RunFiles.writeEach(files::writeMetrics, () -> {
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("exercise", "l2t");
            s.put("chapter", "l2t");
            s.put("status", r.status().id());
            s.put("message", r.message());
            if (info != null) {
                s.put("method", info.config().method().id());
                s.put("per_class", info.config().perClass());
                s.put("seed", info.config().seed());
            }
            Json.putNumber(s, "test_accuracy", r.testAccuracy());
            ObjectNode lambda = s.putObject("lambda");
            Map<String, Map<String, Double>> matrix = new LinkedHashMap<>();
            r.lambda().forEach((p, v) -> {
                Json.putNumber(lambda, p.toString(), v);
                matrix.computeIfAbsent(p.source(), k -> new LinkedHashMap<>()).put(p.target(), v);
            });
            s.putPOJO("lambda_matrix", matrix);
            s.put("epochs_completed", r.epochsCompleted());
            s.put("steps", r.steps());
            Json.putNumber(s, "seconds", r.seconds());
            files.writeJson(RunFiles.SUMMARY, s);
        });
    }
}
