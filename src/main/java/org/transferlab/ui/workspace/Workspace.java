package org.transferlab.ui.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.transferlab.export.Figures;

/**
 * The workspace: 1 to 4 tiles (a row, a column, 2×2), a layout chooser with the classroom's layouts and the user's
 * own, and the workspace exported as one figure laid out as on screen. A tile can go to a window of its own and
 * come back (closing the window brings it back).
 */
public final class Workspace extends BorderPane {
    private final Catalogue catalogue;
    private final Path layoutsFolder;
    private final Consumer<String> message;
    private final ComboBox<Layout> layouts = new ComboBox<>();
    private final GridPane grid = new GridPane();
    private final List<Tile> tiles = new ArrayList<>();
    private final List<Stage> windows = new ArrayList<>();
    private Layout.Arrangement arrangement = Layout.Arrangement.ROW;
    private boolean updating;

    public Workspace(Catalogue catalogue, Path layoutsFolder, Consumer<String> message) {
        this.catalogue = catalogue;
        this.layoutsFolder = layoutsFolder;
        this.message = message;
        setId("workspace");
        layouts.setId("workspace-layouts");
        layouts.setPromptText("Layouts for the classroom");
        layouts.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the bar wraps rather than cutting a name
        layouts.setTooltip(new Tooltip("Ready-made classroom layouts and your own (Save layout…)"));
        layouts.valueProperty().addListener((o, a, l) -> {
            if (l != null && !updating) {
                apply(l);
            }
        });
        Label label = new Label("Layout");
        label.setMinWidth(Label.USE_PREF_SIZE);
        FlowPane bar = new FlowPane(6, 4, label, layouts, new Separator(javafx.geometry.Orientation.VERTICAL),
                shape("1", "One tile", Layout.Arrangement.ROW, 1),
                shape("2 ⇆", "Two tiles side by side", Layout.Arrangement.ROW, 2),
                shape("2 ⇅", "Two tiles, one above the other", Layout.Arrangement.COLUMN, 2),
                shape("3", "Three tiles in a row", Layout.Arrangement.ROW, 3),
                shape("2×2", "Four tiles, two by two", Layout.Arrangement.GRID, 4),
                new Separator(javafx.geometry.Orientation.VERTICAL), button("Save layout…", "save-layout"),
                button("Export workspace…", "export-workspace"));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("workspace-bar");
        setTop(bar);
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(4));
        setCenter(grid);
        setMinSize(0, 0);
        grid.setMinSize(0, 0);
        refreshLayouts();
    }

    private boolean active;

    /**
     * Whether the workspace is shown: tiles borrow the window's live views only while it is (the first time, it
     * opens the first classroom layout); hidden, they give them back to their tabs, except in tiles' own windows.
     */
    public void setActive(boolean on) {
        active = on;
        if (on && tiles.isEmpty()) {
            apply(Layout.builtIn().get(0));
        }
        for (Tile t : tiles) {
            if (away.containsKey(t)) {
                continue;
            }
            if (on) {
                t.resume();
            } else {
                t.suspend();
            }
        }
    }

    private Button saveButton;
    private Button exportButton;
    private Consumer<Workspace> onSave = w -> { };
    private Consumer<Workspace> onExport = w -> { };

    private Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Button.USE_PREF_SIZE);
        b.setOnAction(e -> (id.equals("save-layout") ? onSave : onExport).accept(this));
        if (id.equals("save-layout")) {
            saveButton = b;
        } else {
            exportButton = b;
        }
        return b;
    }

    /** What Save layout… and Export workspace… do (the window asks for the name or the file). */
    public void onSave(Consumer<Workspace> action) {
        onSave = action;
    }

    public void onExport(Consumer<Workspace> action) {
        onExport = action;
    }

    private Button shape(String text, String tip, Layout.Arrangement a, int n) {
        Button b = new Button(text);
        b.setId("workspace-" + n + "-" + a.name().toLowerCase());
        b.setMinWidth(Button.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> arrange(a, n));
        return b;
    }

    /** The layouts offered: the built-in ones, then the user's saved ones. */
    public void refreshLayouts() {
        List<String> problems = new ArrayList<>();
        List<Layout> all = new ArrayList<>(Layout.builtIn());
        all.addAll(Layout.saved(layoutsFolder, problems));
        updating = true;
        Layout shown = layouts.getValue();
        layouts.getItems().setAll(all);
        layouts.setValue(shown);
        updating = false;
        if (!problems.isEmpty()) {
            message.accept("Some saved layouts were left out: " + String.join("; ", problems));
        }
    }

    /** Shows a layout: its arrangement and its tiles. */
    public void apply(Layout layout) {
        arrangement = layout.arrangement();
        bringBackAll();
        tiles.forEach(Tile::release);
        tiles.clear();
        for (Layout.Spec s : layout.tiles()) {
            tiles.add(newTile(s));
        }
        place();
        updating = true;
        layouts.setValue(layout);
        updating = false;
    }

    /** Changes the number and arrangement of tiles, keeping what the first ones show. */
    public void arrange(Layout.Arrangement a, int n) {
        arrangement = a;
        while (tiles.size() > n) {
            Tile t = tiles.remove(tiles.size() - 1);
            t.release();
        }
        List<TileItem> all = TileItem.all();
        while (tiles.size() < n) {
            tiles.add(newTile(Layout.Spec.live(all.get(Math.min(tiles.size(), all.size() - 1)).key())));
        }
        place();
        updating = true;
        layouts.setValue(null);
        updating = false;
    }

    private Tile newTile(Layout.Spec s) {
        Tile t = new Tile(catalogue, s, tiles.size() + 1);
        t.close.setOnAction(e -> close(t));
        t.window.setOnAction(e -> detach(t));
        return t;
    }

    private void close(Tile t) {
        if (tiles.size() == 1) {
            message.accept("The workspace keeps at least one tile.");
            return;
        }
        tiles.remove(t);
        t.release();
        if (tiles.size() < 4 && arrangement == Layout.Arrangement.GRID) {
            arrangement = Layout.Arrangement.ROW;
        }
        place();
    }

    /** Puts the tiles into the grid: a row, a column, or two by two. */
    private void place() {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        int n = tiles.size();
        int cols = switch (arrangement) {
            case ROW -> n;
            case COLUMN -> 1;
            case GRID -> 2;
        };
        int rows = (int) Math.ceil(n / (double) cols);
        for (int c = 0; c < cols; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / cols);
            cc.setMinWidth(0);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setMinHeight(0);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < n; i++) {
            Tile t = tiles.get(i);
            t.number(i + 1);
            Node cell = detached(t) != null ? placeholder(t) : t;
            grid.add(cell, i % cols, i / cols);
        }
    }

    private final java.util.Map<Tile, Stage> away = new java.util.HashMap<>();

    private Stage detached(Tile t) {
        return away.get(t);
    }

    /** A tile to a window of its own (a second screen, the projector); closing that window brings it back. */
    public Stage detach(Tile t) {
        if (away.containsKey(t)) {
            bringBack(t);
            return null;
        }
        Stage s = new Stage();
        s.setTitle(t.title() + " · TransferLab");
        BorderPane holder = new BorderPane();
        Scene scene = new Scene(holder, 900, 600);
        if (getScene() != null) {
            scene.getStylesheets().setAll(getScene().getStylesheets());
            if (getScene().getRoot().getStyleClass().contains("presentation")) {
                holder.getStyleClass().add("presentation");
            }
        }
        s.setScene(scene);
        away.put(t, s);
        place(); // the cell shows where the tile went
        holder.setCenter(t);
        s.setOnHidden(e -> bringBack(t));
        windows.add(s);
        s.show();
        return s;
    }

    /** Brings a tile back from its own window. */
    public void bringBack(Tile t) {
        Stage s = away.remove(t);
        if (s == null) {
            return;
        }
        ((BorderPane) s.getScene().getRoot()).setCenter(null);
        s.setOnHidden(null);
        s.close();
        windows.remove(s);
        place();
    }

    private void bringBackAll() {
        new ArrayList<>(away.keySet()).forEach(this::bringBack);
    }

    private Node placeholder(Tile t) {
        Label l = new Label("Tile " + (tiles.indexOf(t) + 1) + " is in its own window:\n" + t.title());
        l.setWrapText(true);
        Button back = new Button("Bring it back");
        back.setOnAction(e -> bringBack(t));
        VBox v = new VBox(8, l, back);
        v.setAlignment(Pos.CENTER);
        v.setPadding(new Insets(12));
        v.getStyleClass().add("workspace-placeholder");
        return v;
    }

    /** The tiles, in reading order. */
    public List<Tile> tiles() {
        return List.copyOf(tiles);
    }

    public Layout.Arrangement arrangement() {
        return arrangement;
    }

    /** What the workspace shows, as a layout named {@code name} (Save layout…). */
    public Layout layout(String name) {
        return new Layout(name, arrangement, tiles.stream().map(Tile::spec).toList());
    }

    /** Saves what the workspace shows as a layout of the user's (atomically) and offers it in the chooser. */
    public Path save(String name) throws IOException {
        String file = Figures.slug(name);
        Path f = layoutsFolder.resolve((file.isEmpty() ? "layout" : file) + ".layout.json");
        java.nio.file.Files.createDirectories(layoutsFolder);
        Layout l = layout(name);
        l.write(f);
        refreshLayouts();
        updating = true;
        layouts.getItems().stream().filter(x -> x.name().equals(name)).reduce((a, b) -> b).ifPresent(layouts::setValue);
        updating = false;
        return f;
    }

    /**
     * The workspace as one drawing, laid out as on screen: each tile's figures (a live chart, or the figures of its
     * run as shown), or a picture of a live view the window draws itself; the tiles' own windows included.
     */
    public Figures.Drawing drawing() {
        int cols = arrangement == Layout.Arrangement.ROW ? tiles.size() : arrangement == Layout.Arrangement.GRID ? 2 : 1;
        int rows = (int) Math.ceil(tiles.size() / (double) cols);
        List<Figures.Drawing> cells = new ArrayList<>();
        for (Tile t : tiles) {
            List<Figures.Drawing> d = t.drawings();
            if (d == null || d.isEmpty()) {
                Node n = t.content() != null ? t.content() : t;
                var image = SwingFXUtils.fromFXImage(n.snapshot(null, null), null);
                cells.add(Figures.raster(t.item().title(), image));
            } else if (d.size() == 1) {
                cells.add(d.get(0));
            } else {
                int c = (int) Math.ceil(Math.sqrt(d.size()));
                cells.add(Figures.grid(t.item().title(), d, c, (int) Math.ceil(d.size() / (double) c)));
            }
        }
        String title = layouts.getValue() != null ? layouts.getValue().name() : "TransferLab workspace";
        return Figures.grid(title, cells, cols, rows);
    }

    /** Writes {@link #drawing} as PNG (2×), SVG or PDF, at the workspace's size on screen. */
    public void export(Path file, Figures.Format format) throws IOException {
        int w = (int) Math.max(400, Math.round(grid.getWidth()));
        int h = (int) Math.max(250, Math.round(grid.getHeight()));
        Figures.write(drawing(), format, 2, file, w, h);
    }

    /** Closes the tiles' own windows and gives back the live views (the window closing). */
    public void dispose() {
        bringBackAll();
        tiles.forEach(Tile::release);
    }

    /** The open windows of tiles (tests). */
    public List<Stage> windows() {
        return List.copyOf(windows);
    }
}
