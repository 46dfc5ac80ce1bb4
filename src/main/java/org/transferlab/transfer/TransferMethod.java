package org.transferlab.transfer;

import java.util.List;
import java.util.function.Function;

/**
 * What a transfer method is, declared once by the method's own class and read by every surface: the app's
 * set-up section and the guide, the CLI ({@code --method}, {@code --set}, {@code methods}), scenario keys,
 * {@code config.json}, the {@code metrics.csv} columns and chart series, run comparison and the notebooks.
 *
 * @param id          the registry name, e.g. {@code kd}; also the prefix of its settings ({@code kd.temperature})
 * @param name        the display name, e.g. {@code Knowledge distillation}
 * @param citation    authors, venue and year
 * @param formula     the loss in LaTeX (rendered in the guide and written into notebooks)
 * @param summary     one sentence on what it does
 * @param settings    its knobs, in the order the app shows them
 * @param components  the loss components it reports, the first being the term itself
 * @param needs       what it reads from the teacher and the student, in words (for the listing and the guide)
 * @param sources     the source files that compute it (under src/main/java), for the notebooks' code cells
 * @param factory     builds the term from this method's setting values
 */
public record TransferMethod(String id, String name, String citation, String formula, String summary,
                             List<Setting> settings, List<Component> components, List<String> needs,
                             List<String> sources, Function<TransferSettings.Values, TransferTerm> factory) {

    public TransferMethod {
        settings = List.copyOf(settings);
        components = List.copyOf(components);
        needs = List.copyOf(needs);
        sources = List.copyOf(sources);
    }

    /**
     * A loss component a method reports: its column in {@code metrics.csv} and series in the charts.
     *
     * @param id      the column name, e.g. {@code kd} (the value's key is {@code loss/kd})
     * @param label   the series label, e.g. {@code KD}
     * @param inTotal whether its weighted value is part of the total loss (false for parts shown on their own)
     * @param constant whether it is a part that does not depend on the student (no gradient; e.g. KD's teacher
     *                 entropy): the loss anatomy states it apart instead of stacking it
     */
    public record Component(String id, String label, boolean inTotal, boolean constant) {
        public Component(String id, String label, boolean inTotal) {
            this(id, label, inTotal, false);
        }

        /** The key of this component's value in a step's losses. */
        public String key() {
            return "loss/" + id;
        }
    }

    /** The setting called {@code key}; throws naming the method's settings if there is none. */
    public Setting setting(String key) {
        for (Setting s : settings) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("method " + id + " has no setting '" + key + "'"
                + (settings.isEmpty() ? " (it has none)" : "; it has " + settings.stream().map(Setting::key).toList()));
    }

    /** The term with these settings (call {@link TransferTerm#validate} before use). */
    public TransferTerm create(TransferSettings all) {
        return factory.apply(all.of(id));
    }

    /** Source path of a class under src/main/java, for {@link #sources}. */
    public static String source(Class<?> c) {
        return c.getName().replace('.', '/') + ".java";
    }
}
