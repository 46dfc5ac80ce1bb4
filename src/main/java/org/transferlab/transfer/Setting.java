package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One knob of a transfer method, described well enough that every surface can be generated from it: the
 * app's field (label, tooltip, range, unit), the CLI's {@code --set METHOD.KEY=VALUE} and its help, scenario
 * keys, {@code config.json}, and the {@code methods} listing.
 *
 * @param key         the name in files and on the command line, e.g. {@code temperature}
 * @param label       the field's label in the app, e.g. {@code Temperature T}
 * @param description one line saying what it does (the tooltip and the help text)
 * @param type        what kind of value it takes
 * @param defaultValue the default: a {@link Double} for numbers, an {@link Integer} for integers, a
 *                    {@link String} for choices and points, a {@code List<String>} for point lists
 * @param min         the smallest number allowed (numbers and integers)
 * @param max         the largest number allowed (numbers and integers)
 * @param choices     the allowed values of a choice
 * @param unit        shown after the value (may be empty)
 * @param presets     for a choice: the other settings of the same method each choice resets (e.g. AT's form sets
 *                    p and β to that form's defaults)
 * @param slider      for a number: the range of the app's slider beside its field, or null for a field alone
 */
public record Setting(String key, String label, String description, Type type, Object defaultValue, double min,
                      double max, List<String> choices, String unit, Map<String, Map<String, Object>> presets,
                      double[] slider) {

    /** What kind of value a setting takes. */
    public enum Type {
        /** a real number in [min, max] */
        NUMBER,
        /** a whole number in [min, max] */
        INTEGER,
        /** one of {@link #choices} */
        CHOICE,
        /** one or more of the feature points both networks have ({@code group1}…), comma-separated */
        POINTS,
        /** one of the student's feature points */
        STUDENT_POINT,
        /** one of the teacher's feature points */
        TEACHER_POINT,
        /** one number per task, each in [min, max], comma-separated (multi-task weightings) */
        PER_TASK
    }

    public Setting {
        choices = List.copyOf(choices);
        presets = Map.copyOf(presets);
        unit = unit == null ? "" : unit;
    }

    public static Setting number(String key, String label, String description, double def, double min, double max) {
        return new Setting(key, label, description, Type.NUMBER, def, min, max, List.of(), "", Map.of(), null);
    }

    public static Setting integer(String key, String label, String description, int def, int min, int max) {
        return new Setting(key, label, description, Type.INTEGER, def, min, max, List.of(), "", Map.of(), null);
    }

    public static Setting choice(String key, String label, String description, String def, List<String> choices) {
        return new Setting(key, label, description, Type.CHOICE, def, 0, 0, choices, "", Map.of(), null);
    }

    public static Setting points(String key, String label, String description, List<String> def) {
        return new Setting(key, label, description, Type.POINTS, List.copyOf(def), 0, 0, List.of(), "", Map.of(), null);
    }

    public static Setting studentPoint(String key, String label, String description, String def) {
        return new Setting(key, label, description, Type.STUDENT_POINT, def, 0, 0, List.of(), "", Map.of(), null);
    }

    public static Setting teacherPoint(String key, String label, String description, String def) {
        return new Setting(key, label, description, Type.TEACHER_POINT, def, 0, 0, List.of(), "", Map.of(), null);
    }

    /** One number per task in [min, max], e.g. the fixed weights w₁, w₂. */
    public static Setting perTask(String key, String label, String description, List<Double> def, double min,
                                  double max) {
        return new Setting(key, label, description, Type.PER_TASK, List.copyOf(def), min, max, List.of(), "",
                Map.of(), null);
    }

    /** This number with a slider from {@code lo} to {@code hi} beside its field in the app (the field still takes [min, max]). */
    public Setting withSlider(double lo, double hi) {
        return new Setting(key, label, description, type, defaultValue, min, max, choices, unit, presets,
                new double[]{lo, hi});
    }

    /** This setting with a unit shown after its value. */
    public Setting withUnit(String u) {
        return new Setting(key, label, description, type, defaultValue, min, max, choices, u, presets, slider);
    }

    /** This choice with the values each choice resets other settings to. */
    public Setting withPresets(Map<String, Map<String, Object>> p) {
        return new Setting(key, label, description, type, defaultValue, min, max, choices, unit, p, slider);
    }

    /**
     * The value {@code text} stands for, checked against the type and range; throws
     * {@link IllegalArgumentException} with one line naming {@code owner.key} and what is allowed.
     */
    public Object parse(String owner, String text) {
        String t = text == null ? "" : text.trim();
        switch (type) {
            case NUMBER -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(owner + "." + key + ": '" + t + "' is not a number; " + range());
                }
                return check(owner, v);
            }
            case INTEGER -> {
                int v;
                try {
                    v = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(owner + "." + key + ": '" + t + "' is not a whole number; "
                            + range());
                }
                return check(owner, v);
            }
            case PER_TASK -> {
                List<Double> out = new ArrayList<>();
                for (String s : t.split(",")) {
                    try {
                        out.add(Double.parseDouble(s.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(owner + "." + key + ": '" + s.trim()
                                + "' is not a number; " + range());
                    }
                }
                return check(owner, out);
            }
            case POINTS -> {
                List<String> out = new ArrayList<>();
                for (String s : t.split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
                return check(owner, out);
            }
            default -> {
                return check(owner, t);
            }
        }
    }

    /** {@code value} if it suits this setting (numbers in range, choices among the choices), else throws. */
    public Object check(String owner, Object value) {
        String name = owner + "." + key;
        switch (type) {
            case NUMBER, INTEGER -> {
                if (!(value instanceof Number n)) {
                    throw new IllegalArgumentException(name + " must be a number, got " + value);
                }
                double v = n.doubleValue();
                if (type == Type.INTEGER && v != Math.rint(v)) {
                    throw new IllegalArgumentException(name + " must be a whole number, got " + value);
                }
                if (!(v >= min && v <= max)) {
                    throw new IllegalArgumentException(name + " must be " + range() + ", got " + format(v));
                }
                return type == Type.INTEGER ? (Object) (int) v : (Object) v;
            }
            case PER_TASK -> {
                if (!(value instanceof List<?> l) || l.isEmpty() || !l.stream().allMatch(x -> x instanceof Number)) {
                    throw new IllegalArgumentException(name + " must be one number per task, got " + value);
                }
                List<Double> out = l.stream().map(x -> ((Number) x).doubleValue()).toList();
                for (double v : out) {
                    if (!(v >= min && v <= max)) {
                        throw new IllegalArgumentException(name + ": every number must be " + range().substring(
                                range().indexOf("between")) + ", got " + format(out));
                    }
                }
                return out;
            }
            case CHOICE -> {
                String s = String.valueOf(value).toLowerCase(Locale.ROOT);
                if (!choices.contains(s)) {
                    throw new IllegalArgumentException(name + ": '" + value + "' is not one of " + choices);
                }
                return s;
            }
            case POINTS -> {
                if (!(value instanceof List<?> l)) {
                    throw new IllegalArgumentException(name + " must be a list of feature points, got " + value);
                }
                if (l.isEmpty()) {
                    throw new IllegalArgumentException(name + " needs at least one feature point (e.g. group2)");
                }
                return l.stream().map(String::valueOf).toList();
            }
            default -> {
                String s = String.valueOf(value);
                if (s.isBlank()) {
                    throw new IllegalArgumentException(name + " needs a feature point (e.g. group2)");
                }
                return s;
            }
        }
    }

    /** "between 0 and 1", "one of [...]": what the setting allows, for messages and help. */
    public String range() {
        return switch (type) {
            case NUMBER, INTEGER -> "between " + format(min) + " and " + format(max);
            case CHOICE -> "one of " + String.join(", ", choices);
            case POINTS -> "feature points both networks have, comma-separated";
            case STUDENT_POINT -> "a feature point of the student";
            case TEACHER_POINT -> "a feature point of the teacher";
            case PER_TASK -> "one number per task, comma-separated, each between " + format(min) + " and "
                    + format(max);
        };
    }

    /** A value as written in files, help texts and on the command line. */
    public static String format(Object v) {
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            return String.valueOf(d);
        }
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(Setting::format).toList());
        }
        return String.valueOf(v);
    }
}
