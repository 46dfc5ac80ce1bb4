package org.transferlab.finetune;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.engine.TeacherModel;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.CheckpointException;
import org.transferlab.models.Network;

/**
 * The source networks the chapter starts from: the shipped ones (made by the commands in
 * {@code resources/source-networks/*.properties} and {@code resources/teachers/*.properties}) or a checkpoint the user
 * names, checked to be of the setting's architecture and channel counts before any training.
 */
public final class SourceNetworks {
    private SourceNetworks() {
    }

    /** Class-path location of the shipped source of {@code task}. */
    public static String shippedResource(TargetTask task) {
        return task == TargetTask.FASHION_TO_MNIST ? TeacherModel.shippedResource("cnn-large", task.sourceData())
                : "/source-networks/" + task.architecture() + "-" + task.id() + ".tlck";
    }

    /** Reads the source of {@code task}: {@code checkpoint}, or the shipped one when it is null. */
    public static Checkpoint.Contents read(TargetTask task, Path checkpoint) throws IOException {
        if (checkpoint != null) {
            return Checkpoint.read(checkpoint);
        }
        String res = shippedResource(task);
        try (InputStream in = SourceNetworks.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new FileNotFoundException("no source network ships for " + task.id() + " (" + res + "); make one "
                        + "with 'transferlab make-source --setting " + task.id() + " --out DIR' and pass "
                        + "--source-checkpoint DIR/checkpoint.tlck");
            }
            return Checkpoint.read(in, "shipped source " + res);
        }
    }

    /** Where the source came from, for files and the app. */
    public static String describe(TargetTask task, Path checkpoint) {
        return checkpoint != null ? checkpoint.toString() : "shipped " + shippedResource(task);
    }

    /**
     * Copies the source's weights and batch-norm statistics into {@code net}, except the head, and only the first
     * {@code copyLayers} conv layers (-1: all). Throws one sentence, changing nothing, when the source is of
     * another architecture or its shapes differ.
     */
    public static void copyInto(Network net, Checkpoint.Contents source, int copyLayers, String name)
            throws CheckpointException {
        List<String> convs = net.parameters().stream().map(p -> LayerPlan.layerOf(p.name()))
                .filter(l -> !l.equals(LayerPlan.HEAD)).distinct().toList();
        int n = copyLayers < 0 ? convs.size() : copyLayers;
        if (n > convs.size()) {
            throw new IllegalArgumentException("cannot copy " + n + " layers: " + net.architecture().name() + " has "
                    + convs.size() + " conv layers");
        }
        List<String> copied = convs.subList(0, n);
        Map<String, INDArray> state = new LinkedHashMap<>();
        net.state().forEach((k, v) -> {
            if (copied.contains(LayerPlan.layerOf(k))) {
                state.put(k, v);
            }
        });
        if (!source.architecture().equals(net.architecture().name())) {
            throw new CheckpointException("the source " + name + " is a " + source.architecture() + " network, but "
                    + "this setting fine-tunes a " + net.architecture().name() + "; give a checkpoint of a "
                    + net.architecture().name());
        }
        try {
            Checkpoint.apply(net.architecture().name(), state, source, name, false);
        } catch (CheckpointException e) {
            throw new CheckpointException("the source does not fit " + net.architecture().name() + " (other channel "
                    + "counts?): " + e.getMessage());
        }
    }
}
