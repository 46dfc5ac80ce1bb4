package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every transfer method by name. Exercises, the CLI and the app look methods up here. */
public final class TransferMethods {
    private static final Map<String, Function<TransferSettings, TransferTerm>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("kd", s -> new KnowledgeDistillation(s.temperature(), s.alpha()));
        METHODS.put("at", s -> new AttentionTransfer(s.atForm(), s.atP(), s.beta(), s.pairs()));
    }

    private TransferMethods() {
    }

    public static List<String> names() {
        return List.copyOf(METHODS.keySet());
    }

    public static TransferTerm create(String id, TransferSettings settings) {
        var f = METHODS.get(id);
        if (f == null) {
            throw new IllegalArgumentException("unknown transfer method '" + id + "'; choose one of " + names());
        }
        return f.apply(settings);
    }
}
