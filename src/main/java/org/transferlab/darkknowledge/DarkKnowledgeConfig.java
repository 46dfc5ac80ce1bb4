package org.transferlab.darkknowledge;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;

/**
 * Everything that defines a dark-knowledge run; {@link #validate} says in one line what to change, before any
 * training (the checks that need the digits themselves are in {@link DarkKnowledgeData#prepare}).
 *
 * @param experiment     which table the run reproduces
 * @param omit           the digits left out of the transfer set (omitted experiment; also the digit whose teacher
 *                       outputs are shown)
 * @param transferShare  the share of the transfer set the small-transfer students see
 * @param temperature    T of the soft targets
 * @param alpha          the soft term's weight in (1 − α)·CE + α·T²·KD (BAN+L uses 0.5, BAN 1)
 * @param generations    born-again generations after generation 0
 * @param epochs         passes over the training digits for every network (small-transfer: the same number of
 *                       steps as a pass over the whole transfer set)
 * @param teacherEpochs  the teacher's epochs (hinton, omitted, small-transfer; dropout and jitter make it learn slower)
 * @param batchSize      images per step
 * @param learningRate   Adam's learning rate
 * @param validationShare the share of the training digits held out to choose the output bias (omitted)
 * @param jitter         the teacher's inputs are shifted by up to this many pixels
 * @param trainSize      training digits used (0: all); short runs and tests
 * @param testSize       test digits used (0: all); short runs and tests
 * @param data           where the digits come from
 * @param teacher        a teacher checkpoint (mlp-large) to use instead of training one, or null
 * @param banModel       the born-again architecture (mlp-medium, mlp-large or cnn-small)
 * @param dataset        the images: MNIST digits (every experiment) or Fashion-MNIST (ban only, part 1's setting)
 */
public record DarkKnowledgeConfig(Experiment experiment, List<Integer> omit, double transferShare, double temperature,
                                  double alpha, int generations, int epochs, int teacherEpochs, int batchSize, double learningRate,
                                  long seed, double validationShare, int jitter, int trainSize, int testSize,
                                  DataKind data, String teacher, String banModel, DatasetId dataset) {
    public static final String TEACHER = "mlp-large";
    public static final String STUDENT = "mlp-medium";
    public static final List<String> BAN_MODELS = List.of(STUDENT, TEACHER, "cnn-small");
    /** The data sets of {@code --dataset}: the MNIST digits for every experiment, Fashion-MNIST for ban. */
    public static final List<String> DATASETS = List.of(DatasetId.MNIST.id(), DatasetId.FASHION_MNIST.id());

    public DarkKnowledgeConfig {
        omit = List.copyOf(omit);
    }

    /** The chapter's defaults for an experiment: 20 epochs (the teacher 30), batch 100, Adam 1e-3, T = 20 (BAN: T = 1 as Furlanello). */
    public static DarkKnowledgeConfig defaults(Experiment e) {
        return new DarkKnowledgeConfig(e, List.of(3), 0.03, e == Experiment.BAN ? 1 : 20, e == Experiment.BAN ? 1 : 0.9,
                3, 20, 30, 100, 1e-3, 0, 0.125, 2, 0, 0, DataKind.EMBEDDED, null, STUDENT, DatasetId.MNIST);
    }

    /** {@code dk-hinton}, {@code dk-omitted-3}, {@code dk-small-transfer-0.03}, {@code dk-ban-3}. */
    public String label() {
        return switch (experiment) {
            case HINTON -> "dk-hinton";
            case OMITTED -> "dk-omitted-" + omit.stream().map(String::valueOf).collect(Collectors.joining(""));
            case SMALL_TRANSFER -> String.format(Locale.ROOT, "dk-small-transfer-%s", transferShare);
            case BAN -> "dk-ban-" + generations;
        };
    }

    public DarkKnowledgeConfig withEpochs(int e) {
        return new DarkKnowledgeConfig(experiment, omit, transferShare, temperature, alpha, generations, e, e, batchSize,
                learningRate, seed, validationShare, jitter, trainSize, testSize, data, teacher, banModel, dataset);
    }

    public DarkKnowledgeConfig withSizes(int train, int test) {
        return new DarkKnowledgeConfig(experiment, omit, transferShare, temperature, alpha, generations, epochs,
                teacherEpochs, batchSize, learningRate, seed, validationShare, jitter, train, test, data, teacher, banModel, dataset);
    }

    public DarkKnowledgeConfig withSeed(long s) {
        return new DarkKnowledgeConfig(experiment, omit, transferShare, temperature, alpha, generations, epochs,
                teacherEpochs, batchSize, learningRate, s, validationShare, jitter, trainSize, testSize, data, teacher, banModel, dataset);
    }

    public DarkKnowledgeConfig withOmit(List<Integer> o) {
        return new DarkKnowledgeConfig(experiment, o, transferShare, temperature, alpha, generations, epochs,
                teacherEpochs, batchSize, learningRate, seed, validationShare, jitter, trainSize, testSize, data, teacher, banModel, dataset);
    }

    public DarkKnowledgeConfig withTransferShare(double share) {
        return new DarkKnowledgeConfig(experiment, omit, share, temperature, alpha, generations, epochs,
                teacherEpochs, batchSize, learningRate, seed, validationShare, jitter, trainSize, testSize, data, teacher, banModel, dataset);
    }

    public DarkKnowledgeConfig withTeacher(String t) {
        return new DarkKnowledgeConfig(experiment, omit, transferShare, temperature, alpha, generations, epochs,
                teacherEpochs, batchSize, learningRate, seed, validationShare, jitter, trainSize, testSize, data, t, banModel, dataset);
    }

    public DarkKnowledgeConfig withGenerations(int g) {
        return new DarkKnowledgeConfig(experiment, omit, transferShare, temperature, alpha, g, epochs,
                teacherEpochs, batchSize, learningRate, seed, validationShare, jitter, trainSize, testSize, data, teacher, banModel, dataset);
    }

    public DarkKnowledgeConfig withBatchSize(int b) {
        return new DarkKnowledgeConfig(experiment, omit, transferShare, temperature, alpha, generations, epochs,
                teacherEpochs, b, learningRate, seed, validationShare, jitter, trainSize, testSize, data, teacher,
                banModel, dataset);
    }

    /** Born-again networks of {@code model} on {@code images}. */
    public DarkKnowledgeConfig withBan(String model, DatasetId images) {
        return new DarkKnowledgeConfig(experiment, omit, transferShare, temperature, alpha, generations, epochs,
                teacherEpochs, batchSize, learningRate, seed, validationShare, jitter, trainSize, testSize, data, teacher,
                model, images);
    }

    /** Every setting, as a network checkpoint must have been written under to continue this run. */
    public String settings() {
        return String.format(Locale.ROOT, "%s omit %s, share %s, T %s, alpha %s, generations %d, epochs %d, teacher "
                        + "epochs %d, batch %d, lr %s, seed %d, validation %s, jitter %d, train %d, test %d, data %s, "
                        + "teacher %s, ban model %s", experiment.id(), omit, transferShare, temperature, alpha,
                generations, epochs, teacherEpochs, batchSize, learningRate, seed, validationShare, jitter, trainSize,
                testSize, data.name().toLowerCase(Locale.ROOT), teacher, banModel)
                + (dataset == DatasetId.MNIST ? "" : ", dataset " + dataset.id());
    }

    public DarkKnowledgeConfig validate() {
        check(omit != null && !omit.isEmpty(), "--omit needs at least one digit, e.g. --omit 3");
        check(omit.stream().distinct().count() == omit.size(), "--omit names a digit twice: " + omit);
        check(omit.stream().allMatch(d -> d >= 0), "--omit takes digits 0 to 9, got " + omit);
        check(transferShare > 0 && transferShare <= 1, "--transfer-share must be in (0, 1], got " + transferShare);
        check(temperature > 0 && temperature <= 100, "--temperature must be in (0, 100], got " + temperature);
        check(alpha >= 0 && alpha <= 1, "--alpha must be between 0 and 1, got " + alpha);
        check(generations >= 1 && generations <= 10, "--generations must be between 1 and 10, got " + generations);
        check(epochs >= 1 && epochs <= 1000, "--epochs must be between 1 and 1000, got " + epochs);
        check(teacherEpochs >= 1 && teacherEpochs <= 1000, "--teacher-epochs must be between 1 and 1000, got "
                + teacherEpochs);
        check(batchSize >= 1 && batchSize <= 4096, "--batch must be between 1 and 4096, got " + batchSize);
        check(learningRate > 0 && learningRate <= 10, "--lr must be in (0, 10], got " + learningRate);
        check(validationShare > 0 && validationShare < 0.5, "--validation-share must be in (0, 0.5), got "
                + validationShare);
        check(jitter >= 0 && jitter <= 4, "--jitter must be between 0 and 4 pixels, got " + jitter);
        check(trainSize >= 0, "--train-size must be 0 (all) or positive, got " + trainSize);
        check(testSize >= 0, "--test-size must be 0 (all) or positive, got " + testSize);
        check(dataset == DatasetId.MNIST || dataset == DatasetId.FASHION_MNIST, "--dataset must be one of "
                + DATASETS + ", got " + dataset);
        check(dataset == DatasetId.MNIST || experiment == Experiment.BAN, "--dataset " + dataset.id() + ": only the "
                + "ban experiment runs on Fashion-MNIST; " + experiment.id() + " reproduces the paper's MNIST table, "
                + "run it with --dataset mnist");
        check(BAN_MODELS.contains(banModel), "--ban-model must be one of " + BAN_MODELS + ", got " + banModel);
        check(teacher == null || java.nio.file.Files.isRegularFile(java.nio.file.Path.of(teacher)),
                "--teacher: " + teacher + " is not a file; pass the teacher.tlck of an earlier dark-knowledge run");
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
