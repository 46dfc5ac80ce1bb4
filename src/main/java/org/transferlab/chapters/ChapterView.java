package org.transferlab.chapters;

import java.util.List;

/**
 * One view of a chapter: its id (the app's tab, {@code TransferLabApp.show(id)}), its title, and the figures of a
 * run folder that belong to it when exported ({@link Chapter#figures} by name; a name ending in {@code *} is a
 * prefix, {@code attention-*}). A view with no figures exports what the app draws live, or nothing.
 */
public record ChapterView(String id, String title, List<String> figures) {
    public ChapterView {
        figures = List.copyOf(figures);
    }

    public static ChapterView of(String id, String title, String... figures) {
        return new ChapterView(id, title, List.of(figures));
    }

    /** Whether a figure of that name is this view's. */
    public boolean shows(String figure) {
        for (String f : figures) {
            if (f.endsWith("*") ? figure.startsWith(f.substring(0, f.length() - 1)) : figure.equals(f)) {
                return true;
            }
        }
        return false;
    }
}
