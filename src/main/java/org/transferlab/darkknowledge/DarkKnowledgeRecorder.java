package org.transferlab.darkknowledge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Writes a dark-knowledge run's folder like every other run's ({@link RunFiles}): {@code config.json},
 * {@code metrics.csv} (part 1's columns, losses {@code ce} and {@code kd}, epochs counted over the whole run),
 * {@value #PHASES} (each network's epochs with their test errors), and at the end {@value #PER_CLASS},
 * {@value #CONFUSION}, {@value #SWEEP} (omitted), {@value #GENERATIONS} (ban), {@value #TEACHER_OUTPUTS} and
 * {@code summary.json} ({@code test_errors}, {@code test_accuracy}, {@code per_class_accuracy} per network; for
 * omitted the hidden digits' accuracy before and after the bias and the bias chosen).
 */
public final class DarkKnowledgeRecorder implements DarkKnowledgeListener {
    public static final String PHASES = "phases.csv";
    public static final String PER_CLASS = "per_class.csv";
    public static final String CONFUSION = "confusion.csv";
    public static final String SWEEP = "bias_sweep.csv";
    public static final String GENERATIONS = "generations.csv";
    public static final String TEACHER_OUTPUTS = "teacher_outputs.csv";
    private static final List<String> COMPONENTS = List.of("ce", "kd");
    private final RunFiles files;
    private final List<String> phaseRows = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private Info info;

    public DarkKnowledgeRecorder(Path dir) {
        this(new RunFiles(dir));
    }

    private DarkKnowledgeRecorder(RunFiles files) {
        this.files = files;
        files.header(RunRecorder.header(List.of("loss/ce", "loss/kd")));
    }

    /**
     * Continues a folder whose networks {@code finished} were saved, their epochs ending at run epoch
     * {@code runEpoch}: keeps the metrics up to that epoch's row and those networks' rows of {@value #PHASES}.
     */
    public static DarkKnowledgeRecorder resuming(Path dir, int runEpoch, java.util.Set<String> finished)
            throws java.io.IOException {
        DarkKnowledgeRecorder r = new DarkKnowledgeRecorder(RunFiles.resuming(dir, f -> f.get(0).equals("epoch")
                && f.get(1).equals(String.valueOf(runEpoch)), runEpoch > 0, "run epoch " + runEpoch));
        for (String[] row : DarkKnowledgeFigures.rows(dir.resolve(PHASES))) {
            if (finished.contains(row[0])) {
                r.phaseRows.add(String.join(",", row));
            }
        }
        return r;
    }

    /** The config a run folder's {@code config.json} records (to resume it). */
    public static DarkKnowledgeConfig readConfig(Path dir) throws java.io.IOException {
        return RunRecorder.readSettings(dir.resolve(RunFiles.CONFIG), DarkKnowledgeRecorder::settings);
    }

    /** The settings a dark-knowledge run folder recorded (its parsed {@code config.json}), validated. */
    public static DarkKnowledgeConfig settings(com.fasterxml.jackson.databind.JsonNode c) {
        Experiment e = Experiment.parse(c.path("experiment").asText());
        List<Integer> omit = new ArrayList<>();
        c.path("omit").forEach(n -> omit.add(n.asInt()));
        String teacher = c.path("teacher_checkpoint").asText("trained in this run");
        return new DarkKnowledgeConfig(e, omit, c.path("transfer_share").asDouble(),
                c.path("temperature").asDouble(), c.path("alpha").asDouble(), c.path("generations").asInt(),
                c.path("epochs").asInt(), c.path("teacher_epochs").asInt(), c.path("batch").asInt(),
                c.path("lr").asDouble(), c.path("seed").asLong(), c.path("validation_share").asDouble(),
                c.path("jitter").asInt(), c.path("train_size_option").asInt(), c.path("test_size_option").asInt(),
                org.transferlab.data.DataKind.parse(c.path("data").asText("auto")),
                teacher.equals("trained in this run") ? null : teacher,
                e == Experiment.BAN ? c.path("trained_model").asText() : DarkKnowledgeConfig.STUDENT,
                org.transferlab.data.DatasetId.parse(c.path("dataset").asText("mnist"))).validate();
    }

    /** The networks of a folder's {@code config.json}, in training order: name → epochs. */
    public static java.util.LinkedHashMap<String, Integer> networks(Path dir) throws java.io.IOException {
        java.util.LinkedHashMap<String, Integer> m = new java.util.LinkedHashMap<>();
        for (var n : Json.MAPPER.readTree(dir.resolve(RunFiles.CONFIG).toFile()).path("networks")) {
            m.put(n.path("name").asText(), n.path("epochs").asInt());
        }
        return m;
    }

    @Override
    public void onStart(Info i) {
        this.info = i;
        DarkKnowledgeConfig c = i.config();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("exercise", DarkKnowledgeChapter.ID);
        n.put("chapter", DarkKnowledgeChapter.ID);
        n.put("label", c.label());
        n.put("experiment", c.experiment().id());
        n.putPOJO("omit", c.omit());
        n.put("transfer_share", c.transferShare());
        n.put("temperature", c.temperature());
        n.put("alpha", c.alpha());
        n.put("generations", c.generations());
        n.put("validation_share", c.validationShare());
        n.put("jitter", c.jitter());
        n.put("teacher", c.experiment() == Experiment.BAN ? c.banModel() : DarkKnowledgeConfig.TEACHER);
        n.put("teacher_checkpoint", c.teacher() == null ? "trained in this run" : c.teacher());
        n.put("student", c.experiment() == Experiment.BAN ? c.banModel() : DarkKnowledgeConfig.STUDENT);
        n.put("trained_model", c.experiment() == Experiment.BAN ? c.banModel() : DarkKnowledgeConfig.STUDENT);
        n.put("data", c.data().name().toLowerCase(Locale.ROOT));
        n.put("dataset", c.dataset().id());
        n.put("data_source", i.dataSource());
        n.put("train_size", i.teacherImages());
        n.put("validation_size", i.validationImages());
        n.put("transfer_size", i.transferImages());
        n.put("small_transfer_size", i.smallImages());
        n.put("test_size", i.testImages());
        n.put("epochs", c.epochs());
        n.put("teacher_epochs", c.teacherEpochs());
        n.put("batch", c.batchSize());
        n.put("lr", c.learningRate());
        n.put("seed", c.seed());
        n.put("train_size_option", c.trainSize());
        n.put("test_size_option", c.testSize());
        ArrayNode ps = n.putArray("networks");
        for (Phase p : i.phases()) {
            ObjectNode o = ps.addObject();
            o.put("name", p.name());
            o.put("title", p.title());
            o.put("model", p.model());
            o.put("teacher", p.teacher());
            o.put("alpha", p.alpha());
            o.put("jitter", p.jitter());
            o.put("images", p.images());
            o.put("epochs", p.epochs());
            o.put("steps_per_epoch", p.stepsPerEpoch());
        }
        phases.addAll(i.phases());
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
    public void onPhaseEpoch(PhaseEpoch e) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%d,%.6g,%.4f,%d,%.4f,%s",
                e.phase(), e.epoch(), e.runEpoch(), e.trainLoss(), e.trainAccuracy(), e.testErrors(), e.testAccuracy(),
                Double.isNaN(e.hiddenAccuracy()) ? "" : String.format(Locale.ROOT, "%.4f", e.hiddenAccuracy())));
        for (double a : e.perClass()) {
            row.append(Double.isNaN(a) ? "," : String.format(Locale.ROOT, ",%.4f", a));
        }
        phaseRows.add(row.toString());
        StringBuilder header = new StringBuilder(
                "network,epoch,run_epoch,train_loss,train_accuracy,test_errors,test_accuracy,hidden_accuracy");
        for (int c = 0; c < e.perClass().length; c++) {
            header.append(",accuracy_").append(c);
        }
        files.writeText(PHASES, header + "\n" + String.join("\n", phaseRows) + "\n");
    }

    private String title(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).map(Phase::title).findFirst().orElse(name);
    }

    @Override
    public void onEnd(DarkKnowledgeResult r) {
        RunFiles.writeEach(files::writeMetrics, () -> writeTables(r), () -> writeSummary(r));
    }

    private void writeTables(DarkKnowledgeResult r) {
        if (r.networks().isEmpty()) {
            return;
        }
        // run_epoch: the run epoch at which the network finished (RunAtEpoch leaves out those not finished yet)
        StringBuilder pc = new StringBuilder("network,title,digit,accuracy,accuracy_biased,run_epoch\n");
        Map<String, Integer> finishedAt = new java.util.HashMap<>();
        int sum = 0;
        for (Phase p : phases) {
            sum += p.epochs();
            finishedAt.put(p.name(), sum);
        }
        StringBuilder cm = new StringBuilder("network,true,predicted,count\n");
        List<DarkKnowledgeResult.Score> all = new ArrayList<>(r.networks());
        all.addAll(r.ensembles());
        for (DarkKnowledgeResult.Score s : all) {
            String t = s.title().isEmpty() ? title(s.name()) : s.title();
            for (int c = 0; c < s.perClass().length; c++) {
                pc.append(String.format(Locale.ROOT, "%s,\"%s\",%d,%.4f,%s,%d\n", s.name(), t.replace("\"", "'"), c,
                        s.perClass()[c], s.perClassBiased() == null ? "" : String.format(Locale.ROOT, "%.4f",
                                s.perClassBiased()[c]), finishedAt.getOrDefault(s.name(), sum)));
                for (int p = 0; p < s.confusion()[c].length; p++) {
                    cm.append(s.name()).append(',').append(c).append(',').append(p).append(',')
                            .append(s.confusion()[c][p]).append('\n');
                }
            }
        }
        files.writeText(PER_CLASS, pc.toString());
        files.writeText(CONFUSION, cm.toString());
        if (!r.sweeps().isEmpty()) {
            StringBuilder sw = new StringBuilder("network,bias,validation_accuracy,validation_hidden_accuracy,chosen\n");
            for (DarkKnowledgeResult.Sweep s : r.sweeps()) {
                for (BiasSweep.Point p : s.points()) {
                    sw.append(String.format(Locale.ROOT, "%s,%.2f,%.4f,%.4f,%d\n", s.network(), p.bias(), p.accuracy(),
                            p.hiddenAccuracy(), p.bias() == s.chosen() ? 1 : 0));
                }
            }
            files.writeText(SWEEP, sw.toString());
        }
        if (info != null && info.config().experiment() == Experiment.BAN) {
            StringBuilder g = new StringBuilder("chain,generation,test_errors,test_accuracy\n");
            for (DarkKnowledgeResult.Score s : r.networks()) {
                String chain = s.name().startsWith("banl") ? "BAN+L" : s.name().startsWith("ban") ? "BAN" : "teacher";
                int gen = s.name().equals("gen0") ? 0 : Integer.parseInt(s.name().replaceAll("\\D", ""));
                g.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f\n", chain, gen, s.testErrors(), s.testAccuracy()));
            }
            for (DarkKnowledgeResult.Score s : r.ensembles()) {
                g.append(String.format(Locale.ROOT, "ensemble,%s,%d,%.4f\n", s.name().replaceAll("\\D", ""),
                        s.testErrors(), s.testAccuracy()));
            }
            files.writeText(GENERATIONS, g.toString());
        }
        if (r.teacherOutputs() != null) {
            DarkKnowledgeResult.TeacherOutputs t = r.teacherOutputs();
            StringBuilder o = new StringBuilder(String.format(Locale.ROOT,
                    "digit,p_t1,p_t%s\n", DarkKnowledgeRun.num(t.temperature())));
            for (int c = 0; c < t.atOne().length; c++) {
                o.append(String.format(Locale.ROOT, "%d,%.6g,%.6g\n", c, t.atOne()[c], t.atT()[c]));
            }
            files.writeText(TEACHER_OUTPUTS, o.toString());
        }
    }

    private void writeSummary(DarkKnowledgeResult r) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("exercise", DarkKnowledgeChapter.ID);
        s.put("chapter", DarkKnowledgeChapter.ID);
        s.put("status", r.status().id());
        s.put("message", r.message());
        if (info != null) {
            s.put("experiment", info.config().experiment().id());
            s.put("seed", info.config().seed());
            s.put("test_size", info.testImages());
        }
        ObjectNode errors = s.putObject("test_errors");
        ObjectNode accuracy = s.putObject("test_accuracy");
        ObjectNode perClass = s.putObject("per_class_accuracy");
        List<DarkKnowledgeResult.Score> all = new ArrayList<>(r.networks());
        all.addAll(r.ensembles());
        for (DarkKnowledgeResult.Score n : all) {
            errors.put(n.name(), n.testErrors());
            Json.putNumber(accuracy, n.name(), n.testAccuracy());
            ArrayNode a = perClass.putArray(n.name());
            for (double v : n.perClass()) {
                a.add(Math.round(v * 10000) / 10000.0);
            }
        }
        if (!r.sweeps().isEmpty() && info != null) {
            ObjectNode omitted = s.putObject("omitted");
            omitted.putPOJO("hidden_digits", info.config().omit());
            omitted.put("bias_chosen_on", "validation split of the training digits (" + info.validationImages()
                    + " images), never the test set");
            for (DarkKnowledgeResult.Sweep sw : r.sweeps()) {
                DarkKnowledgeResult.Score n = r.score(sw.network());
                ObjectNode o = omitted.putObject(sw.network());
                Json.putNumber(o, "bias", sw.chosen());
                o.put("test_errors_before", n.testErrors());
                o.put("test_errors_after", n.testErrorsBiased());
                Json.putNumber(o, "test_accuracy_after", n.testAccuracyBiased());
                ObjectNode before = o.putObject("hidden_accuracy_before");
                ObjectNode after = o.putObject("hidden_accuracy_after");
                for (int d : info.config().omit()) {
                    Json.putNumber(before, String.valueOf(d), n.perClass()[d]);
                    Json.putNumber(after, String.valueOf(d), n.perClassBiased()[d]);
                }
                ArrayNode a = o.putArray("per_class_accuracy_after");
                for (double v : n.perClassBiased()) {
                    a.add(Math.round(v * 10000) / 10000.0);
                }
            }
        }
        if (r.teacherOutputs() != null) {
            s.put("teacher_outputs_image", r.teacherOutputs().index());
        }
        s.put("steps", r.steps());
        Json.putNumber(s, "seconds", r.seconds());
        files.writeJson(RunFiles.SUMMARY, s);
    }
}
