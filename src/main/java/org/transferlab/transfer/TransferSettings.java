package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of every registered method's settings (each method's defaults unless changed), by method id and
 * setting key. Immutable; every value is checked against its {@link Setting} when set.
 */
public final class TransferSettings {
    private final Map<String, Map<String, Object>> values;

    private TransferSettings(Map<String, Map<String, Object>> values) {
        this.values = values;
    }

    /** Every method's defaults. */
    public static TransferSettings defaults() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (TransferMethod t : TransferMethods.all()) {
            Map<String, Object> v = new LinkedHashMap<>();
            t.settings().forEach(s -> v.put(s.key(), s.defaultValue()));
            m.put(t.id(), v);
        }
        return new TransferSettings(m);
    }

    /** One method's values, for its factory. */
    public Values of(String method) {
        TransferMethods.get(method);
        return new Values(method, Map.copyOf(values.get(method)));
    }

    public Object get(String method, String key) {
        TransferMethods.get(method).setting(key);
        return values.get(method).get(key);
    }

    public double number(String method, String key) {
        return ((Number) get(method, key)).doubleValue();
    }

    /** A copy with {@code method.key} set to {@code value} (checked, and a choice's presets applied). */
    public TransferSettings with(String method, String key, Object value) {
        Setting s = TransferMethods.get(method).setting(key);
        Object v = s.check(method, value);
        Map<String, Map<String, Object>> m = copy();
        m.get(method).put(key, v);
        Map<String, Object> preset = s.presets().get(String.valueOf(v));
        if (preset != null) {
            preset.forEach((k, pv) -> m.get(method).put(k, pv));
        }
        return new TransferSettings(m);
    }

    /** As {@link #with}, but the value keeps what the user typed for the other settings: no presets applied. */
    public TransferSettings withExactly(String method, String key, Object value) {
        Setting s = TransferMethods.get(method).setting(key);
        Map<String, Map<String, Object>> m = copy();
        m.get(method).put(key, s.check(method, value));
        return new TransferSettings(m);
    }

    /**
     * A copy with {@code assignment} ({@code METHOD.KEY=VALUE}, as on the command line) applied, presets
     * included: apply choices before the settings they preset.
     */
    public TransferSettings set(String assignment) {
        int eq = assignment.indexOf('=');
        int dot = assignment.indexOf('.');
        if (eq < 0 || dot < 0 || dot > eq) {
            throw new IllegalArgumentException("--set needs METHOD.KEY=VALUE (e.g. kd.temperature=4), got '"
                    + assignment + "'");
        }
        String method = assignment.substring(0, dot).trim();
        String key = assignment.substring(dot + 1, eq).trim();
        Setting s = TransferMethods.get(method).setting(key);
        return with(method, key, s.parse(method, assignment.substring(eq + 1)));
    }

    /**
     * The settings as written to a file or another process: {@link #defaults()} with {@code values} applied (an
     * object per method, each setting checked).
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static TransferSettings of(Map<String, Map<String, Object>> values) {
        TransferSettings t = defaults();
        for (var m : values.entrySet()) {
            for (var e : m.getValue().entrySet()) {
                t = t.withExactly(m.getKey(), e.getKey(), e.getValue());
            }
        }
        return t;
    }

    /** Every value, by method then key (for writing a run's config, and for {@link #of}). */
    @com.fasterxml.jackson.annotation.JsonValue
    public Map<String, Map<String, Object>> asMap() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, Map.copyOf(v)));
        return m;
    }

    private Map<String, Map<String, Object>> copy() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, new LinkedHashMap<>(v)));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferSettings t && t.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** One method's setting values, typed. */
    public record Values(String method, Map<String, Object> values) {
        public double number(String key) {
            return ((Number) require(key)).doubleValue();
        }

        public int integer(String key) {
            return ((Number) require(key)).intValue();
        }

        public String text(String key) {
            return String.valueOf(require(key));
        }

        @SuppressWarnings("unchecked")
        public List<String> points(String key) {
            return (List<String>) require(key);
        }

        private Object require(String key) {
            Object v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("method " + method + " has no setting '" + key + "'");
            }
            return v;
        }
    }
}
