package org.transferlab.finetune;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.transferlab.data.DataKind;
import org.transferlab.engine.TrainingConfig;

/**
 * Everything that defines a run of the chapter "transfer by weights"; {@link #validate()} says in one line
 * what to change.
 *
 * @param task             the setting: source and target
 * @param perClass         labelled target images per class (0: every image of the pool, for training a source
 *                         or a base network)
 * @param strategy         what trains
 * @param lrMultiplier     the learning-rate multiplier of pretrained layers under {@code top-K} and {@code all}
 * @param layers           per-layer overrides from the layer table: {@code g1_conv1 → frozen | patch | 0.1}
 * @param steps            optimiser steps (the run trains ⌈steps / steps per epoch⌉ epochs)
 * @param sourceCheckpoint the source network's checkpoint; null for the shipped one
 * @param copyLayers       how many conv layers (from the input) to copy from the source; -1 for all (the usual
 *                         transfer; AnB/BnB copy the first n)
 * @param sourceTask       train on the source task's classes instead of the target's (making a source network)
 * @param architecture     the network trained; null for the setting's (another one only for a source network,
 *                         e.g. a cnn-large source for the L2T chapter)
 * @param lwfLambda        under {@code lwf}: the weight λ_o of the old head's distillation term (the paper's 1)
 * @param lwfTemperature   under {@code lwf}: the temperature T of that term (the paper's 2)
 */
public record FineTuneConfig(TargetTask task, int perClass, Strategy strategy, double lrMultiplier,
                             Map<String, String> layers, int steps, int batchSize, double learningRate, long seed,
                             int evaluations, DataKind data, Path dataDir, Path sourceCheckpoint, int copyLayers,
                             boolean sourceTask, String architecture, double lwfLambda, double lwfTemperature) {

    /** The chapter's defaults (chosen by measurement; see the README's tables). */
    public static final int DEFAULT_STEPS = 150;
    public static final double DEFAULT_LR_MULTIPLIER = 1.0;
    /** LwF's defaults, the paper's: λ_o = 1, T = 2. */
    public static final double DEFAULT_LWF_LAMBDA = 1.0;
    public static final double DEFAULT_LWF_TEMPERATURE = 2.0;

    public FineTuneConfig {
        layers = Map.copyOf(new LinkedHashMap<>(layers));
    }

    /** A config with LwF's settings at the paper's values (they matter only under {@code lwf}). */
    public FineTuneConfig(TargetTask task, int perClass, Strategy strategy, double lrMultiplier,
                          Map<String, String> layers, int steps, int batchSize, double learningRate, long seed,
                          int evaluations, DataKind data, Path dataDir, Path sourceCheckpoint, int copyLayers,
                          boolean sourceTask, String architecture) {
        this(task, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed, evaluations, data,
                dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, DEFAULT_LWF_LAMBDA,
                DEFAULT_LWF_TEMPERATURE);
    }

    public static FineTuneConfig defaults() {
        return new FineTuneConfig(TargetTask.FASHION_SPLIT, 10, Strategy.ALL, DEFAULT_LR_MULTIPLIER, Map.of(),
                DEFAULT_STEPS, 32, 1e-3, 0, 10, DataKind.AUTO, null, null, -1, false, null);
    }

    public FineTuneConfig validate() {
        if (architecture != null && !sourceTask && !architecture.equals(task.architecture())) {
            throw new IllegalArgumentException("only a source network may be of another architecture than the "
                    + "setting's " + task.architecture() + ", got " + architecture);
        }
        if (architecture != null) {
            org.transferlab.models.ModelZoo.get(architecture);
        }
        if (perClass < 0) {
            throw new IllegalArgumentException("--per-class must be at least 1, got " + perClass);
        }
        if (steps < 1 || steps > 1_000_000) {
            throw new IllegalArgumentException("--steps must be between 1 and 1000000, got " + steps);
        }
        if (evaluations < 1) {
            throw new IllegalArgumentException("--evaluations must be at least 1, got " + evaluations);
        }
        if (!(lrMultiplier > 0) || lrMultiplier > 10) {
            throw new IllegalArgumentException("--lr-multiplier must be in (0, 10] (0.1 is the usual advice), got "
                    + lrMultiplier);
        }
        if (strategy.keepsSourceHead()) {
            if (!(lwfLambda >= 0) || Double.isInfinite(lwfLambda)) {
                throw new IllegalArgumentException("--lwf-lambda must be a number >= 0 (the paper's 1; 0 turns the "
                        + "old head's term off), got " + lwfLambda);
            }
            if (!(lwfTemperature > 0) || Double.isInfinite(lwfTemperature)) {
                throw new IllegalArgumentException("--lwf-temperature must be > 0 (the paper's 2), got "
                        + lwfTemperature);
            }
            if (sourceTask) {
                throw new IllegalArgumentException("--strategy lwf fine-tunes a source network for the target; it "
                        + "cannot make a source network");
            }
        }
        TrainingConfig.checkTraining(0, 1, batchSize, learningRate, 1);
        return this;
    }

    /** A short label for folders and charts: {@code fashion-split-top-1-n10}. */
    public String label() {
        return sourceTask ? task.id() + "-source" : task.id() + "-" + strategy.id() + "-n" + perClass;
    }

    /** The architecture this run trains. */
    public String trainedArchitecture() {
        return architecture != null ? architecture : task.architecture();
    }

    public FineTuneConfig withStrategy(Strategy s) {
        return new FineTuneConfig(task, perClass, s, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withTask(TargetTask t) {
        return new FineTuneConfig(t, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withPerClass(int n) {
        return new FineTuneConfig(task, n, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withSeed(long s) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, s,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withSteps(int s) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, layers, s, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withLayers(Map<String, String> l) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, l, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withLrMultiplier(double m) {
        return new FineTuneConfig(task, perClass, strategy, m, layers, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withData(DataKind kind, Path dir) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                evaluations, kind, dir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withSource(Path checkpoint, int copy) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, checkpoint, copy, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig withEvaluations(int e) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                e, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lwfLambda, lwfTemperature);
    }

    public FineTuneConfig asSourceTask(boolean s) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, s, architecture, lwfLambda, lwfTemperature);
    }

    /** LwF's λ_o and T. */
    public FineTuneConfig withLwf(double lambda, double temperature) {
        return new FineTuneConfig(task, perClass, strategy, lrMultiplier, layers, steps, batchSize, learningRate, seed,
                evaluations, data, dataDir, sourceCheckpoint, copyLayers, sourceTask, architecture, lambda, temperature);
    }
}
