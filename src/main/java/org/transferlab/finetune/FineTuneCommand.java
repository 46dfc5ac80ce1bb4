package org.transferlab.finetune;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.transferlab.chapters.CommonOptions;
import org.transferlab.data.DataKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train finetune}: one transfer-by-weights run headless. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Chapter 3, transfer by weights: a network pretrained on the source task, fine-tuned on a few "
                + "labelled images of the target task with one strategy (which layers are frozen, trained or patched).")
public final class FineTuneCommand implements Callable<Integer> {
    @Option(names = "--setting", defaultValue = "fashion-split", completionCandidates = Settings.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String setting;

    @Option(names = "--per-class", defaultValue = "10", description = "labelled target images per class (default: ${DEFAULT-VALUE})")
    int perClass;

    @Option(names = "--strategy", defaultValue = "all", completionCandidates = Strategies.class,
            description = "${COMPLETION-CANDIDATES} (top-K: the last K conv layers train; default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--lr-multiplier", description = "learning-rate multiplier of pretrained layers under top-K and all (default: 1)")
    Double lrMultiplier;

    @Option(names = "--layer", paramLabel = "LAYER=frozen|patch|MULT",
            description = "override one layer of the plan, e.g. --layer g1_conv1=frozen --layer g3_conv1=0.1 (repeatable)")
    java.util.Map<String, String> layers = new java.util.LinkedHashMap<>();

    @Option(names = "--steps", description = "optimiser steps, rounded up to whole epochs (default: 150; --epochs E sets E passes over the labelled images instead)")
    Integer steps;

    @Option(names = "--evaluations", defaultValue = "10", description = "test evaluations over the run (default: ${DEFAULT-VALUE})")
    int evaluations;

    @Option(names = "--lwf-lambda", description = "under --strategy lwf: weight λ_o of the old head's distillation term (default: 1, the paper's)")
    Double lwfLambda;

    @Option(names = "--lwf-temperature", description = "under --strategy lwf: temperature T of that term (default: 2, the paper's)")
    Double lwfTemperature;

    @Option(names = "--source-checkpoint", description = "the source network (default: the shipped one of the setting)")
    Path sourceCheckpoint;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** The strategies, for --strategy's help. */
    static final class Strategies extends java.util.ArrayList<String> {
        Strategies() {
            super(Strategy.forms());
        }
    }

    /** The target settings, for --setting's help. */
    static final class Settings extends java.util.ArrayList<String> {
        Settings() {
            super(Arrays.stream(TargetTask.values()).map(TargetTask::id).toList());
        }
    }

    @Override
    public Integer call() throws Exception {
        common.applyKernels();
        return FineTuneConsole.train(toConfig(), common.out);
    }

    FineTuneConfig toConfig() {
        var d = FineTuneConfig.defaults();
        var task = TargetTask.parse(setting);
        int b = common.batchOr(32);
        if (steps != null && common.epochs != null) {
            throw new IllegalArgumentException("--steps and --epochs both set the length of the run; give one");
        }
        int n = perClass * task.targetClassCount();
        int length = steps != null ? steps : common.epochs != null
                ? common.epochs * ((n + Math.min(b, n) - 1) / Math.min(b, Math.max(1, n)))
                : FineTuneConfig.DEFAULT_STEPS;
        return new FineTuneConfig(task, perClass, Strategy.parse(strategy), lrMultiplier != null ? lrMultiplier
                : d.lrMultiplier(), layers, length, b, common.lr, common.seed, evaluations, DataKind.parse(common.data),
                common.dataDir, sourceCheckpoint, -1, false, null,
                lwfLambda != null ? lwfLambda : FineTuneConfig.DEFAULT_LWF_LAMBDA,
                lwfTemperature != null ? lwfTemperature : FineTuneConfig.DEFAULT_LWF_TEMPERATURE).validate();
    }
}
