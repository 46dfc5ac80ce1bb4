package org.transferlab.ui.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.transferlab.transfer.Setting;

/**
 * The app's field for one setting of a transfer method, generated from its {@link Setting}: a number field
 * (with a slider where the setting declares one) that refuses values out of range at the field, a choice box,
 * check boxes for feature points both networks have, or a box of one network's feature points.
 */
public final class MethodSettingField extends VBox {
    private final String method;
    private final Setting setting;
    private NumberField number;
    private Slider slider;
    private ComboBox<String> choice;
    private final Map<String, CheckBox> points = new LinkedHashMap<>();
    private final FlowPane pointBoxes = new FlowPane(10, 4);
    private List<String> wantedPoints;

    public MethodSettingField(String method, Setting setting) {
        this.method = method;
        this.setting = setting;
        setSpacing(2);
        Tooltip tip = new Tooltip(setting.description() + " (" + setting.range() + ")");
        switch (setting.type()) {
            case NUMBER, INTEGER, PER_TASK -> {
                number = NumberField.of(method + "-" + setting.key(), setting);
                number.field().setTooltip(tip);
                if (setting.slider() != null) {
                    double[] r = setting.slider();
                    slider = new Slider(r[0], r[1], ((Number) setting.defaultValue()).doubleValue());
                    slider.setId(method + "-" + setting.key() + "-slider");
                    double step = (r[1] - r[0]) <= 1 ? 0.05 : 0.5;
                    slider.valueProperty().addListener((o, a, b) -> {
                        if (slider.isValueChanging() || slider.isFocused() || slider.isPressed()) {
                            number.set(Math.round(b.doubleValue() / step) * step);
                        }
                    });
                    number.field().textProperty().addListener((o, a, b) -> {
                        if (number.validProperty().get() && number.value() >= r[0] && number.value() <= r[1]) {
                            slider.setValue(number.value());
                        }
                    });
                    getChildren().add(slider);
                }
                getChildren().add(number);
            }
            case CHOICE -> {
                choice = new ComboBox<>();
                choice.getItems().setAll(setting.choices());
                choice.setValue(String.valueOf(setting.defaultValue()));
                choice.setId(method + "-" + setting.key());
                choice.setTooltip(tip);
                getChildren().add(choice);
            }
            case POINTS -> {
                @SuppressWarnings("unchecked")
                List<String> def = (List<String>) setting.defaultValue();
                wantedPoints = new ArrayList<>(def);
                Tooltip.install(pointBoxes, tip);
                getChildren().add(pointBoxes);
            }
            case STUDENT_POINT, TEACHER_POINT -> {
                choice = new ComboBox<>();
                choice.setValue(String.valueOf(setting.defaultValue()));
                choice.setId(method + "-" + setting.key());
                choice.setTooltip(tip);
                getChildren().add(choice);
            }
        }
        if (!setting.unit().isEmpty()) {
            getChildren().add(new Label(setting.unit()));
        }
    }

    /** The number field, for numeric settings (its validity disables Train while wrong). */
    public Optional<NumberField> number() {
        return Optional.ofNullable(number);
    }

    /** Calls {@code c} with the new value whenever a choice changes (for presets). */
    public void onChoice(Consumer<String> c) {
        if (choice != null && setting.type() == Setting.Type.CHOICE) {
            choice.valueProperty().addListener((o, a, v) -> {
                if (v != null) {
                    c.accept(v);
                }
            });
        }
    }

    /**
     * Offers the feature points of the networks chosen now: the attention points both have (for point lists)
     * and each network's features (for single points); a value no longer offered falls back to the first.
     */
    public void points(List<String> common, List<String> studentFeatures, List<String> teacherFeatures) {
        switch (setting.type()) {
            case POINTS -> {
                List<String> keep = new ArrayList<>(wantedPoints);
                points.clear();
                for (String p : common) {
                    CheckBox c = new CheckBox(p);
                    c.setId(method + "-" + p);
                    c.setSelected(keep.contains(p));
                    c.selectedProperty().addListener((o, a, v) -> {
                        if (v && !wantedPoints.contains(p)) {
                            wantedPoints.add(p);
                        } else if (!v) {
                            wantedPoints.remove(p);
                        }
                    });
                    points.put(p, c);
                }
                pointBoxes.getChildren().setAll(points.values());
                if (common.isEmpty()) {
                    pointBoxes.getChildren().setAll(new Label("(no attention point on both networks)"));
                }
            }
            case STUDENT_POINT, TEACHER_POINT -> {
                List<String> offered = setting.type() == Setting.Type.STUDENT_POINT ? studentFeatures : teacherFeatures;
                String v = choice.getValue();
                choice.getItems().setAll(offered);
                choice.setValue(offered.contains(v) ? v : offered.isEmpty() ? null : offered.get(0));
            }
            default -> {
            }
        }
    }

    /** The value as the setting takes it; throws naming the setting when there is none. */
    public Object value() {
        return switch (setting.type()) {
            case NUMBER -> number.value();
            case INTEGER -> (int) number.value();
            case PER_TASK -> setting.check(method, java.util.Arrays.stream(number.values()).boxed().toList());
            case POINTS -> {
                List<String> chosen = points.keySet().stream().filter(k -> points.get(k).isSelected()).toList();
                yield setting.check(method, points.isEmpty() ? wantedPoints : chosen);
            }
            default -> setting.check(method, choice.getValue() == null ? "" : choice.getValue());
        };
    }

    /** Shows {@code v} (from a scenario or a preset). */
    public void setValue(Object v) {
        switch (setting.type()) {
            case NUMBER, INTEGER -> number.set(((Number) v).doubleValue());
            case PER_TASK -> number.set(((List<?>) v).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray());
            case POINTS -> {
                wantedPoints = new ArrayList<>(((List<?>) v).stream().map(String::valueOf).toList());
                points.forEach((k, c) -> c.setSelected(wantedPoints.contains(k)));
            }
            default -> choice.setValue(String.valueOf(v));
        }
    }

    public Setting setting() {
        return setting;
    }
}
