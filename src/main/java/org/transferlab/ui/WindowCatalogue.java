package org.transferlab.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import org.jfree.chart.JFreeChart;
import org.transferlab.chapters.Chapters;
import org.transferlab.chapters.SavedRun;
import org.transferlab.io.Json;
import org.transferlab.ui.views.RunFiguresView;
import org.transferlab.ui.workspace.Catalogue;

/**
 * What the window lends its workspace: the live charts of part 1's views and of the chapters' screens, its tabs'
 * live views (a tab shows where its view went while a tile has it), and the runs it knows, newest first.
 */
final class WindowCatalogue implements Catalogue {
    private final Map<String, Tab> tabs;
    private final Map<String, ChapterScreen> screens;
    private final Map<String, Map<String, JFreeChart>> ownCharts;
    private final Supplier<List<SavedRun>> runs;
    private final Function<String, Path> latest;
    private final Path runsRoot;
    private final Map<String, Node> lent = new HashMap<>();

    WindowCatalogue(Map<String, Tab> tabs, Map<String, ChapterScreen> screens,
                    Map<String, Map<String, JFreeChart>> ownCharts, Supplier<List<SavedRun>> runs,
                    Function<String, Path> latest, Path runsRoot) {
        this.tabs = tabs;
        this.screens = screens;
        this.ownCharts = ownCharts;
        this.runs = runs;
        this.latest = latest;
        this.runsRoot = runsRoot;
    }

    @Override
    public Map<String, JFreeChart> charts(String chapter, String view) {
        if (ownCharts.containsKey(view)) {
            return ownCharts.get(view);
        }
        ChapterScreen s = screens.get(chapter);
        return s == null ? Map.of() : s.charts(view);
    }

    @Override
    public Node borrow(String view, String where) {
        Tab t = tabs.get(view);
        if (t == null || lent.containsKey(view) || t.getContent() == null
                || t.getContent() instanceof RunFiguresView) {
            return null;
        }
        Node n = t.getContent();
        Label away = new Label(t.getText() + " is shown in the Workspace (" + where + ").");
        away.setWrapText(true);
        away.setId("lent-" + view);
        t.setContent(away);
        lent.put(view, n);
        return n;
    }

    @Override
    public void giveBack(String view, Node node) {
        if (lent.remove(view) == node) {
            tabs.get(view).setContent(node);
        }
    }

    @Override
    public Path newest(String chapter) {
        Path known = latest.apply(chapter);
        Path onDisk = newestOnDisk(chapter);
        if (known == null) {
            return onDisk;
        }
        if (onDisk == null) {
            return known;
        }
        return onDisk.getFileName().toString().compareTo(known.getFileName().toString()) > 0 ? onDisk : known;
    }

    private final Map<String, Path> found = new HashMap<>();
    private final Map<String, Long> foundAt = new HashMap<>();

    /** {@link #scan}, at most every two seconds per chapter (the tiles ask every second, on the JavaFX thread). */
    private Path newestOnDisk(String chapter) {
        long now = System.nanoTime();
        Long at = foundAt.get(chapter);
        if (at == null || now - at > 2_000_000_000L) {
            found.put(chapter, scan(chapter));
            foundAt.put(chapter, now);
        }
        return found.get(chapter);
    }

    /** The newest folder of that chapter in the runs folder (names start with their time); a run just started too. */
    private Path scan(String chapter) {
        if (!Files.isDirectory(runsRoot)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(runsRoot)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted(Comparator.comparing((Path p) ->
                    p.getFileName().toString()).reversed()).limit(40).toList()) {
                Path config = d.resolve("config.json");
                if (!Files.isRegularFile(config)) {
                    continue;
                }
                try {
                    var c = Json.MAPPER.readTree(config.toFile());
                    if (Chapters.ofRun(c.path("chapter").asText(""), c.path("exercise").asText(""))
                            .map(x -> x.id().equals(chapter)).orElse(false)) {
                        return d;
                    }
                } catch (IOException e) {
                    // a damaged folder: Compare runs names it
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    @Override
    public List<SavedRun> saved(String chapter) {
        return runs.get().stream().filter(r -> r.chapter().equals(chapter))
                .sorted(Comparator.comparing((SavedRun r) -> r.dir().getFileName().toString()).reversed()).toList();
    }
}
