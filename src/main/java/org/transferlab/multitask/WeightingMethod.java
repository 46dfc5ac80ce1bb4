package org.transferlab.multitask;

import java.util.List;
import java.util.Map;
import org.transferlab.transfer.Setting;

/**
 * One loss weighting described well enough that every surface can be generated from it, like a transfer
 * method: the {@code methods} listing, the CLI's checks and messages, the multi-task tab's fields (label, range,
 * default) and its choice box.
 *
 * @param id       the name on the command line and in files, e.g. {@code gradnorm}
 * @param name     the display name
 * @param citation where it comes from
 * @param summary  one line on what it does
 * @param settings its knobs; the CLI option of each is {@code --KEY} (e.g. {@code --gradnorm-alpha})
 * @param factory  makes the weighting for a run from the values of its settings
 */
public record WeightingMethod(String id, String name, String citation, String summary, List<Setting> settings,
                              Factory factory) {

    /** Makes the weighting for {@code tasks} tasks from its settings' values (by key) and the run's learning rate. */
    @FunctionalInterface
    public interface Factory {
        LossWeighting create(int tasks, Map<String, Object> values, double learningRate);
    }

    public WeightingMethod {
        settings = List.copyOf(settings);
    }

    /** The setting with {@code key}; throws when there is none. */
    public Setting setting(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no setting " + key));
    }
}
