package org.transferlab.oneinput;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transferlab.engine.RunFiles;
import org.transferlab.engine.Version;
import org.transferlab.engine.multitask.MultiTaskListener;
import org.transferlab.engine.multitask.MultiTaskRecorder;
import org.transferlab.io.Json;

/**
 * Writes a MultiMNIST run's folder like every other run's ({@link RunFiles}): {@code config.json},
 * {@code metrics.csv} (part 2's columns: task 1 is the left digit, task 2 the right), {@code alphas.csv} for
 * cross-stitch networks (per epoch and unit the mean α), and {@code summary.json} with {@code task_accuracy}
 * (left, right) and {@code final_weights}.
 */
public final class OneInputRecorder implements OneInputListener {
    public static final String ALPHAS = "alphas.csv";
    private final RunFiles files;
    private final List<String> alphaRows = new ArrayList<>();
    private Info info;

    public OneInputRecorder(Path dir) {
        this.files = new RunFiles(dir);
        files.header(MultiTaskRecorder.HEADER);
    }

    @Override
    public void onStart(Info i) {
        this.info = i;
        OneInputConfig c = i.config();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", "multimnist");
        n.put("chapter", "multimnist");
        n.put("label", c.label());
        n.put("architecture", c.architecture());
        n.put("weighting", c.weighting());
        n.putPOJO("tasks", List.of("left digit", "right digit"));
        n.putPOJO("task_weights", c.fixedWeights());
        n.putPOJO("initial_s", c.initialS());
        n.put("gradnorm_alpha", c.gradNormAlpha());
        n.put("stitch_lr", c.stitchLr());
        n.put("train_size", i.trainImages());
        n.put("test_size", i.testImages());
        n.put("data_seed", OneInputRun.DATA_SEED);
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
    public void onEnd(OneInputResult r) {
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
