package org.transferlab.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.transferlab.models.Architecture;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;

/**
 * What a user picking a model sees: its name, summary, parameter count, layer table, attention points and every named feature (attention points and embedding).
 * Parameter counts come from building the network once (cached).
 */
public record ModelInfo(String name, String summary, long parameters, List<String[]> layers,
                        Map<String, int[]> attentionPoints, Map<String, int[]> features) {
    private static final Map<String, Long> COUNTS = new ConcurrentHashMap<>();

    public static ModelInfo of(String name) {
        Architecture a = ModelZoo.get(name);
        long count = COUNTS.computeIfAbsent(name, n -> Network.create(a, 10, 0).parameterCount());
        return new ModelInfo(a.name(), a.summary(), count, a.layerTable(), a.attentionPoints(), a.features());
    }

    /** Every model in the zoo, in registry order. */
    public static List<String> names() {
        return ModelZoo.names();
    }
}
