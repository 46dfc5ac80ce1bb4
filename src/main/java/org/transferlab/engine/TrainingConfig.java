package org.transferlab.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.models.Architecture;
import org.transferlab.models.ModelZoo;
import org.transferlab.transfer.AttentionTransfer;
import org.transferlab.transfer.TransferSettings;

/**
 * Everything that defines a run. Immutable; {@link #validate()} checks it before any data is read or graph
 * built, and says in one line what to change.
 *
 * @param exercise          which exercise (teacher, q1, q2, q3, a1)
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
 * @param transfer          KD and AT settings
 * @param teacherCheckpoint the teacher's weights, or null for the shipped pre-trained teacher
 * @param evalEvery         evaluate on the test split every this many epochs (and after the last)
 */
public record TrainingConfig(Exercise exercise, DatasetId dataset, DataKind data, Path dataDir, String teacher,
                             String student, int trainSize, int epochs, int batchSize, double learningRate,
                             long seed, TransferSettings transfer, Path teacherCheckpoint, int evalEvery) {

    public TrainingConfig {
        pairsNotNull(transfer);
    }

    private static void pairsNotNull(TransferSettings t) {
        if (t == null || t.pairs() == null) {
            throw new IllegalArgumentException("transfer settings and pairs must be given");
        }
    }

    /** The classroom default: Q2 (KD, T = 4, α = 0.5) of cnn-small from cnn-large, 1000 images, 100 epochs. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(Exercise.Q2, DatasetId.FASHION_MNIST, DataKind.AUTO, null, "cnn-large",
                "cnn-small", 1000, 100, 128, 1e-3, 0, TransferSettings.defaults(), null, 1);
    }

    /** The architecture this run trains. */
    public String trainedModel() {
        return exercise.trainsStudent() ? student : teacher;
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
        } else if (student == null || !models.contains(student)) {
            throw new IllegalArgumentException("--student: unknown model '" + student + "'; choose one of " + models);
        }
        checkTraining(trainSize, epochs, batchSize, learningRate, evalEvery);
        if (exercise.methods().contains("kd")) {
            if (!(transfer.temperature() > 0) || Double.isInfinite(transfer.temperature())) {
                throw new IllegalArgumentException("--temperature must be > 0 (typically 1 to 20), got "
                        + transfer.temperature());
            }
            if (!(transfer.alpha() >= 0 && transfer.alpha() <= 1)) {
                throw new IllegalArgumentException("--alpha must be between 0 and 1, got " + transfer.alpha());
            }
        }
        if (exercise.methods().contains("at")) {
            if (!(transfer.beta() >= 0) || Double.isInfinite(transfer.beta())) {
                throw new IllegalArgumentException("--beta must be >= 0, got " + transfer.beta());
            }
            if (!(transfer.atP() >= 1) || Double.isInfinite(transfer.atP())) {
                throw new IllegalArgumentException("--at-p must be >= 1, got " + transfer.atP());
            }
            if (transfer.pairs().isEmpty()) {
                throw new IllegalArgumentException("--pairs: attention transfer needs at least one layer pair");
            }
            checkPairs("student", ModelZoo.get(student));
            checkPairs("teacher", ModelZoo.get(teacher));
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

    private void checkPairs(String role, Architecture a) {
        Map<String, int[]> points = a.attentionPoints();
        List<String> missing = new ArrayList<>();
        for (String p : transfer.pairs()) {
            if (!points.containsKey(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--pairs: the " + role + " " + a.name() + " has no attention point "
                    + String.join(", ", missing) + (points.isEmpty() ? " (it has none: AT needs CNNs on both sides)"
                    : "; it has " + String.join(", ", points.keySet())));
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
        private double temperature;
        private double alpha;
        private AttentionTransfer.Form atForm;
        private double atP;
        private double beta;
        private List<String> pairs;
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
            temperature = c.transfer.temperature();
            alpha = c.transfer.alpha();
            atForm = c.transfer.atForm();
            atP = c.transfer.atP();
            beta = c.transfer.beta();
            pairs = c.transfer.pairs();
            teacherCheckpoint = c.teacherCheckpoint;
            evalEvery = c.evalEvery;
        }

        public Builder exercise(Exercise v) { exercise = v; return this; }
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
        public Builder temperature(double v) { temperature = v; return this; }
        public Builder alpha(double v) { alpha = v; return this; }
        public Builder atForm(AttentionTransfer.Form v) { atForm = v; return this; }
        public Builder atP(double v) { atP = v; return this; }
        public Builder beta(double v) { beta = v; return this; }
        public Builder pairs(List<String> v) { pairs = List.copyOf(v); return this; }
        public Builder teacherCheckpoint(Path v) { teacherCheckpoint = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(exercise, dataset, data, dataDir, teacher, student, trainSize, epochs,
                    batchSize, learningRate, seed, new TransferSettings(temperature, alpha, atForm, atP, beta, pairs),
                    teacherCheckpoint, evalEvery);
        }
    }
}
