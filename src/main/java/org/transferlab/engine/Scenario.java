package org.transferlab.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;
import org.transferlab.transfer.AttentionTransfer;

/**
 * An instructor's set-up in a small JSON file: the run's settings, plus which controls students may not
 * change ({@code locked}) or do not see ({@code hidden}). Reading one checks everything and either returns
 * a complete scenario or throws with a message naming the problem: nothing is ever half-applied.
 *
 * <pre>
 * { "format": "transferlab-scenario", "version": 1, "title": "Q2 with T locked at 4",
 *   "description": "…", "exercise": "q2",
 *   "settings": { "temperature": 4, "alpha": 0.5, … }, "locked": ["temperature"], "hidden": [] }
 * </pre>
 */
public record Scenario(String title, String description, TrainingConfig config, Set<String> locked,
                       Set<String> hidden) {
    public static final String FORMAT = "transferlab-scenario";
    public static final int VERSION = 1;

    /** The controls a scenario can set, lock or hide; also the keys of its "settings" object. */
    public static final List<String> CONTROLS = List.of("exercise", "dataset", "teacher", "student", "train_size",
            "epochs", "batch", "lr", "seed", "temperature", "alpha", "at_form", "at_p", "beta", "pairs");

    public static Scenario read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    public static Scenario read(InputStream in, String name) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(name + " is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(name + " is empty or not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new ScenarioException(name + " is not a TransferLab scenario (\"format\" must be \"" + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version > VERSION) {
            throw new ScenarioException(name + " was written by a newer TransferLab (scenario version " + version
                    + "; this one reads up to " + VERSION + "): update TransferLab to open it");
        }
        if (version < 1) {
            throw new ScenarioException(name + ": \"version\" must be a positive number");
        }
        try {
            TrainingConfig.Builder b = TrainingConfig.builder().data(DataKind.AUTO).evalEvery(1);
            String exercise = root.path("exercise").asText("q2");
            b.exercise(Exercise.parse(exercise));
            JsonNode s = root.path("settings");
            if (!s.isMissingNode() && !s.isObject()) {
                throw new IllegalArgumentException("\"settings\" must be an object");
            }
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!CONTROLS.contains(key) || key.equals("exercise")) {
                    throw new IllegalArgumentException("unknown setting \"" + key + "\"; settings are "
                            + CONTROLS.subList(1, CONTROLS.size()));
                }
                apply(b, key, s.get(key));
            }
            TrainingConfig config = b.build();
            if (config.exercise() == Exercise.TEACHER) {
                config = config.toBuilder().student(null).build();
            }
            config.validate();
            return new Scenario(root.path("title").asText(name), root.path("description").asText(""), config,
                    controls(root, "locked"), controls(root, "hidden"));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(name + ": " + e.getMessage().replace("--", ""));
        }
    }

    private static void apply(TrainingConfig.Builder b, String key, JsonNode v) {
        switch (key) {
            case "dataset" -> b.dataset(DatasetId.parse(text(key, v)));
            case "teacher" -> b.teacher(text(key, v));
            case "student" -> b.student(text(key, v));
            case "train_size" -> b.trainSize(integer(key, v));
            case "epochs" -> b.epochs(integer(key, v));
            case "batch" -> b.batchSize(integer(key, v));
            case "lr" -> b.learningRate(number(key, v));
            case "seed" -> b.seed(integer(key, v));
            case "temperature" -> b.temperature(number(key, v));
            case "alpha" -> b.alpha(number(key, v));
            case "at_form" -> b.atForm(AttentionTransfer.Form.parse(text(key, v)));
            case "at_p" -> b.atP(number(key, v));
            case "beta" -> b.beta(number(key, v));
            case "pairs" -> {
                if (!v.isArray()) {
                    throw new IllegalArgumentException("\"pairs\" must be a list such as [\"group1\", \"group2\"]");
                }
                List<String> pairs = new ArrayList<>();
                v.forEach(p -> pairs.add(p.asText()));
                b.pairs(pairs);
            }
            default -> throw new IllegalArgumentException("unknown setting \"" + key + "\"");
        }
    }

    private static String text(String key, JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a text, got " + v);
        }
        return v.asText();
    }

    private static double number(String key, JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static int integer(String key, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a whole number, got " + v);
        }
        return v.asInt();
    }

    private static Set<String> controls(JsonNode root, String field) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode list = root.path(field);
        if (list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a list of control names");
        }
        for (JsonNode n : list) {
            String c = n.asText();
            if (!CONTROLS.contains(c)) {
                throw new IllegalArgumentException("\"" + field + "\" names unknown control \"" + c + "\"; controls are "
                        + CONTROLS);
            }
            out.add(c);
        }
        return out;
    }

    /** Writes this scenario atomically (a crash never leaves half a file in place of a good one). */
    public void write(Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("title", title);
        root.put("description", description);
        root.put("exercise", config.exercise().id());
        ObjectNode s = root.putObject("settings");
        s.put("dataset", config.dataset().id());
        s.put("teacher", config.teacher());
        if (config.student() != null) {
            s.put("student", config.student());
        }
        s.put("train_size", config.trainSize());
        s.put("epochs", config.epochs());
        s.put("batch", config.batchSize());
        s.put("lr", config.learningRate());
        s.put("seed", config.seed());
        s.put("temperature", config.transfer().temperature());
        s.put("alpha", config.transfer().alpha());
        s.put("at_form", config.transfer().atForm().name().toLowerCase(Locale.ROOT));
        s.put("at_p", config.transfer().atP());
        s.put("beta", config.transfer().beta());
        ArrayNode pairs = s.putArray("pairs");
        config.transfer().pairs().forEach(pairs::add);
        ArrayNode l = root.putArray("locked");
        locked.forEach(l::add);
        ArrayNode h = root.putArray("hidden");
        hidden.forEach(h::add);
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    /** A scenario file that cannot be used; the message names the file and the problem. */
    public static final class ScenarioException extends IOException {
        public ScenarioException(String message) {
            super(message);
        }
    }
}
