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

/**
 * An instructor's set-up in a small JSON file: the run's settings, plus which controls students may not
 * change ({@code locked}) or do not see ({@code hidden}). Reading one checks everything and either returns
 * a complete scenario or throws with a message naming the problem: nothing is ever half-applied.
 *
 * <pre>
 * { "format": "transferlab-scenario", "version": 2, "title": "Q2 with T locked at 4",
 *   "description": "…", "exercise": "q2", "methods": ["kd"],
 *   "settings": { "epochs": 100, "kd.temperature": 4, "kd.alpha": 0.5, … }, "locked": ["kd.temperature"],
 *   "hidden": [] }
 * </pre>
 * Method settings are named {@code METHOD.KEY} as the registry declares them; version 1's names
 * ({@code temperature}, {@code alpha}, {@code at_form}, {@code at_p}, {@code beta}, {@code pairs}) still read.
 */
public record Scenario(String title, String description, TrainingConfig config, Set<String> locked,
                       Set<String> hidden) {
    public static final String FORMAT = "transferlab-scenario";
    public static final int VERSION = 2;

    /** The run's own settings (besides the methods' settings) a scenario can set, lock or hide. */
    private static final List<String> TRAINING = List.of("dataset", "teacher", "student", "train_size", "epochs",
            "batch", "lr", "seed");

    /** Version 1's names of method settings. */
    private static final java.util.Map<String, String> LEGACY = java.util.Map.of("temperature", "kd.temperature",
            "alpha", "kd.alpha", "at_form", "at.form", "at_p", "at.p", "beta", "at.beta", "pairs", "at.pairs");

    /**
     * The controls a scenario can set, lock or hide: the exercise and the methods, the training settings, and every
     * registered method's settings as {@code METHOD.KEY}; all but the first two are also keys of "settings".
     */
    public static final List<String> CONTROLS = controls();

    private static List<String> controls() {
        List<String> c = new ArrayList<>(List.of("exercise", "methods"));
        c.addAll(TRAINING);
        for (var m : org.transferlab.transfer.TransferMethods.all()) {
            m.settings().forEach(st -> c.add(m.id() + "." + st.key()));
        }
        return List.copyOf(c);
    }

    /** A control's current name ({@code temperature} → {@code kd.temperature}). */
    public static String control(String name) {
        return LEGACY.getOrDefault(name, name);
    }

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
            if (root.has("methods")) {
                JsonNode ms = root.path("methods");
                if (!ms.isArray()) {
                    throw new IllegalArgumentException("\"methods\" must be a list such as [\"kd\", \"at\"]");
                }
                List<String> methods = new ArrayList<>();
                ms.forEach(m -> methods.add(m.asText()));
                b.methods(org.transferlab.transfer.TransferMethods.ordered(methods));
            }
            JsonNode s = root.path("settings");
            if (!s.isMissingNode() && !s.isObject()) {
                throw new IllegalArgumentException("\"settings\" must be an object");
            }
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String setting = control(key);
                if (!CONTROLS.contains(setting) || setting.equals("exercise") || setting.equals("methods")) {
                    throw new IllegalArgumentException("unknown setting \"" + key + "\"; settings are "
                            + CONTROLS.subList(2, CONTROLS.size()));
                }
                apply(b, setting, s.get(key));
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
            default -> {
                String method = key.substring(0, key.indexOf('.'));
                var setting = org.transferlab.transfer.TransferMethods.get(method).setting(key.substring(key.indexOf('.') + 1));
                Object value = MethodSettingsJson.value(method, setting, v);
                if (setting.type() == org.transferlab.transfer.Setting.Type.INTEGER && !v.isIntegralNumber()) {
                    throw new IllegalArgumentException("\"" + key + "\" must be a whole number, got " + v);
                }
                b.setExactly(method, setting.key(), value);
            }
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
            String c = control(n.asText());
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
        ArrayNode methods = root.putArray("methods");
        config.methods().forEach(methods::add);
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
        for (var e : MethodSettingsJson.write(org.transferlab.transfer.TransferMethods.ids(), config.transfer()).properties()) {
            e.getValue().properties().forEach(f -> s.set(e.getKey() + "." + f.getKey(), f.getValue()));
        }
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
