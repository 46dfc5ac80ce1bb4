package org.transferlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.transferlab.io.Json;
import org.transferlab.transfer.Setting;
import org.transferlab.transfer.TransferMethod;
import org.transferlab.transfer.TransferMethods;
import org.transferlab.transfer.TransferSettings;

/**
 * Method settings in files ({@code config.json}, scenarios): an object per method holding its settings by key,
 * e.g. {@code {"kd": {"temperature": 4, "alpha": 0.5}}}, read and written from the registry's declarations.
 */
public final class MethodSettingsJson {
    private MethodSettingsJson() {
    }

    /** The settings of {@code methods}, as an object per method. */
    public static ObjectNode write(List<String> methods, TransferSettings settings) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        for (String id : methods) {
            ObjectNode m = n.putObject(id);
            for (Setting s : TransferMethods.get(id).settings()) {
                Object v = settings.get(id, s.key());
                if (v instanceof Number num && s.type() == Setting.Type.INTEGER) {
                    m.put(s.key(), num.intValue());
                } else if (v instanceof Number num) {
                    m.put(s.key(), num.doubleValue());
                } else if (v instanceof List<?> l) {
                    l.forEach(x -> m.withArray(s.key()).add(String.valueOf(x)));
                } else {
                    m.put(s.key(), String.valueOf(v));
                }
            }
        }
        return n;
    }

    /**
     * {@code base} with the values of {@code node} (an object per method) applied exactly; an unknown method or
     * setting, or a value out of range, is an {@link IllegalArgumentException} naming it.
     */
    public static TransferSettings read(JsonNode node, TransferSettings base) {
        TransferSettings t = base;
        if (node == null || node.isMissingNode() || node.isNull()) {
            return t;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("settings must be an object per method, e.g. {\"kd\": {\"alpha\": 0.5}}");
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var m = it.next();
            TransferMethod method = TransferMethods.get(m.getKey());
            if (!m.getValue().isObject()) {
                throw new IllegalArgumentException("settings of " + method.id() + " must be an object");
            }
            for (var f = m.getValue().fields(); f.hasNext(); ) {
                var e = f.next();
                Setting s = method.setting(e.getKey());
                t = t.withExactly(method.id(), s.key(), value(method.id(), s, e.getValue()));
            }
        }
        return t;
    }

    /** One setting's value from JSON, checked against its type. */
    public static Object value(String method, Setting s, JsonNode v) {
        switch (s.type()) {
            case NUMBER, INTEGER -> {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException(method + "." + s.key() + " must be a number, got " + v);
                }
                return v.doubleValue();
            }
            case POINTS -> {
                if (!v.isArray()) {
                    throw new IllegalArgumentException(method + "." + s.key() + " must be a list such as [\"group1\"], got " + v);
                }
                List<String> l = new ArrayList<>();
                v.forEach(x -> l.add(x.asText()));
                return l;
            }
            default -> {
                if (!v.isTextual()) {
                    throw new IllegalArgumentException(method + "." + s.key() + " must be text, got " + v);
                }
                return v.asText();
            }
        }
    }

    /** The settings of a run folder written before the registry (flat keys: temperature, alpha, at_form, ...). */
    public static TransferSettings readLegacy(JsonNode c, TransferSettings base) {
        TransferSettings t = base;
        if (c.has("temperature")) {
            t = t.withExactly("kd", "temperature", c.path("temperature").asDouble());
        }
        if (c.has("alpha")) {
            t = t.withExactly("kd", "alpha", c.path("alpha").asDouble());
        }
        if (c.has("at_form")) {
            t = t.withExactly("at", "form", c.path("at_form").asText());
        }
        if (c.has("at_p")) {
            t = t.withExactly("at", "p", c.path("at_p").asDouble());
        }
        if (c.has("beta")) {
            t = t.withExactly("at", "beta", c.path("beta").asDouble());
        }
        if (c.has("pairs")) {
            List<String> pairs = new ArrayList<>();
            c.path("pairs").forEach(p -> pairs.add(p.asText()));
            t = t.withExactly("at", "pairs", pairs);
        }
        return t;
    }

    /** One setting of a run folder's parsed {@code config.json}, new format or old, as text ("" if absent). */
    public static String setting(JsonNode config, String method, String key) {
        JsonNode v = config.path("settings").path(method).path(key);
        if (v.isMissingNode()) {
            String legacy = switch (method + "." + key) {
                case "kd.temperature" -> "temperature";
                case "kd.alpha" -> "alpha";
                case "at.beta" -> "beta";
                case "at.p" -> "at_p";
                case "at.form" -> "at_form";
                default -> null;
            };
            v = legacy == null ? v : config.path(legacy);
        }
        return v.isMissingNode() || v.isNull() ? "" : v.isArray() ? String.join(",", toList(v)) : v.asText();
    }

    private static List<String> toList(JsonNode a) {
        List<String> l = new ArrayList<>();
        a.forEach(x -> l.add(x.asText()));
        return l;
    }
}
