package org.transferlab.exercises;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Map;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.Snapshot;
import org.transferlab.engine.StepMetrics;
import org.transferlab.engine.TrainingListener;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskResult;

/**
 * The sandbox's messages: one JSON object per line on the sandbox process's standard output, each with a
 * {@code type}: {@code result} (a check), {@code event} (a training listener call, {@code kind} naming it),
 * {@code error} (training could not start), {@code exit} (the student's code called System.exit). The app
 * writes {@code pause}, {@code resume} or {@code stop} lines to the process's standard input.
 */
public final class Protocol {
    static final ObjectMapper JSON = org.transferlab.io.Json.MAPPER.copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT) // one message per line
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final PrintStream out;

    Protocol(PrintStream out) {
        this.out = out;
    }

    synchronized void send(String type, Map<String, ?> fields) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        fields.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
        out.println(n);
        out.flush();
    }

    void event(String kind, Object data) {
        send("event", Map.of("kind", kind, "data", data == null ? Map.of() : data));
    }

    /** Sends every call of a part-1 run. */
    TrainingListener trainingListener() {
        return new TrainingListener() {
            @Override
            public void onStart(RunInfo info) {
                event("start", info);
            }

            @Override
            public void onStep(StepMetrics step) {
                event("step", step);
            }

            @Override
            public void onEpoch(EpochMetrics epoch) {
                event("epoch", epoch);
            }

            @Override
            public void onSnapshot(Snapshot snapshot) {
                event("snapshot", snapshot);
            }

            @Override
            public void onEnd(RunResult result) {
                event("end", result);
            }
        };
    }

    /** Sends every call of a part-2 run. */
    MultiTaskListener multiTaskListener() {
        return new MultiTaskListener() {
            @Override
            public void onStart(Info info) {
                event("mt-start", info);
            }

            @Override
            public void onStructureStart(int index, String label, long parameters) {
                event("mt-structure-start", Map.of("index", index, "label", label, "parameters", parameters));
            }

            @Override
            public void onStep(Step step) {
                event("mt-step", step);
            }

            @Override
            public void onEpoch(Epoch epoch) {
                event("mt-epoch", epoch);
            }

            @Override
            public void onStructureEnd(Structure structure) {
                event("mt-structure-end", structure);
            }

            @Override
            public void onEnd(MultiTaskResult result) {
                event("mt-end", result);
            }
        };
    }

    /** Calls the listener for a part-1 event message; returns the run's result for the end event, else null. */
    static RunResult replay(JsonNode msg, TrainingListener l) throws java.io.IOException {
        JsonNode d = msg.path("data");
        switch (msg.path("kind").asText()) {
            case "start" -> l.onStart(JSON.treeToValue(d, RunInfo.class));
            case "step" -> l.onStep(JSON.treeToValue(d, StepMetrics.class));
            case "epoch" -> l.onEpoch(JSON.treeToValue(d, EpochMetrics.class));
            case "snapshot" -> l.onSnapshot(JSON.treeToValue(d, Snapshot.class));
            case "end" -> {
                return JSON.treeToValue(d, RunResult.class);
            }
            default -> {
            }
        }
        return null;
    }

    /** Calls the listener for a part-2 event message; returns the run's result for the end event, else null. */
    static MultiTaskResult replay(JsonNode msg, MultiTaskListener l) throws java.io.IOException {
        JsonNode d = msg.path("data");
        switch (msg.path("kind").asText()) {
            case "mt-start" -> l.onStart(JSON.treeToValue(d, MultiTaskListener.Info.class));
            case "mt-structure-start" -> l.onStructureStart(d.path("index").asInt(), d.path("label").asText(),
                    d.path("parameters").asLong());
            case "mt-step" -> l.onStep(JSON.treeToValue(d, MultiTaskListener.Step.class));
            case "mt-epoch" -> l.onEpoch(JSON.treeToValue(d, MultiTaskListener.Epoch.class));
            case "mt-structure-end" -> l.onStructureEnd(JSON.treeToValue(d, MultiTaskListener.Structure.class));
            case "mt-end" -> {
                return JSON.treeToValue(d, MultiTaskResult.class);
            }
            default -> {
            }
        }
        return null;
    }
}
