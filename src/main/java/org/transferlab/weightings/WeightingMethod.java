package org.transferlab.weightings;

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
 * @param needs    what the tasks must share for the method to mean anything
 * @param type     its class (the notebooks show its source)
 * @param factory  makes the weighting for a run from the values of its settings
 */
public record WeightingMethod(String id, String name, String citation, String summary, List<Setting> settings,
                              Needs needs, Class<? extends LossWeighting> type, Factory factory) {

    /** The source file of its class under src/main/java (for the notebooks' code cells). */
    public String source() {
        return type.getName().replace('.', '/') + ".java";
    }

    /** What a weighting needs the tasks to share; an architecture without it is refused before training. */
    public enum Needs {
        /** Works on the losses alone: any architecture, also separate networks. */
        NOTHING("nothing"),
        /** Acts on the gradients of parameters the tasks share. */
        SHARED_PARAMETERS("parameters that the tasks share"),
        /**
         * Acts on the gradients with respect to one representation Z that every task computes from the same input
         * (MGDA-UB); only the one-input chapter has it, part 2's tasks bring their own images.
         */
        ONE_SHARED_REPRESENTATION("one representation Z that every task computes from the same input");

        private final String words;

        Needs(String words) {
            this.words = words;
        }

        /** In words, for messages ("needs parameters that the tasks share"). */
        public String words() {
            return words;
        }
    }

    /**
     * Makes the weighting for {@code tasks} tasks from its settings' values (by key), the run's learning rate and
     * its seed (for methods that draw random numbers, e.g. PCGrad's task order).
     */
    @FunctionalInterface
    public interface Factory {
        LossWeighting create(int tasks, Map<String, Object> values, double learningRate, long seed);
    }

    /** Whether part 2 (each task with its own images) can run it. */
    public boolean worksWithSeparateInputs() {
        return needs != Needs.ONE_SHARED_REPRESENTATION;
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
