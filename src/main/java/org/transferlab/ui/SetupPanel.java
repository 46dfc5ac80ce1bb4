package org.transferlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import org.transferlab.ui.views.MethodSettingField;
import org.transferlab.ui.views.NumberField;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.ModelInfo;
import org.transferlab.engine.Scenario;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.transfer.Setting;
import org.transferlab.transfer.TransferMethod;
import org.transferlab.transfer.TransferMethods;
import org.transferlab.transfer.TransferSettings;

/**
 * The set-up: models (with parameter counts and attention points), the exercise or one switch per transfer
 * method, and every setting, each refusing impossible values at the field. The methods' switches and sections
 * are generated from the registry ({@link TransferMethods}): a new method appears here with its settings
 * without a change to this class. Scenarios fill it and may lock or hide controls.
 */
public final class SetupPanel extends VBox {
    private final ComboBox<Exercise> exercise = new ComboBox<>();
    /** One switch per transfer method of the registry, by id. */
    private final Map<String, ToggleSwitch> switches = new LinkedHashMap<>();
    private final ComboBox<DatasetId> dataset = new ComboBox<>();
    private final ComboBox<DataKind> data = new ComboBox<>();
    private final ComboBox<String> teacher = new ComboBox<>();
    private final ComboBox<String> student = new ComboBox<>();
    private final ComboBox<String> teacherWeights = new ComboBox<>();
    private final Label teacherInfo = new Label();
    private final Label studentInfo = new Label();
    /** The generated field of each method setting, by {@code METHOD.KEY}. */
    private final Map<String, MethodSettingField> methodFields = new LinkedHashMap<>();
    private final NumberField lr = new NumberField("lr", "learning rate", 1e-3, 1e-6, 1, false);
    private final NumberField epochs = new NumberField("epochs", "epochs", 100, 1, 10000, true);
    private final NumberField batch = new NumberField("batch", "batch", 128, 1, 4096, true);
    private final NumberField trainSize = new NumberField("train-size", "training images", 1000, 0, 60000, true);
    private final NumberField seed = new NumberField("seed", "seed", 0, 0, Integer.MAX_VALUE, true);
    private final Label problem = new Label();
    private final Map<String, List<Node>> controls = new LinkedHashMap<>();
    private final Map<String, Path> sessionTeachers = new LinkedHashMap<>();
    private final List<NumberField> numbers = new ArrayList<>();
    private final BooleanBinding allValid;
    private final GridPane grid = new GridPane();
    private int row;

    public SetupPanel() {
        exercise.getItems().setAll(Exercise.values());
        exercise.setId("exercise");
        exercise.setValue(Exercise.Q2);
        exercise.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Exercise e) {
                return e == null ? "" : e == Exercise.STUDENT ? "Your choice · the methods switched on below"
                        : (e == Exercise.TEACHER ? "Teacher" : e.id().toUpperCase()) + " · " + e.description();
            }

            @Override
            public Exercise fromString(String s) {
                return null;
            }
        });
        for (TransferMethod m : TransferMethods.transfer()) {
            ToggleSwitch t = new ToggleSwitch(m.name());
            t.setId(m.id() + "-switch");
            t.setTooltip(new Tooltip(m.summary() + " · " + m.citation()));
            switches.put(m.id(), t);
        }
        dataset.getItems().setAll(DatasetId.values());
        dataset.setValue(DatasetId.FASHION_MNIST);
        dataset.setConverter(converter(d -> d == DatasetId.MNIST ? "MNIST digits" : "Fashion-MNIST"));
        data.getItems().setAll(DataKind.EMBEDDED, DataKind.FULL);
        data.setValue(DataKind.EMBEDDED);
        data.setConverter(converter(k -> k == DataKind.EMBEDDED ? "embedded" : "full"));
        data.setTooltip(new Tooltip("embedded: the subset shipped inside TransferLab (always there); full: the "
                + "complete data set from " + org.transferlab.data.DatasetLocator.defaultUserDataRoot()
                + (org.transferlab.data.DatasetLocator.defaultSystemRoot() == null ? ""
                : " or " + org.transferlab.data.DatasetLocator.defaultSystemRoot())));
        teacher.getItems().setAll(ModelInfo.names());
        student.getItems().setAll(ModelInfo.names());
        teacher.setValue("cnn-large");
        student.setValue("cnn-small");
        teacher.setId("teacher");
        student.setId("student");
        teacherWeights.setId("teacher-weights");
        exercise.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the exercise's name is never cut
        teacherWeights.getItems().setAll("shipped (pre-trained)");
        teacherWeights.setValue("shipped (pre-trained)");
        grid.setHgap(8);
        grid.setVgap(0); // spacing by margins instead: a hidden row (scenario) then leaves no gap
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // as wide as its longest label, at any type size
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        heading("Models");
        add("dataset", "Data set", new HBox(6, dataset, data));
        add("teacher", "Teacher", new VBox(3, new HBox(6, teacher, layersButton(teacher)), teacherInfo));
        add("teacher", "Teacher weights", teacherWeights);
        add("student", "Student", new VBox(3, new HBox(6, student, layersButton(student)), studentInfo));
        heading("Exercise");
        add("exercise", "Exercise", exercise);
        add("exercise", "Methods", new VBox(4, switches.values().toArray(new Node[0])));
        for (TransferMethod m : TransferMethods.transfer()) {
            List<String> keys = m.settings().stream().map(st -> m.id() + "." + st.key()).toList();
            heading(m.name(), keys.toArray(String[]::new));
            for (Setting st : m.settings()) {
                MethodSettingField f = new MethodSettingField(m.id(), st);
                methodFields.put(m.id() + "." + st.key(), f);
                f.number().ifPresent(numbers::add);
                add(m.id() + "." + st.key(), st.label(), f);
                f.onChoice(v -> st.presets().getOrDefault(v, Map.of()).forEach((k, pv) ->
                        methodFields.get(m.id() + "." + k).setValue(pv)));
            }
        }
        heading("Training");
        add("lr", "learning rate", lr);
        add("epochs", "epochs", epochs);
        add("batch", "batch size", batch);
        add("train_size", "training images", trainSize);
        add("seed", "seed", seed);
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        getChildren().addAll(grid, problem);
        setPadding(new Insets(8));
        setSpacing(6);
        getStyleClass().add("setup");

        numbers.addAll(List.of(lr, epochs, batch, trainSize, seed));
        BooleanBinding b = Bindings.createBooleanBinding(() -> true);
        for (NumberField f : numbers) {
            b = b.and(f.validProperty());
        }
        allValid = b;
        exercise.valueProperty().addListener((o, a, v) -> syncSwitches());
        switches.values().forEach(t -> t.selectedProperty().addListener((o, a, v) -> syncExercise()));
        teacher.valueProperty().addListener((o, a, v) -> describe());
        student.valueProperty().addListener((o, a, v) -> describe());
        syncSwitches();
        describe();
    }

    private static <T> javafx.util.StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private Button layersButton(ComboBox<String> model) {
        Button b = new Button("Layers…");
        b.setOnAction(e -> showLayers(model.getValue()));
        return b;
    }

    private void showLayers(String name) {
        ModelInfo info = ModelInfo.of(name);
        TableView<String[]> t = new TableView<>();
        String[] titles = {"layer", "what", "output"};
        for (int i = 0; i < 3; i++) {
            final int k = i;
            TableColumn<String[], String> c = new TableColumn<>(titles[i]);
            c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(d.getValue()[k]));
            t.getColumns().add(c);
        }
        t.getItems().setAll(info.layers());
        t.setPrefSize(520, 360);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(name);
        a.setHeaderText(name + ": " + info.summary() + String.format(" · %,d parameters", info.parameters()));
        a.getDialogPane().setContent(t);
        a.show();
    }

    private void heading(String text, String... sectionControls) {
        Label l = new Label(text);
        l.getStyleClass().add("setup-heading");
        GridPane.setMargin(l, new Insets(3, 0, 3, 0));
        grid.add(l, 0, row++, 2, 1);
        if (sectionControls.length > 0) {
            headings.put(l, List.of(sectionControls));
        }
    }

    private final Map<Label, List<String>> headings = new LinkedHashMap<>();

    private void add(String control, String label, Node node) {
        Label l = new Label(label);
        GridPane.setMargin(l, new Insets(3, 0, 3, 0));
        GridPane.setMargin(node, new Insets(3, 0, 3, 0));
        grid.add(l, 0, row);
        grid.add(node, 1, row++);
        controls.computeIfAbsent(control, k -> new ArrayList<>()).addAll(List.of(l, node));
    }

    private boolean syncing;

    private void syncSwitches() {
        if (syncing) {
            return;
        }
        syncing = true;
        Exercise e = exercise.getValue();
        if (e != Exercise.STUDENT) {
            switches.forEach((id, t) -> t.setSelected(e.methods().contains(id)));
        }
        enableSections();
        switches.values().forEach(t -> t.setDisable(e == Exercise.TEACHER || locked("exercise") || locked("methods")));
        student.setDisable(e == Exercise.TEACHER || locked("student"));
        syncing = false;
    }

    private void syncExercise() {
        if (syncing || exercise.getValue() == Exercise.TEACHER) {
            return;
        }
        syncing = true;
        exercise.setValue(Exercise.forMethods(selectedMethods()));
        enableSections();
        syncing = false;
    }

    /** The methods switched on, in registry order. */
    public List<String> selectedMethods() {
        List<String> on = new ArrayList<>();
        switches.forEach((id, t) -> {
            if (t.isSelected()) {
                on.add(id);
            }
        });
        return on;
    }

    /** Switches exactly these methods on (the exercise follows). */
    public void selectMethods(List<String> methods) {
        switches.forEach((id, t) -> t.setSelected(methods.contains(id)));
    }

    /** Greys out the settings of methods that are switched off (scenario locks stay). */
    private void enableSections() {
        boolean teacherRun = exercise.getValue() == Exercise.TEACHER;
        methodFields.forEach((k, f) -> {
            boolean on = !teacherRun && switches.get(k.substring(0, k.indexOf('.'))).isSelected();
            controls.getOrDefault(k, List.of()).forEach(n -> n.setDisable(!on || locked(k)));
        });
    }

    private boolean locked(String control) {
        return lockedControls.contains(control);
    }

    private final java.util.Set<String> lockedControls = new java.util.HashSet<>();

    private void describe() {
        teacherInfo.setWrapText(true);
        studentInfo.setWrapText(true);
        teacherInfo.getStyleClass().add("model-info");
        studentInfo.getStyleClass().add("model-info");
        teacherInfo.setText(info(teacher.getValue()));
        studentInfo.setText(info(student.getValue()));
        ModelInfo t = teacher.getValue() == null ? null : ModelInfo.of(teacher.getValue());
        ModelInfo st = student.getValue() == null ? null : ModelInfo.of(student.getValue());
        List<String> common = new ArrayList<>();
        if (t != null && st != null) {
            st.attentionPoints().keySet().stream().filter(t.attentionPoints()::containsKey).forEach(common::add);
        }
        List<String> studentFeatures = st == null ? List.of() : List.copyOf(st.features().keySet());
        List<String> teacherFeatures = t == null ? List.of() : List.copyOf(t.features().keySet());
        methodFields.values().forEach(f -> f.points(common, studentFeatures, teacherFeatures));
    }

    private static String info(String name) {
        if (name == null) {
            return "";
        }
        ModelInfo m = ModelInfo.of(name);
        String points = m.attentionPoints().isEmpty() ? "no attention points"
                : "attention: " + String.join(", ", m.attentionPoints().entrySet().stream().map(e -> e.getKey() + " "
                + e.getValue()[0] + "×" + e.getValue()[1] + "×" + e.getValue()[2]).toList());
        return String.format("%,d parameters · %s", m.parameters(), points);
    }

    public ComboBox<Exercise> exerciseBox() {
        return exercise;
    }

    public BooleanBinding validBinding() {
        return allValid;
    }

    /** Registers a teacher trained in this session as a choice of teacher weights. */
    public void addSessionTeacher(String label, Path checkpoint) {
        sessionTeachers.put(label, checkpoint);
        teacherWeights.getItems().add(label);
    }

    /** The run these settings describe, or null with the reason shown under the fields. */
    public TrainingConfig config() {
        problem.setText("");
        for (NumberField f : numbers) {
            if (!f.validProperty().get()) {
                problem.setText("Fix the highlighted field first: " + f.message());
                return null;
            }
        }
        Exercise e = exercise.getValue();
        TransferSettings transfer = TransferSettings.defaults();
        try {
            for (var f : methodFields.entrySet()) {
                String k = f.getKey();
                transfer = transfer.withExactly(k.substring(0, k.indexOf('.')), k.substring(k.indexOf('.') + 1),
                        f.getValue().value());
            }
        } catch (IllegalArgumentException ex) {
            problem.setText(ex.getMessage());
            return null;
        }
        TrainingConfig.Builder b = TrainingConfig.builder().exercise(e).dataset(dataset.getValue()).data(data.getValue())
                .teacher(teacher.getValue()).student(e == Exercise.TEACHER ? null : student.getValue())
                .trainSize((int) trainSize.value()).epochs((int) epochs.value()).batchSize((int) batch.value())
                .learningRate(lr.value()).seed((long) seed.value()).transfer(transfer)
                .teacherCheckpoint(sessionTeachers.get(teacherWeights.getValue())).evalEvery(1);
        if (e != Exercise.TEACHER) {
            b.methods(selectedMethods());
        }
        try {
            return b.build().validate();
        } catch (IllegalArgumentException ex) {
            problem.setText(ex.getMessage().replace("--", ""));
            return null;
        }
    }

    /** Fills every control from a scenario, then locks and hides what it says. */
    public void apply(Scenario s) {
        lockedControls.clear();
        controls.values().forEach(nodes -> nodes.forEach(n -> {
            n.setDisable(false);
            n.setVisible(true);
            n.setManaged(true);
        }));
        TrainingConfig c = s.config();
        exercise.setValue(c.exercise());
        dataset.setValue(c.dataset());
        teacher.setValue(c.teacher());
        if (c.student() != null) {
            student.setValue(c.student());
        }
        if (c.exercise() == Exercise.STUDENT) {
            selectMethods(c.methods());
        }
        methodFields.forEach((k, f) -> f.setValue(c.transfer().get(k.substring(0, k.indexOf('.')),
                k.substring(k.indexOf('.') + 1))));
        lr.set(c.learningRate());
        epochs.set(c.epochs());
        batch.set(c.batchSize());
        trainSize.set(c.trainSize());
        seed.set(c.seed());
        lockedControls.addAll(s.locked());
        for (String k : s.locked()) {
            controls.getOrDefault(k, List.of()).forEach(n -> n.setDisable(true));
        }
        for (String k : s.hidden()) {
            controls.getOrDefault(k, List.of()).forEach(n -> {
                n.setVisible(false);
                n.setManaged(false);
            });
        }
        headings.forEach((label, section) -> {
            boolean visible = !s.hidden().containsAll(section);
            label.setVisible(visible);
            label.setManaged(visible);
        });
        syncSwitches();
    }

    /** A scenario of the current settings (nothing locked or hidden), or null if they are invalid. */
    public Scenario toScenario(String title) {
        TrainingConfig c = config();
        return c == null ? null : new Scenario(title, "", c, new java.util.LinkedHashSet<>(lockedControls),
                new java.util.LinkedHashSet<>());
    }

    /** Disables every control while a run trains (and restores scenario locks after). */
    public void setTraining(boolean training) {
        grid.setDisable(training);
    }

    /** Calls {@code c} when the exercise or the chosen methods change. */
    void onExerciseChanged(Consumer<Exercise> c) {
        exercise.valueProperty().addListener((o, a, v) -> c.accept(v));
        switches.values().forEach(t -> t.selectedProperty().addListener((o, a, v) -> c.accept(exercise.getValue())));
    }

    /** Every numeric field, for tests. */
    public List<NumberField> numberFields() {
        return numbers;
    }

    /** The generated field of a method setting ({@code kd.temperature}). */
    public MethodSettingField methodField(String key) {
        return methodFields.get(key);
    }

    public NumberField epochsField() {
        return epochs;
    }

    public NumberField trainSizeField() {
        return trainSize;
    }

    public NumberField batchField() {
        return batch;
    }
}
