package org.transferlab.ui.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.Chapters;

/**
 * What a tile can show: a whole view of a chapter ({@code figure} null), or one figure of it (by the name it is
 * exported under). Its key, {@code chapter/view} or {@code chapter/view#figure}, is what a saved layout stores.
 */
public record TileItem(String chapter, String view, String figure, String title) {
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("loss-components", "loss components"),
            Map.entry("accuracy", "accuracy"), Map.entry("temperature", "softened outputs"),
            Map.entry("task-losses", "loss per task"), Map.entry("task-weights", "loss weights"),
            Map.entry("task-accuracy", "per-task accuracy"), Map.entry("gradient-conflict", "gradient conflict"),
            Map.entry("structures", "A2 structures"), Map.entry("cross-stitch-alpha", "cross-stitch α"),
            Map.entry("lambda", "λ heat map"), Map.entry("lambda-curves", "λ curves"),
            Map.entry("pair-losses", "pair losses"), Map.entry("channel-weights", "channel weights"),
            Map.entry("layer-drift", "layer drift"));

    public String key() {
        return chapter + "/" + view + (figure == null ? "" : "#" + figure);
    }

    @Override
    public String toString() {
        return title;
    }

    /** A short name for a tile's header: "Loss weights · part 2", "Attention maps · part 1". */
    public String compact() {
        Chapter c = Chapters.find(chapter).orElse(null);
        String where = c == null ? chapter : c.title().contains(" · ") ? shortTitle(c).toLowerCase() : chapter;
        if (figure != null) {
            String f = figureName(figure);
            return Character.toUpperCase(f.charAt(0)) + f.substring(1) + " · " + where;
        }
        String v = c == null ? view : c.views().stream().filter(x -> x.id().equals(view)).map(ChapterView::title)
                .findFirst().orElse(view);
        return v + " · " + where;
    }

    /** The figure's name as a reader says it ({@code task-weights} → "loss weights"). */
    public static String figureName(String figure) {
        return NAMES.getOrDefault(figure, figure.replace('-', ' '));
    }

    /** A chapter's short name: "Part 1", "Chapter 3", or its title when it has no " · ". */
    static String shortTitle(Chapter c) {
        int dot = c.title().indexOf(" · ");
        return dot > 0 ? c.title().substring(0, dot) : c.title();
    }

    /** Everything the registered chapters offer a tile, in the course's order. */
    public static List<TileItem> all() {
        List<TileItem> out = new ArrayList<>();
        for (Chapter c : Chapters.all()) {
            for (ChapterView v : c.views()) {
                out.add(new TileItem(c.id(), v.id(), null, shortTitle(c) + " · " + v.title()));
                if (v.figures().size() > 1) {
                    for (String f : v.figures()) {
                        if (!f.endsWith("*")) {
                            out.add(new TileItem(c.id(), v.id(), f, shortTitle(c) + " · " + v.title() + " › "
                                    + figureName(f)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The item of a key, or null when no registered chapter offers it (a layout saved with another version). */
    public static TileItem of(String key) {
        return all().stream().filter(i -> i.key().equals(key)).findFirst().orElse(null);
    }
}
