package org.transferlab.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.models.ModelZoo;
import org.transferlab.transfer.AttentionTransfer;
import org.transferlab.transfer.Objective;
import org.transferlab.transfer.ObjectiveContext;
import org.transferlab.transfer.TransferMethods;
import org.transferlab.transfer.TransferSettings;
import org.transferlab.transfer.TransferTerm;

/**
 * Everything that defines a run. Immutable; {@link #validate()} checks it before any data is read or graph
 * built, and says in one line what to change.
 *
 * @param exercise          which exercise (teacher, q1, q2, q3, a1, or student: any other set of methods);
 *                          for students it follows from {@code methods}
 * @param dataset           fashion-mnist or mnist
 * @param data              embedded subset, full set, or auto (full where found)
 * @param dataDir           a folder holding the IDX files, or null
 * @param teacher           teacher architecture (zoo name)
 * @param student           student architecture, or null for the teacher exercise
 * @param trainSize         the first N images of a seeded shuffle of the training set; 0 = all
 * @param epochs            passes over the training subset
 * @param batchSize         images per step
 * @param learningRate      Adam's learning rate
 * @param seed              seeds the subset, the initial weights, the batch order and dropout
 * @param methods           the transfer methods added to cross-entropy (registry ids, registry order)
 * @param transfer          every method's settings (used: those of {@code methods})
 * @param teacherCheckpoint the teacher's weights, or null for the shipped pre-trained teacher
 * @param evalEvery         evaluate on the test split every this many epochs (and after the last)
 */
public record TrainingConfig(Exercise exercise, DatasetId dataset, DataKind data, Path dataDir, String teacher,
                             String student, int trainSize, int epochs, int batchSize, double learningRate,
                             long seed, List<String> methods, TransferSettings transfer, Path teacherCheckpoint,
                             int evalEvery) {

    public TrainingConfig {
        if (transfer == null || methods == null) {
            throw new IllegalArgumentException("transfer methods and settings must be given");
        }
        methods = TransferMethods.ordered(methods);
        if (exercise != Exercise.TEACHER) {
            exercise = Exercise.forMethods(methods);
        }
    }

    /** The classroom default: Q2 (KD, T = 4, α = 0.5) of cnn-small from cnn-large, 1000 images, 100 epochs. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(Exercise.Q2, DatasetId.FASHION_MNIST, DataKind.AUTO, null, "cnn-large",
                "cnn-small", 1000, 100, 128, 1e-3, 0, List.of("kd"), TransferSettings.defaults(), null, 1);
    }

    /** The architecture this run trains. */
    public String trainedModel() {
        return exercise.trainsStudent() ? student : teacher;
    }

    /** Whether the run reads a trained teacher (any transfer method). */
    public boolean needsTeacher() {
        return exercise.trainsStudent() && !methods.isEmpty();
    }

    /** The run's name in folders and tables: the exercise id, or the methods joined by "+" ("kd+rkd"). */
    public String label() {
        return exercise == Exercise.STUDENT ? String.join("+", methods) : exercise.id();
    }

    /** A setting of one of the methods (e.g. {@code number("kd", "temperature")}). */
    public double number(String method, String key) {
        return transfer.number(method, key);
    }

    /** The form and power attention maps are drawn in: AT's settings (its defaults when AT is not used). */
    public AttentionTransfer.Form attentionForm() {
        return AttentionTransfer.Form.parse(String.valueOf(transfer.get("at", "form")));
    }

    public double attentionP() {
        return transfer.number("at", "p");
    }

    /** The terms of this run's methods, built from their settings (not yet validated). */
    public List<TransferTerm> terms() {
        List<TransferTerm> terms = new ArrayList<>();
        for (String m : methods) {
            terms.add(TransferMethods.create(m, transfer));
        }
        return terms;
    }

    /** Checks every setting; throws {@link IllegalArgumentException} naming the option to change. */
    public TrainingConfig validate() {
        List<String> models = ModelZoo.names();
        if (teacher == null || !models.contains(teacher)) {
            throw new IllegalArgumentException("--teacher: unknown model '" + teacher + "'; choose one of " + models);
        }
        if (exercise == Exercise.TEACHER) {
            if (student != null) {
                throw new IllegalArgumentException("--exercise teacher trains the teacher alone; drop --student "
                        + student + " (or choose q1, q2, q3 or a1 to train a student)");
            }
            if (!methods.isEmpty()) {
                throw new IllegalArgumentException("--exercise teacher trains the teacher with cross-entropy alone; "
                        + "drop --method " + String.join(",", methods));
            }
        } else if (student == null || !models.contains(student)) {
            throw new IllegalArgumentException("--student: unknown model '" + student + "'; choose one of " + models);
        }
        checkTraining(trainSize, epochs, batchSize, learningRate, evalEvery);
        if (needsTeacher()) {
            // each method checks its settings against the two networks, in one line naming the setting
            Objective.build(new ObjectiveContext(ModelZoo.get(student), ModelZoo.get(teacher), seed), terms());
        }
        return this;
    }

    /** The checks every run shares (part 1 and part 2), each naming the option to change. */
    public static void checkTraining(int trainSize, int epochs, int batchSize, double learningRate, int evalEvery) {
        if (trainSize < 0) {
            throw new IllegalArgumentException("--train-size must be >= 0 (0 = all images), got " + trainSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1 || batchSize > 8192) {
            throw new IllegalArgumentException("--batch must be between 1 and 8192, got " + batchSize);
        }
        if (!(learningRate > 0) || learningRate > 10 || Double.isNaN(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0 and at most 10 (typically 1e-3), got " + learningRate);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("--eval-every must be at least 1, got " + evalEvery);
        }
    }

    /** A mutable builder, so callers (CLI, app) set only what they change. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Fluent copy-with-changes for {@link TrainingConfig}. */
    public static final class Builder {
        private Exercise exercise;
        private DatasetId dataset;
        private DataKind data;
        private Path dataDir;
        private String teacher;
        private String student;
        private int trainSize;
        private int epochs;
        private int batchSize;
        private double learningRate;
        private long seed;
        private List<String> methods;
        private TransferSettings transfer;
        private Path teacherCheckpoint;
        private int evalEvery;

        private Builder(TrainingConfig c) {
            exercise = c.exercise;
            dataset = c.dataset;
            data = c.data;
            dataDir = c.dataDir;
            teacher = c.teacher;
            student = c.student;
            trainSize = c.trainSize;
            epochs = c.epochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            seed = c.seed;
            methods = c.methods;
            transfer = c.transfer;
            teacherCheckpoint = c.teacherCheckpoint;
            evalEvery = c.evalEvery;
        }

        /** The exercise, and (but for {@code student}) the methods it stands for. */
        public Builder exercise(Exercise v) {
            exercise = v;
            if (v != Exercise.STUDENT) {
                methods = v.methods();
            }
            return this;
        }

        /** The transfer methods (the exercise follows from them for a student). */
        public Builder methods(List<String> v) {
            methods = List.copyOf(v);
            if (exercise == Exercise.TEACHER && !v.isEmpty()) {
                exercise = Exercise.STUDENT;
            }
            return this;
        }

        public Builder dataset(DatasetId v) { dataset = v; return this; }
        public Builder data(DataKind v) { data = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder teacher(String v) { teacher = v; return this; }
        public Builder student(String v) { student = v; return this; }
        public Builder trainSize(int v) { trainSize = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder transfer(TransferSettings v) { transfer = v; return this; }
        /** One method setting, checked (a choice's presets applied). */
        public Builder set(String method, String key, Object value) {
            transfer = transfer.with(method, key, value);
            return this;
        }
        /** One method setting exactly as given (no presets). */
        public Builder setExactly(String method, String key, Object value) {
            transfer = transfer.withExactly(method, key, value);
            return this;
        }
        public Builder temperature(double v) { return setExactly("kd", "temperature", v); }
        public Builder alpha(double v) { return setExactly("kd", "alpha", v); }
        public Builder atForm(AttentionTransfer.Form v) { return setExactly("at", "form", v.name().toLowerCase(java.util.Locale.ROOT)); }
        public Builder atP(double v) { return setExactly("at", "p", v); }
        public Builder beta(double v) { return setExactly("at", "beta", v); }
        public Builder pairs(List<String> v) { return setExactly("at", "pairs", List.copyOf(v)); }
        public Builder teacherCheckpoint(Path v) { teacherCheckpoint = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(exercise, dataset, data, dataDir, teacher, student, trainSize, epochs,
                    batchSize, learningRate, seed, methods, transfer, teacherCheckpoint, evalEvery);
        }
    }
}
