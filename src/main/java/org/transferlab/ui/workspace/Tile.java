package org.transferlab.ui.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.Chapters;
import org.transferlab.chapters.RunAtEpoch;
import org.transferlab.chapters.SavedRun;
import org.transferlab.export.Figures;
import org.transferlab.ui.views.Charts;

/**
 * One tile of the workspace: a header (what it shows, which run, the epoch of a saved run, its own window, close)
 * over the content. Live, it shows the chapter's own live chart or view where there is one, else the figures of the
 * chapter's newest run folder, redrawn when the folder changes; bound to a saved run, that run's figures at the
 * epoch chosen on the slider (the epochs the run kept).
 */
public final class Tile extends BorderPane {
    /** Where a tile's run comes from: live ({@code dir} null) or a saved folder. */
    public record Source(String label, Path dir) {
        static final Source LIVE = new Source("Live", null);

        @Override
        public String toString() {
            return label;
        }
    }

    private final Catalogue catalogue;
    private final ComboBox<TileItem> what = new ComboBox<>();
    private final ComboBox<Source> from = new ComboBox<>();
    private final Slider epoch = new Slider();
    private final Label epochLabel = new Label();
    final Button window = new Button("↗");
    final Button close = new Button("×");
    private final javafx.scene.layout.VBox header;
    private final Timeline follow;
    private Node content;
    private String borrowed;
    private Node borrowedNode;
    private FiguresPane figures;
    private JFreeChart liveChart;
    private List<Integer> epochs = List.of();
    private boolean updating;
    private int number;

    Tile(Catalogue catalogue, Layout.Spec spec, int number) {
        this.catalogue = catalogue;
        this.number = number;
        getStyleClass().add("workspace-tile");
        what.getItems().setAll(TileItem.all());
        what.setVisibleRowCount(20);
        what.setMaxWidth(Double.MAX_VALUE);
        what.setMinWidth(80);
        from.setMaxWidth(Double.MAX_VALUE);
        from.setMinWidth(80);
        epoch.setMinWidth(60);
        epoch.setPrefWidth(140);
        epoch.setSnapToTicks(true);
        epoch.setMajorTickUnit(1);
        epoch.setMinorTickCount(0);
        epochLabel.setMinWidth(Label.USE_PREF_SIZE);
        window.setTooltip(new Tooltip("Show this tile in its own window (a second screen, the projector) and back"));
        window.setId("tile-window");
        what.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(TileItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.compact());
            }
        });
        from.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Source s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.dir() == null ? s.label() : s.dir().getFileName().toString());
            }
        });
        close.setTooltip(new Tooltip("Close this tile"));
        what.setTooltip(new Tooltip("What this tile shows: any view of any chapter, or one of its figures"));
        from.setTooltip(new Tooltip("The run it shows: Live (the run training, else the chapter's newest), or a "
                + "saved run (prepared before class)"));
        HBox.setHgrow(what, Priority.ALWAYS);
        HBox.setHgrow(from, Priority.SOMETIMES);
        window.setMinWidth(Button.USE_PREF_SIZE);
        close.setMinWidth(Button.USE_PREF_SIZE);
        HBox first = new HBox(6, what, window, close);
        first.setAlignment(Pos.CENTER_LEFT);
        HBox third = new HBox(6, epoch, epochLabel);
        third.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(epoch, Priority.ALWAYS);
        epoch.setMaxWidth(Double.MAX_VALUE);
        third.managedProperty().bind(epoch.managedProperty());
        third.visibleProperty().bind(epoch.visibleProperty());
        header = new javafx.scene.layout.VBox(3, first, from, third);
        header.setPadding(new Insets(3, 4, 3, 4));
        header.getStyleClass().add("workspace-tile-header");
        setTop(header);
        setMinSize(0, 0);
        // what does not fit is cut at the tile's edge, never drawn over its neighbour
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        what.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                refillSources(null);
                rebuild();
            }
        });
        from.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                rebuild();
            }
        });
        epoch.valueProperty().addListener((o, a, b) -> {
            if (!updating && !epoch.isValueChanging()) {
                showEpoch();
            }
        });
        epoch.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) {
                showEpoch();
            }
        });
        follow = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            if (figures != null && source().dir() == null) {
                figures.show(catalogue.newest(item().chapter()), null);
            }
        }));
        follow.setCycleCount(Timeline.INDEFINITE);
        set(spec);
    }

    /** Shows a layout's tile: its item, its run and epoch (an unknown item falls back to the first). */
    void set(Layout.Spec spec) {
        TileItem item = TileItem.of(spec.item());
        updating = true;
        what.setValue(item != null ? item : what.getItems().get(0));
        updating = false;
        refillSources(spec.run());
        rebuild();
        if (spec.epoch() != null && epochs.contains(spec.epoch())) {
            showEpoch(spec.epoch());
        }
    }

    /** What the tile shows, as a layout stores it. */
    public Layout.Spec spec() {
        Source s = source();
        boolean ended = epochs.isEmpty() || shownEpoch() == epochs.get(epochs.size() - 1); // the run as it ended
        return new Layout.Spec(item().key(), s.dir(), s.dir() == null || ended ? null : shownEpoch());
    }

    public TileItem item() {
        return what.getValue();
    }

    public Source source() {
        return from.getValue() == null ? Source.LIVE : from.getValue();
    }

    /** Binds the tile to a saved run folder (null: live), keeping what it shows. */
    public void bind(Path runDir) {
        refillSources(runDir);
        rebuild();
    }

    /** Shows the saved run at one of its kept epochs (tests, layouts). */
    public void showEpoch(int e) {
        if (!epochs.contains(e)) {
            throw new IllegalArgumentException("the run kept epochs " + epochs + ", not " + e);
        }
        updating = true;
        epoch.setValue(epochs.indexOf(e)); // the slider runs over the kept epochs' positions
        updating = false;
        showEpoch();
    }

    /** The epochs of the bound saved run the slider offers (empty when live). */
    public List<Integer> epochs() {
        return epochs;
    }

    private int shownEpoch() {
        int i = (int) Math.round(epoch.getValue());
        return epochs.get(Math.max(0, Math.min(epochs.size() - 1, i)));
    }

    private void refillSources(Path select) {
        updating = true;
        List<Source> s = new ArrayList<>();
        s.add(Source.LIVE);
        Source chosen = Source.LIVE;
        for (SavedRun r : catalogue.saved(item().chapter())) {
            Source x = new Source(r.dir().getFileName() + " · " + r.label(), r.dir());
            s.add(x);
            if (r.dir().equals(select)) {
                chosen = x;
            }
        }
        if (select != null && chosen == Source.LIVE) { // a folder Compare runs does not list (a layout's)
            chosen = new Source(select.getFileName().toString(), select);
            s.add(chosen);
        }
        from.getItems().setAll(s);
        from.setValue(chosen);
        updating = false;
    }

    /** Builds the content for the item and the run chosen. */
    private void rebuild() {
        release();
        TileItem item = item();
        Chapter chapter = Chapters.find(item.chapter()).orElseThrow();
        ChapterView view = chapter.views().stream().filter(v -> v.id().equals(item.view())).findFirst().orElseThrow();
        Source s = source();
        epochs = List.of();
        Node node = null;
        if (s.dir() == null) {
            Map<String, JFreeChart> charts = catalogue.charts(item.chapter(), item.view());
            if (item.figure() != null && charts.containsKey(item.figure())) {
                liveChart = charts.get(item.figure());
                node = small(Charts.viewer(liveChart));
            } else if (item.figure() == null) {
                Node lent = catalogue.borrow(item.view(), "workspace tile " + number);
                if (lent != null) {
                    borrowed = item.view();
                    borrowedNode = lent;
                    // a view wider or taller than its tile scrolls rather than being cut
                    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(lent);
                    scroll.setFitToWidth(true);
                    scroll.setFitToHeight(true);
                    scroll.viewportBoundsProperty().addListener((o, a, b) -> {
                        scroll.setFitToWidth(b.getWidth() >= lent.minWidth(-1) && b.getWidth() >= lent.prefWidth(-1) * 0.6);
                        scroll.setFitToHeight(b.getHeight() >= lent.minHeight(b.getWidth()));
                    });
                    node = scroll;
                }
            }
        }
        if (node == null) {
            figures = new FiguresPane(chapter, view, item.figure());
            node = figures;
            if (s.dir() == null) {
                figures.show(catalogue.newest(item.chapter()), null);
                follow.play();
            } else {
                try {
                    epochs = RunAtEpoch.epochs(s.dir());
                } catch (java.io.IOException e) {
                    epochs = List.of();
                }
                figures.show(s.dir(), null);
            }
        }
        boolean slider = epochs.size() > 1;
        updating = true;
        if (slider) {
            epoch.setMin(0);
            epoch.setMax(epochs.size() - 1);
            epoch.setValue(epochs.size() - 1);
            epochLabel.setText("epoch " + epochs.get(epochs.size() - 1));
        }
        updating = false;
        for (Node n : List.of(epoch, epochLabel)) {
            n.setVisible(slider);
            n.setManaged(slider);
        }
        content = node;
        setCenter(node);
    }

    /** A chart viewer that shrinks with its tile. */
    static Node small(javafx.scene.layout.Region viewer) {
        viewer.setMinSize(0, 0);
        viewer.setPrefSize(10, 10);
        return viewer;
    }

    private void showEpoch() {
        if (figures == null || epochs.isEmpty() || source().dir() == null) {
            return;
        }
        int e = shownEpoch();
        epochLabel.setText("epoch " + e);
        figures.show(source().dir(), e == epochs.get(epochs.size() - 1) ? null : e);
    }

    /** Gives back a borrowed live view and stops following. */
    void release() {
        follow.stop();
        if (borrowed != null && borrowedNode != null) {
            setCenter(null);
            if (content instanceof javafx.scene.control.ScrollPane sp) {
                sp.setContent(null);
            }
            catalogue.giveBack(borrowed, borrowedNode);
        }
        borrowed = null;
        borrowedNode = null;
        figures = null;
        liveChart = null;
        content = null;
    }

    private boolean suspended;

    /**
     * Gives a borrowed live view back to its tab while the workspace is not shown (a tile in its own window keeps
     * it); {@link #resume} borrows it again.
     */
    void suspend() {
        if (borrowed != null) {
            release();
            suspended = true;
            Label l = new Label("Shown in its own tab while the workspace is hidden.");
            setCenter(l);
        }
    }

    void resume() {
        if (suspended) {
            suspended = false;
            rebuild();
        }
    }

    void number(int n) {
        number = n;
    }

    /** What the tile shows as drawings for the workspace's figure: live charts, run figures, or null (a raster). */
    List<Figures.Drawing> drawings() {
        if (liveChart != null) {
            return List.of(Figures.Drawing.of(liveChart));
        }
        if (figures != null) {
            return figures.figures().stream().map(f -> f.drawing()).toList();
        }
        return null;
    }

    /** The content node (its raster stands for a borrowed view in the workspace's figure). */
    Node content() {
        return content;
    }

    /** The header's title for a window of its own. */
    String title() {
        return item().title() + " · " + source().label();
    }

    /** The note a figures tile shows (tests). */
    public String note() {
        return figures == null ? "" : figures.note();
    }

    /** The number of figures a figures tile shows (tests). */
    public int figureCount() {
        return figures == null ? -1 : figures.figures().size();
    }

    /** Whether the tile shows a live chart or a borrowed live view rather than figures from files (tests). */
    public boolean isLive() {
        return figures == null;
    }

    public ComboBox<TileItem> whatBox() {
        return what;
    }

    public ComboBox<Source> fromBox() {
        return from;
    }
}
