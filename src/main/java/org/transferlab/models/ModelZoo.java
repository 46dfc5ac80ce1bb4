package org.transferlab.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every architecture by name. The CLI's help, config validation and the app's menus read this list. */
public final class ModelZoo {
    private static final Map<String, Supplier<Architecture>> MODELS = new LinkedHashMap<>();

    static {
        register("cnn-large", CnnLarge::new);
        register("cnn-small", CnnSmall::new);
        register("mlp-large", Mlp::large);
        register("mlp-medium", Mlp::medium);
        register("mlp-tiny", Mlp::tiny);
    }

    private ModelZoo() {
    }

    private static void register(String name, Supplier<Architecture> factory) {
        MODELS.put(name, factory);
    }

    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    public static Architecture get(String name) {
        Supplier<Architecture> f = MODELS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; choose one of " + names());
        }
        return f.get();
    }
}
