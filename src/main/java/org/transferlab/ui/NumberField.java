package org.transferlab.ui;

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
    private double value;

    public NumberField(String id, String name, double initial, double min, double max, boolean integer) {
        this.name = name;
        this.min = min;
        this.max = max;
        this.integer = integer;
        this.value = initial;
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
        String t = field.getText().trim();
        String problem = null;
        double v = Double.NaN;
        try {
            v = Double.parseDouble(t);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                problem = name + " must be a number";
            } else if (integer && v != Math.rint(v)) {
                problem = name + " must be a whole number";
            } else if (v < min || v > max) {
                problem = String.format(Locale.ROOT, "%s must be between %s and %s", name, show(min), show(max));
            }
        } catch (NumberFormatException e) {
            problem = t.isEmpty() ? name + " is empty" : "'" + t + "' is not a number";
        }
        if (problem == null) {
            value = v;
        }
        message.setText(problem == null ? "" : problem);
        message.setVisible(problem != null);
        message.setManaged(problem != null);
        valid.set(problem == null);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), problem != null);
    }

    private String show(double v) {
        return integer || v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    public void set(double v) {
        field.setText(integer ? String.valueOf((long) v) : trim(v));
        check();
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    public double value() {
        return value;
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
