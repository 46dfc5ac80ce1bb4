package org.transferlab.ui.views;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * A numeric setting: a text field that refuses out-of-range or malformed values with a message right under
 * it (the last valid value stays in force and the Train button is disabled while any field is invalid).
 */
public final class NumberField extends VBox {
    private final TextField field = new TextField();
    private final Label message = new Label();
    private final BooleanProperty valid = new SimpleBooleanProperty(true);
    private final String name;
    private final double min;
    private final double max;
    private final boolean integer;
    private final int count;
    private double[] values;

    public NumberField(String id, String name, double initial, double min, double max, boolean integer) {
        this(id, name, new double[]{initial}, min, max, integer);
    }

    /** A field of {@code initial.length} comma-separated numbers (e.g. one weight per task), each in [min, max]. */
    public static NumberField list(String id, String name, double[] initial, double min, double max) {
        return new NumberField(id, name, initial, min, max, false);
    }

    /** The field for a setting: one number, or one per task ({@link Setting.Type#PER_TASK}), in its range. */
    public static NumberField of(String id, org.transferlab.transfer.Setting s) {
        if (s.type() == org.transferlab.transfer.Setting.Type.PER_TASK) {
            return list(id, s.label(), ((java.util.List<?>) s.defaultValue()).stream()
                    .mapToDouble(x -> ((Number) x).doubleValue()).toArray(), s.min(), s.max());
        }
        return new NumberField(id, s.label(), ((Number) s.defaultValue()).doubleValue(), s.min(), s.max(),
                s.type() == org.transferlab.transfer.Setting.Type.INTEGER);
    }

    private NumberField(String id, String name, double[] initial, double min, double max, boolean integer) {
        this.name = name;
        this.count = initial.length;
        this.min = min;
        this.max = max;
        this.integer = integer;
        this.values = initial.clone();
        field.setId(id);
        field.setPrefColumnCount(7);
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.setManaged(false);
        message.setVisible(false);
        set(initial);
        field.textProperty().addListener((o, a, b) -> check());
        getChildren().addAll(field, message);
        setSpacing(2);
    }

    private void check() {
        String[] parts = field.getText().split(",", -1);
        String problem = null;
        double[] v = new double[parts.length];
        if (parts.length != count) {
            problem = String.format(Locale.ROOT, "%s needs %d numbers separated by commas, like %s", name, count,
                    String.join(", ", java.util.Collections.nCopies(count, "1")));
        }
        for (int i = 0; i < parts.length && problem == null; i++) {
            problem = problem(parts[i].trim());
            if (problem == null) {
                v[i] = Double.parseDouble(parts[i].trim());
            }
        }
        if (problem == null) {
            values = v;
        }
        message.setText(problem == null ? "" : problem);
        message.setVisible(problem != null);
        message.setManaged(problem != null);
        valid.set(problem == null);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), problem != null);
    }

    /** What is wrong with one number of the field, or null. */
    private String problem(String t) {
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return t.isEmpty() ? name + " is empty" : "'" + t + "' is not a number";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return name + " must be a number";
        } else if (integer && v != Math.rint(v)) {
            return name + " must be a whole number";
        } else if (v < min || v > max) {
            return String.format(Locale.ROOT, "%s must be between %s and %s", name, show(min), show(max));
        }
        return null;
    }

    private String show(double v) {
        return integer || v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    public void set(double... v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(integer ? String.valueOf((long) x) : trim(x));
        }
        field.setText(sb.toString());
        check();
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** Keeps the field {@code width} wide, its message wrapping under it (for a row of fields). */
    public NumberField compact(double width) {
        field.setPrefWidth(width);
        field.setMaxWidth(width);
        setMaxWidth(Math.max(width, 200));
        message.setMaxWidth(Math.max(width, 200));
        return this;
    }

    /** The (first) number, as last valid. */
    public double value() {
        return values[0];
    }

    /** All the numbers of a list field, as last valid. */
    public double[] values() {
        return values.clone();
    }

    public BooleanProperty validProperty() {
        return valid;
    }

    public TextField field() {
        return field;
    }

    public String message() {
        return message.getText();
    }
}
