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
        this.files = new RunFiles(dir);
        files.header(RunRecorder.header(List.of("loss/ce", "loss/transfer")));
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
        n.put("trained_model", "cnn-small");
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
