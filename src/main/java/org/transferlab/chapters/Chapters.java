package org.transferlab.chapters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every chapter of the course, by id: those registered in {@code META-INF/services/org.transferlab.chapters.Chapter}
 * (the built-in ones, one line each, and any plug-in jar's) and any added at run time with {@link #register}. The
 * app's chapter list, {@code transferlab chapters}, {@code train CHAPTER}, resume, Compare runs and export all
 * loop over this list.
 */
public final class Chapters {
    private static final List<Chapter> LOADED = load();
    private static final List<Chapter> ADDED = new CopyOnWriteArrayList<>();

    private Chapters() {
    }

    private static List<Chapter> load() {
        List<Chapter> out = new ArrayList<>();
        for (Chapter c : ServiceLoader.load(Chapter.class, Chapters.class.getClassLoader())) {
            check(out, c);
            out.add(c);
        }
        return List.copyOf(out);
    }

    private static void check(List<Chapter> known, Chapter c) {
        if (!c.id().matches("[a-z][a-z0-9-]*")) {
            throw new IllegalStateException("chapter id '" + c.id() + "' must be lower-case letters, digits and '-'");
        }
        if (known.stream().anyMatch(k -> k.id().equals(c.id()))) {
            throw new IllegalStateException("two chapters are called " + c.id());
        }
        for (ChapterView v : c.views()) {
            if (known.stream().flatMap(k -> k.views().stream()).anyMatch(w -> w.id().equals(v.id()))) {
                throw new IllegalStateException("chapter " + c.id() + ": another chapter has a view called " + v.id());
            }
        }
    }

    /** Adds a chapter at run time (a plug-in, a test); refused if its id or a view id is taken. */
    public static synchronized void register(Chapter c) {
        check(all(), c);
        ADDED.add(c);
    }

    /** Removes a chapter added with {@link #register} (tests clean up after themselves). */
    public static synchronized void unregister(String id) {
        ADDED.removeIf(c -> c.id().equals(id));
    }

    /** Every chapter, in the course's order. */
    public static List<Chapter> all() {
        List<Chapter> out = new ArrayList<>(LOADED);
        out.addAll(ADDED);
        out.sort(Comparator.comparingInt(Chapter::order).thenComparing(Chapter::id));
        return out;
    }

    public static List<String> ids() {
        return all().stream().map(Chapter::id).toList();
    }

    public static Chapter get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown chapter '" + id + "'; choose one of "
                + ids()));
    }

    public static Optional<Chapter> find(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The chapters that train headless ({@code train CHAPTER}). */
    public static List<Chapter> training() {
        return all().stream().filter(c -> c.trainCommand() != null).toList();
    }

    /** The chapter whose run a folder's {@code config.json} describes, if any chapter claims it. */
    public static Optional<Chapter> ofRun(String chapterField, String exerciseField) {
        return all().stream().filter(c -> c.ownsRun(chapterField, exerciseField)).findFirst();
    }

    /** The chapter that has a view of that id. */
    public static Optional<Chapter> ofView(String viewId) {
        return all().stream().filter(c -> c.views().stream().anyMatch(v -> v.id().equals(viewId))).findFirst();
    }
}
