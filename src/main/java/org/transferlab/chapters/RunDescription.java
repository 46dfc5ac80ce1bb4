package org.transferlab.chapters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as Compare runs shows it, read by its chapter from {@code config.json}.
 *
 * @param label    what it trained, in a few characters ({@code kd+at}, {@code l2t-ww-n10}, {@code mtl-q2})
 * @param methods  part 1's transfer methods (empty elsewhere)
 * @param settings the settings that tell its runs apart, in order ({@code kd.temperature → 4})
 * @param model    the network trained
 * @param tasks    the names of its tasks when it has two or more (their accuracies are kept apart), else empty
 * @param xUnit    what the curves' x axis counts: {@code epoch}, or {@code step} where an "epoch" row is an
 *                 evaluation after so many steps
 */
public record RunDescription(String label, List<String> methods, Map<String, String> settings, String model,
                             List<String> tasks, String xUnit) {
    public RunDescription {
        methods = List.copyOf(methods);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        tasks = List.copyOf(tasks);
    }

    /** The label (config's {@code label}, else its exercise) and model; no settings. */
    public static RunDescription generic(JsonNode config) {
        return new RunDescription(config.path("label").asText(config.path("exercise").asText("?")), List.of(),
                Map.of(), config.path("trained_model").asText("?"), List.of(), "epoch");
    }

    /** The named fields of {@code config}, as text, in the order given (absent ones left out). */
    public static Map<String, String> fields(JsonNode config, String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            JsonNode v = config.path(n);
            if (!v.isMissingNode() && !v.isNull()) {
                String s = v.isArray() || v.isObject() ? v.toString()
                        : v.isFloatingPointNumber() ? java.math.BigDecimal.valueOf(v.asDouble()).stripTrailingZeros().toPlainString()
                        : v.asText();
                m.put(n, s.endsWith(".0") ? s.substring(0, s.length() - 2) : s);
            }
        }
        return m;
    }

    public RunDescription withTasks(List<String> names) {
        return new RunDescription(label, methods, settings, model, names, xUnit);
    }
}
