package org.transferlab.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.Chapters;
import org.transferlab.engine.Backend;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.chapters.SavedRun;
import org.transferlab.engine.Scenario;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingRun;
import org.transferlab.engine.LiveRun;
import org.transferlab.exercises.Card;
import org.transferlab.exercises.ExerciseStore;
import org.transferlab.exercises.StudentRun;
import org.transferlab.ui.views.ExerciseView;
import org.transferlab.lessons.Lessons;
import org.transferlab.ui.views.AnatomyView;
import org.transferlab.ui.views.AttentionView;
import org.transferlab.ui.views.Charts;
import org.transferlab.ui.views.CompareView;
import org.transferlab.ui.views.MultiTaskView;
import org.transferlab.ui.views.CurvesView;
import org.transferlab.ui.views.GuidePanel;
import org.transferlab.ui.views.RunView;
import org.transferlab.ui.views.TemperatureView;

/**
 * The TransferLab window: set-up and exercise guide on the sides, the live views in tabs, Train / Pause /
 * Stop with progress on top, the backend and messages below. Runs are saved under
 * {@code ~/.transferlab/runs} (or {@code $transferlab.home/runs}) and reappear in the comparison after a restart.
 */
public final class TransferLabApp extends Application {
    private static final String SHIPPED_SCENARIOS = "/scenarios/";

    private final SetupPanel setup = new SetupPanel();
    private final GuidePanel guide = new GuidePanel();
    private final javafx.beans.property.IntegerProperty sample = new javafx.beans.property.SimpleIntegerProperty(0);
    private final CurvesView curves = new CurvesView();
    private final AttentionView attention = new AttentionView(sample);
    private final TemperatureView temperature = new TemperatureView(sample);
    private final AnatomyView anatomy = new AnatomyView();
    private final org.transferlab.ui.views.RelationsView relations = new org.transferlab.ui.views.RelationsView();
    private final CompareView compare = new CompareView();
    private final Map<String, Lessons.Card> lessons2 = Lessons.part2();
    /** The chapters that draw with JavaFX views of their own, by chapter id. */
    private final Map<String, ChapterScreen> screens = new java.util.LinkedHashMap<>();
    /** Each later chapter's lesson cards, by chapter id (read once, when the chapter is first shown). */
    private final Map<String, Map<String, Lessons.Card>> chapterLessons = new java.util.HashMap<>();
    private final ExerciseView exercises = new ExerciseView(ExerciseStore.standard());
    /** The engine's run of the same settings, started when a run with the student's code ends. */
    private Runnable afterStudentRun;
    private final PulseMonitor pulses = new PulseMonitor();
    private RunBridge bridge;
    private final ProgressPanel progress = new ProgressPanel();
    private final Label status = new Label("Starting the training backend…");
    private final Label message = new Label();
    private final Button train = new Button("Train");
    private final Button pause = new Button("Pause");
    private final Button stop = new Button("Stop");
    private final Button trainSeeds = new Button("Train 3 seeds");
    /** Runs waiting for the one training now to finish ("Train 3 seeds"). */
    private final org.transferlab.ui.model.SeedQueue<TrainingConfig> queue = new org.transferlab.ui.model.SeedQueue<>();
    private final TabPane tabs = new TabPane();
    private final Map<String, Lessons.Card> lessons = Lessons.part1();
    private Stage stage;
    private LiveRun run;
    private Path runDir;
    private BorderPane root;
    private ScrollPane setupScroll;
    private final SplitPane split = new SplitPane();
    private javafx.scene.Node chapterListNode;

    /** Where runs are saved: {@code $transferlab.home/runs}, default {@code ~/.transferlab/runs}. */
    public static Path runsRoot() {
        return RunFolders.defaultRoot();
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        root = new BorderPane();
        root.setTop(new VBox(menus(), toolbar()));
        views.put("curves", tab("curves", "Curves", curves));
        views.put("attention", tab("attention", "Attention maps", attention));
        views.put("temperature", tab("temperature", "Temperature", temperature));
        views.put("anatomy", tab("anatomy", "Loss anatomy", anatomy));
        views.put("relations", tab("relations", "Relations", relations));
        views.put("exercises", tab("exercises", "Exercises", exercises));
        ChapterScreen.Shell shell = new ChapterScreen.Shell(runsRoot(), message::setText,
                () -> loadSavedRuns(runsRoot()), this::follow, this::latestRun);
        for (ChapterScreen screen : java.util.ServiceLoader.load(ChapterScreen.class, TransferLabApp.class.getClassLoader())) {
            screen.open(shell);
            screens.put(screen.chapter(), screen);
        }
        views.put(COMPARE, tab(COMPARE, "Compare runs", compare));
        views.put(OPENED, tab(OPENED, "Opened run", opened));
        Map<String, Map<String, org.jfree.chart.JFreeChart>> part1Charts = Map.of(
                "curves", Map.of("loss-components", curves.lossChart(), "accuracy", curves.accuracyChart()),
                "temperature", Map.of("temperature", temperature.chart()));
        workspace = new org.transferlab.ui.workspace.Workspace(new WindowCatalogue(views, screens, part1Charts,
                compare::runs, this::latestRun, runsRoot()), runsRoot().resolveSibling("layouts"), message::setText);
        workspace.onSave(w -> saveLayout());
        workspace.onExport(w -> exportWorkspace());
        views.put(WORKSPACE, tab(WORKSPACE, "Workspace", workspace));
        compare.onOpen(r -> openRun(r.dir()));
        // a registered chapter's view that has no JavaFX view of its own shows the figures of its latest run
        for (Chapter c : Chapters.all()) {
            ChapterScreen screen = screens.get(c.id());
            for (ChapterView v : c.views()) {
                javafx.scene.Node own = screen == null ? null : screen.view(v.id());
                if (own != null) {
                    views.put(v.id(), tab(v.id(), v.title(), own));
                } else if (!views.containsKey(v.id())) {
                    views.put(v.id(), tab(v.id(), v.title(), new org.transferlab.ui.views.RunFiguresView(c, v,
                            () -> latestRun(c.id()))));
                } else {
                    views.get(v.id()).setText(v.title());
                }
            }
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            workspace.setActive(t != null && WORKSPACE.equals(t.getUserData()));
            arrangeColumns();
            guideForTab();
            if (t != null && chapter != null && screens.containsKey(chapter.id())) {
                screens.get(chapter.id()).shown((String) t.getUserData());
            }
            if (t != null && t.getContent() instanceof org.transferlab.ui.views.RunFiguresView f) {
                f.redraw(); // the folder may be the same one, written since (e.g. a run training now)
            }
        });
        part2().view().onExercise(e -> guideForTab());
        part2().onStudentTraining(exercises::setTraining);
        compare.onResume(this::resumeRun);
        compare.onRunSeeds(this::runSeeds);
        exercises.onTrain(this::trainWithStudentCode);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setupScroll = new ScrollPane(setup);
        setupScroll.setFitToWidth(true);
        setupScroll.setMinWidth(420);
        split.getItems().setAll(setupScroll, tabs, guide);
        split.setDividerPositions(0.28, 0.785);
        root.setCenter(drawers);
        javafx.scene.control.ScrollPane chapters = new javafx.scene.control.ScrollPane(chapterList());
        chapters.setFitToWidth(true);
        chapters.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        chapters.getStyleClass().add("chapter-scroll");
        chapterListNode = chapters;
        root.setLeft(chapterListNode);
        showChapter("part1");
        // two halves whose lines wrap: a long backend line or message is never cut (projector mode, small windows)
        javafx.scene.layout.GridPane bar = new javafx.scene.layout.GridPane();
        bar.setHgap(16);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(50);
            bar.getColumnConstraints().add(cc);
        }
        for (Label l : List.of(status, message)) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        bar.add(status, 0, 0);
        bar.add(message, 1, 0);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        status.setId("status");
        message.setId("message");
        root.setBottom(bar);
        Scene scene = new Scene(root, 1500, 920);
        scene.getStylesheets().add(TransferLabApp.class.getResource("/ui/transferlab.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("TransferLab · transfer learning, live");
        var icon = TransferLabApp.class.getResource("transferlab.png"); // the installers' icon too
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
        }
        stage.setOnCloseRequest(e -> {
            if (!confirmClose()) {
                e.consume();
            } else {
                workspace.dispose(); // the tiles' own windows close with the main one
            }
        });
        setup.onExerciseChanged(this::showLesson);
        showLesson(setup.exerciseBox().getValue());
        train.disableProperty().bind(setup.validBinding().not());
        idle();
        loadSavedRuns(runsRoot());
        stage.show();
        Thread warm = new Thread(() -> {
            String backend = Backend.describe();
            String notice = Backend.fallbackNotice();
            Platform.runLater(() -> {
                if (run == null && followed == null) { // a run's own status line is not overwritten
                    status.setText("Backend: " + backend + (notice == null ? "" : " · " + notice)
                            + " · runs saved in " + runsRoot());
                }
            });
        }, "transferlab-backend-start");
        warm.setDaemon(true);
        warm.start();
        if (Screenshots.hook != null) {
            Screenshots.hook.accept(this);
        }
    }

    private static Tab tab(String id, String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + id);
        t.setUserData(id);
        return t;
    }

    /** The chapters of the course, one button each, on the window's left edge. */
    private javafx.scene.Node chapterList() {
        VBox list = new VBox(4);
        list.setId("chapters");
        list.getStyleClass().add("chapters");
        list.setPadding(new Insets(8));
        list.setPrefWidth(168);
        list.setMinWidth(168);
        list.setMaxWidth(168);
        Label heading = new Label("The course");
        heading.getStyleClass().add("setup-heading");
        list.getChildren().add(heading);
        for (Chapter c : Chapters.all()) {
            Label title = new Label(c.title());
            title.setWrapText(true);
            title.getStyleClass().add("chapter-title");
            Label sub = new Label(c.subtitle());
            sub.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE); // every line shown: the list scrolls on a short screen
            sub.setMinHeight(Region.USE_PREF_SIZE);
            sub.getStyleClass().add("chapter-subtitle");
            VBox item = new VBox(2, title, sub);
            item.setId("chapter-" + c.id());
            item.getStyleClass().add("chapter-button");
            item.setOnMouseClicked(e -> showChapter(c.id()));
            item.setAccessibleRole(javafx.scene.AccessibleRole.TOGGLE_BUTTON);
            item.setAccessibleText(c.title());
            chapterButtons.put(c.id(), item);
            list.getChildren().add(item);
        }
        return list;
    }

    private final Map<String, Tab> views = new java.util.LinkedHashMap<>();
    private final Map<String, VBox> chapterButtons = new java.util.LinkedHashMap<>();
    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");
    private Chapter chapter;

    /** The shared view every chapter shows last. */
    public static final String COMPARE = "compare";

    /** Whether a chapter's set-up is the shared part-1 panel on the left (the others carry theirs in their views). */
    private static boolean hasSetupPanel(Chapter c) {
        return c.id().equals(org.transferlab.part1.Part1Chapter.ID);
    }

    /** Whether a chapter has lesson cards for the guide column. */
    private static boolean hasGuide(Chapter c) {
        return c.id().equals(org.transferlab.part1.Part1Chapter.ID) || c.id().equals(org.transferlab.part2.Part2Chapter.ID)
                || Lessons.exists(c.id());
    }

    /** The ids of a chapter's views in tab order, then Compare runs, then the run opened last (if any). */
    private List<String> viewIds(Chapter c) {
        List<String> ids = new java.util.ArrayList<>(c.views().stream().map(ChapterView::id).toList());
        ids.add(WORKSPACE);
        ids.add(COMPARE);
        if (openedRun != null) {
            ids.add(OPENED);
        }
        return ids;
    }

    /** The workspace of tiles, shown in every chapter before Compare runs. */
    public static final String WORKSPACE = "workspace";
    private org.transferlab.ui.workspace.Workspace workspace;

    public org.transferlab.ui.workspace.Workspace workspace() {
        return workspace;
    }

    private void saveLayout() {
        TextInputDialog d = new TextInputDialog("My layout");
        d.setHeaderText("A name for this layout (it is offered in the Layout list from now on)");
        d.initOwner(stage);
        Optional<String> name = d.showAndWait();
        if (name.isEmpty() || name.get().isBlank()) {
            return;
        }
        try {
            Path f = workspace.save(name.get().strip());
            message.setText("Layout saved to " + f);
        } catch (IOException | RuntimeException ex) {
            error("Cannot save the layout", ex.getMessage());
        }
    }

    private void exportWorkspace() {
        FileChooser c = new FileChooser();
        c.setTitle("The workspace as one figure");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                new FileChooser.ExtensionFilter("SVG drawing", "*.svg"), new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        c.setInitialFileName("workspace.png");
        var f = c.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        String name = f.getName().toLowerCase(java.util.Locale.ROOT);
        org.transferlab.export.Figures.Format format = name.endsWith(".svg") ? org.transferlab.export.Figures.Format.SVG
                : name.endsWith(".pdf") ? org.transferlab.export.Figures.Format.PDF
                : org.transferlab.export.Figures.Format.PNG;
        try {
            workspace.export(f.toPath(), format);
            message.setText("Workspace written to " + f);
        } catch (IOException | RuntimeException ex) {
            error("Cannot export the workspace", ex.getMessage());
        }
    }

    /** The view of a run opened from disk, shared by every chapter once a run was opened. */
    public static final String OPENED = "opened-run";
    private final org.transferlab.ui.views.OpenedRunView opened = new org.transferlab.ui.views.OpenedRunView();
    private org.transferlab.chapters.SavedRun openedRun;

    /**
     * Opens a saved run of any chapter (File → Open run…, a double-click in Compare runs): its chapter is shown,
     * with an "Opened run" tab that draws every view's figures from the folder; false, with the reason shown, when
     * the folder is not a run this version can read.
     */
    public boolean openRun(Path dir) {
        try {
            org.transferlab.chapters.SavedRun r = org.transferlab.chapters.SavedRun.read(dir);
            Chapter c = Chapters.find(r.chapter()).orElseThrow(() -> new IOException(dir.getFileName()
                    + " was written by a chapter this TransferLab does not have"));
            openedRun = r;
            compare.add(r);
            opened.open(r, c);
            showChapter(c.id());
            show(OPENED);
            message.setText("Opened " + dir.getFileName() + " (" + c.title() + ")");
            return true;
        } catch (IOException | RuntimeException e) {
            error("Cannot open the run", e.getMessage());
            return false;
        }
    }

    /** The view of the run opened last (tests). */
    public org.transferlab.ui.views.OpenedRunView openedRunView() {
        return opened;
    }

    /** The newest run folder of a chapter among the runs Compare runs knows, or null. */
    public Path latestRun(String chapterId) {
        if (run != null && runDir != null && chapterId.equals(org.transferlab.part1.Part1Chapter.ID)) {
            return runDir;
        }
        return compare.runs().stream().filter(r -> r.chapter().equals(chapterId))
                .max(java.util.Comparator.comparing(r -> r.dir().getFileName().toString()))
                .map(org.transferlab.chapters.SavedRun::dir).orElse(null);
    }

    /** Shows a chapter: its views in the centre, its set-up on the left (if any), its guide on the right. */
    public void showChapter(String id) {
        Chapter c = Chapters.find(id).orElseThrow(() -> new IllegalArgumentException("no chapter " + id));
        chapter = c;
        chapterButtons.forEach((k, item) -> item.pseudoClassStateChanged(SELECTED, k.equals(id)));
        tabs.getTabs().setAll(viewIds(c).stream().map(views::get).toList());
        // Train and Train 3 seeds start part-1 runs; the other chapters have their own (Pause and Stop stay)
        for (javafx.scene.Node b : List.of(train, trainSeeds)) {
            b.setVisible(hasSetupPanel(c));
            b.setManaged(hasSetupPanel(c));
        }
        chapterMenu.setText(c.title().contains(" · ") ? c.title().substring(0, c.title().indexOf(" · ")) : c.title());
        arrangeColumns();
        guideForTab();
    }

    private final Drawers drawers = new Drawers(split);
    private javafx.scene.Node inLeftDrawer;
    private javafx.scene.Node inRightDrawer;
    private final javafx.scene.control.ToggleButton setupToggle = new javafx.scene.control.ToggleButton("Set-up");
    private final javafx.scene.control.ToggleButton guideToggle = new javafx.scene.control.ToggleButton("Guide");
    private final javafx.scene.control.MenuButton chapterMenu = new javafx.scene.control.MenuButton("Chapters");
    private boolean projector;
    private final CheckMenuItem projectorItem = new CheckMenuItem("Projector mode (large type, set-up and guide in drawers)");
    private List<javafx.scene.Node> columnsBefore = List.of();
    private double[] dividersBefore;

    /**
     * Places the set-up, the views and the guide: as columns side by side, or (projector mode, the workspace) the
     * views across the whole width with the set-up and the guide in drawers over them, opened from the toolbar.
     * Coming back to columns restores the dividers where they were.
     */
    private void arrangeColumns() {
        if (chapter == null || split == null) {
            return;
        }
        javafx.scene.Node setupNode = hasSetupPanel(chapter) ? setupScroll : null;
        javafx.scene.Node guideNode = hasGuide(chapter) ? guide : null;
        boolean drawerMode = projector || WORKSPACE.equals(shownView());
        if (drawerMode) {
            if (split.getItems().size() > 1) { // leaving the columns: remember them exactly
                columnsBefore = List.copyOf(split.getItems());
                dividersBefore = split.getDividerPositions();
            }
            if (!split.getItems().equals(List.of(tabs))) {
                split.getItems().setAll(tabs);
            }
            if (inLeftDrawer != setupNode) {
                drawers.setLeft(inLeftDrawer = setupNode);
                setupToggle.setSelected(false);
            }
            if (inRightDrawer != guideNode) {
                drawers.setRight(inRightDrawer = guideNode);
                guideToggle.setSelected(false);
            }
        } else {
            drawers.setLeft(inLeftDrawer = null);
            drawers.setRight(inRightDrawer = null);
            setupToggle.setSelected(false);
            guideToggle.setSelected(false);
            List<javafx.scene.Node> items = new java.util.ArrayList<>();
            if (setupNode != null) {
                items.add(setupScroll);
            }
            items.add(tabs);
            if (guideNode != null) {
                items.add(guide);
            }
            if (!split.getItems().equals(items)) {
                split.getItems().setAll(items);
                double[] d = items.equals(columnsBefore) && dividersBefore != null ? dividersBefore.clone()
                        : items.size() == 3 ? new double[]{0.28, 0.785}
                        : items.size() == 2 ? new double[]{guideNode != null ? 0.72 : 0.3} : new double[0];
                split.setDividerPositions(d);
                split.applyCss();
                split.layout(); // the new columns' first layout places the dividers anew: set them after it too
                split.setDividerPositions(d);
            }
        }
        setupToggle.setVisible(drawerMode && setupNode != null);
        setupToggle.setManaged(setupToggle.isVisible());
        guideToggle.setVisible(drawerMode && guideNode != null);
        guideToggle.setManaged(guideToggle.isVisible());
    }

    /** Whether the set-up and guide are drawers (projector mode, the workspace) rather than columns (tests). */
    public boolean drawersShown() {
        return split.getItems().size() == 1 && (setupToggle.isVisible() || guideToggle.isVisible());
    }

    /** Opens or closes the set-up's and the guide's drawers (tests, screenshots). */
    public void openDrawers(boolean setupOpen, boolean guideOpen) {
        setupToggle.setSelected(setupOpen && setupToggle.isVisible());
        guideToggle.setSelected(guideOpen && guideToggle.isVisible());
        drawers.openLeft(setupToggle.isSelected());
        drawers.openRight(guideToggle.isSelected());
    }

    /**
     * Shows a view by its id ({@code curves}, {@code attention}, {@code temperature}, {@code anatomy},
     * {@code multitask}, {@code exercises}, {@code compare}), switching to the chapter that has it (Compare runs
     * stays in the chapter shown).
     */
    public void show(String viewId) {
        Tab t = views.get(viewId);
        if (t == null) {
            throw new IllegalArgumentException("no view " + viewId + "; views are " + views.keySet());
        }
        if (chapter == null || !viewIds(chapter).contains(viewId)) {
            showChapter(Chapters.ofView(viewId).orElseThrow().id());
        }
        tabs.getSelectionModel().select(t);
    }

    /** The id of the view shown now. */
    public String shownView() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? null : (String) t.getUserData();
    }

    /** The fine-tuning chapter (tests and screenshots drive its views). */
    public FineTuneChapterUi fineTune() {
        return screen(FineTuneChapterUi.class);
    }

    /** The screen of that type (tests and screenshots drive the chapters through them). */
    private <S extends ChapterScreen> S screen(Class<S> type) {
        return screens.values().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** Chapter 4 (tests drive its view). */
    public L2tChapterUi l2t() {
        return screen(L2tChapterUi.class);
    }

    /** The dark-knowledge chapter's screen (tests and screenshots drive it). */
    public DarkKnowledgeChapterUi darkKnowledge() {
        return screen(DarkKnowledgeChapterUi.class);
    }

    public MultiMnistChapterUi multiMnist() {
        return screen(MultiMnistChapterUi.class);
    }

    /** The id of the chapter shown now. */
    public String shownChapter() {
        return chapter == null ? null : chapter.id();
    }

    private MenuBar menus() {
        Menu file = new Menu("File");
        MenuItem open = new MenuItem("Open scenario…");
        open.setOnAction(e -> openScenario());
        MenuItem save = new MenuItem("Save scenario…");
        save.setOnAction(e -> saveScenario());
        Menu shipped = new Menu("Built-in scenarios");
        for (String id : List.of("q1", "q2", "q3", "a1")) {
            MenuItem m = new MenuItem(id.toUpperCase());
            m.setOnAction(e -> loadShippedScenario(id));
            shipped.getItems().add(m);
        }
        MenuItem openRun = new MenuItem("Open run…");
        openRun.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("A TransferLab run folder (any chapter's)");
            c.setInitialDirectory(Files.isDirectory(runsRoot()) ? runsRoot().toFile() : null);
            var dir = c.showDialog(stage);
            if (dir != null) {
                openRun(dir.toPath());
            }
        });
        MenuItem load = new MenuItem("Load runs from a folder…");
        load.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("A folder of TransferLab runs");
            var dir = c.showDialog(stage);
            if (dir != null) {
                loadSavedRuns(dir.toPath());
            }
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> {
            if (confirmClose()) {
                Platform.exit();
            }
        });
        file.getItems().addAll(open, save, shipped, openRun, load, quit);
        Menu view = new Menu("View");
        CheckMenuItem presentation = projectorItem;
        presentation.setId("projector-mode");
        presentation.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F5));
        presentation.setOnAction(e -> presentation(presentation.isSelected()));
        view.getItems().add(presentation);
        Menu backend = new Menu("Backend");
        javafx.scene.control.ToggleGroup kernelGroup = new javafx.scene.control.ToggleGroup();
        for (String[] k : new String[][]{{"java", "Layer kernels: Java loops (fastest on the CPU)"},
                {"nd4j", "Layer kernels: ND4J ops (the GPU path; on the CPU about half as fast)"}}) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(k[1]);
            item.setId("kernels-" + k[0]);
            item.setToggleGroup(kernelGroup);
            item.setOnAction(e -> {
                Backend.useKernels(k[0]);
                message.setText("The next runs use the " + k[0] + " kernels.");
            });
            backend.getItems().add(item);
        }
        backend.setOnShowing(e -> kernelGroup.getToggles().forEach(t -> ((javafx.scene.control.RadioMenuItem) t)
                .setSelected(((javafx.scene.control.RadioMenuItem) t).getId().equals("kernels-" + Backend.kernels()))));
        return new MenuBar(file, view, backend);
    }

    private ToolBar toolbar() {
        train.setId("train");
        pause.setId("pause");
        stop.setId("stop");
        train.getStyleClass().add("accent");
        train.setOnAction(e -> startRun());
        trainSeeds.setId("train-seeds");
        trainSeeds.setTooltip(new javafx.scene.control.Tooltip("the settings on the left with seeds s, s+1, s+2, one "
                + "after the other; Compare runs then shows their mean ± sd"));
        trainSeeds.setOnAction(e -> trainSeeds(3));
        trainSeeds.disableProperty().bind(train.disableProperty());
        pause.setOnAction(e -> togglePause());
        stop.setOnAction(e -> {
            var control = activeControl();
            if (control != null) {
                control.stop();
                message.setText("Stopping after the current step…");
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button export = new Button("Export figures…");
        export.setId("export-all");
        export.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("A folder for every figure of the views");
            var dir = c.showDialog(stage);
            if (dir != null) {
                exportAll(dir.toPath());
            }
        });
        setupToggle.setId("drawer-setup");
        guideToggle.setId("drawer-guide");
        chapterMenu.setId("chapter-menu");
        for (var t : List.of(setupToggle, guideToggle)) {
            t.getStyleClass().add("drawer-toggle");
            t.setVisible(false);
            t.setManaged(false);
        }
        setupToggle.setTooltip(new javafx.scene.control.Tooltip("The set-up, in a drawer over the views"));
        guideToggle.setTooltip(new javafx.scene.control.Tooltip("The guide, in a drawer over the views"));
        setupToggle.selectedProperty().addListener((o, a, on) -> drawers.openLeft(on));
        guideToggle.selectedProperty().addListener((o, a, on) -> drawers.openRight(on));
        for (Chapter c : Chapters.all()) {
            MenuItem m = new MenuItem(c.title());
            m.setOnAction(e -> showChapter(c.id()));
            chapterMenu.getItems().add(m);
        }
        chapterMenu.setVisible(false);
        chapterMenu.setManaged(false);
        // the buttons keep their width; the progress line gives way (it wraps) when a long message would squeeze them
        for (javafx.scene.control.Control c : List.of(chapterMenu, setupToggle, train, trainSeeds, pause, stop,
                guideToggle, export)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(progress, Priority.SOMETIMES);
        progress.setMinWidth(0);
        return new ToolBar(chapterMenu, setupToggle, train, trainSeeds, pause, stop, new Separator(Orientation.VERTICAL),
                progress, grow, guideToggle, export);
    }

    private void showLesson(Exercise e) {
        guideForTab();
    }

    /** The guide follows the chapter shown: the part-2 exercise in part 2, the part-1 set-up's in part 1. */
    private void guideForTab() {
        if (chapter == null) {
            return;
        }
        if (chapter.id().equals("part2")) {
            guide.show(lessons2.get(part2().view().exercise().id()));
        } else if (!chapter.id().equals("part1")) {
            if (Lessons.exists(chapter.id())) { // the card of the view shown, else the chapter's first
                Map<String, Lessons.Card> cards = chapterLessons.computeIfAbsent(chapter.id(), Lessons::chapter);
                guide.show(cards.getOrDefault(shownView(), cards.values().stream().findFirst().orElse(null)));
            }
        } else {
            Exercise ex = setup.exerciseBox().getValue();
            guide.show(ex == Exercise.STUDENT ? Lessons.forMethods(setup.selectedMethods()) : lessons.get(ex.id()));
        }
    }

    private void idle() {
        pause.setDisable(true);
        stop.setDisable(true);
        pause.setText("Pause");
        setup.setTraining(false);
    }

    /** Starts a run of the current settings (JavaFX thread). */
    public void startRun() {
        if (run != null) {
            return;
        }
        TrainingConfig config = setup.config();
        if (config == null) {
            message.setText("Cannot train yet: see the message under the settings.");
            return;
        }
        try {
            runDir = newRunDir(config);
        } catch (IOException ex) {
            error("Cannot create a folder for the run", ex.getMessage() + "\nCheck that " + runsRoot()
                    + " is writable, or start TransferLab with -Dtransferlab.home=ANOTHER_FOLDER.");
            return;
        }
        launch(new TrainingRun(config), new RunRecorder(runDir), config);
    }

    /**
     * Trains the set-up's settings with {@code n} seeds (its seed, then the next ones), one after the other
     * (JavaFX thread); Compare runs groups them and shows their mean ± sd.
     */
    public void trainSeeds(int n) {
        TrainingConfig c = setup.config();
        if (c == null || run != null) {
            message.setText(run != null ? "A run is training: wait for it to end or stop it first."
                    : "Cannot train yet: see the message under the settings.");
            return;
        }
        queueSeeds(c, java.util.stream.LongStream.range(c.seed(), c.seed() + n).boxed().toList());
    }

    /** Compare runs' "Train 3 more seeds": the run's settings with the next three seeds none of its group used. */
    private void runSeeds(SavedRun saved) {
        try {
            TrainingConfig c = RunRecorder.readConfig(saved.dir(), null);
            List<Long> seeds = org.transferlab.ui.model.SeedQueue.unusedSeeds(compare.runs().stream()
                    .filter(r -> r.settingsKey().equals(saved.settingsKey())).map(SavedRun::seed).toList(), 3);
            if (run != null) {
                throw new IOException("a run is training: wait for it to end or stop it first");
            }
            queueSeeds(c, seeds);
        } catch (IOException | RuntimeException ex) {
            error("Cannot train more seeds of " + saved.dir().getFileName(), ex.getMessage());
        }
    }

    private void queueSeeds(TrainingConfig c, List<Long> seeds) {
        queue.fill(seeds, s -> c.toBuilder().seed(s).build());
        startQueued();
    }

    private void startQueued() {
        TrainingConfig c = run != null ? null : queue.next().orElse(null);
        if (c == null) {
            return;
        }
        try {
            runDir = newRunDir(c);
        } catch (IOException ex) {
            queue.clear();
            error("Cannot create a folder for the run", ex.getMessage());
            return;
        }
        launch(new TrainingRun(c), new RunRecorder(runDir), c);
        message.setText("Training " + c.label().toUpperCase() + " with seed " + c.seed() + " (" + queue.position()
                + ") · saving to " + runDir);
    }

    /**
     * Continues an interrupted or stopped run from its last checkpoint (JavaFX thread); false, with the reason
     * shown, when it cannot be resumed.
     */
    public boolean resumeRun(SavedRun saved) {
        if (screens.containsKey(saved.chapter())) {
            boolean resumed = screens.get(saved.chapter()).resume(saved.dir());
            if (resumed) { // the run's own views show it continuing
                Chapters.find(saved.chapter()).ifPresent(c -> show(c.views().get(0).id()));
            }
            return resumed;
        }
        if (run != null) {
            return false;
        }
        Path ckpt = saved.dir().resolve(TrainingRun.CHECKPOINT);
        try {
            if (!Files.isRegularFile(ckpt)) {
                throw new IOException("it stopped before its first epoch ended, so there is no checkpoint: train it again");
            }
            int done = Integer.parseInt(org.transferlab.models.Checkpoint.read(ckpt).metadata().getOrDefault("epoch", "0"));
            TrainingConfig config = RunRecorder.readConfig(saved.dir(), null);
            if (done >= config.epochs()) {
                throw new IOException("it already finished its " + config.epochs() + " epochs");
            }
            runDir = saved.dir();
            launch(new TrainingRun(config).resumeFrom(ckpt, done), RunRecorder.resuming(runDir, done), config);
            message.setText("Resuming " + runDir.getFileName() + " after epoch " + done + " of " + config.epochs());
            return true;
        } catch (IOException | RuntimeException ex) {
            error("Cannot resume " + saved.dir().getFileName(), ex.getMessage());
            return false;
        }
    }

    /** The share of a part-1 run's training time its live views' snapshots may take. */
    static final double LIVE_VIEW_SHARE = 0.05;

    private void launch(LiveRun newRun, RunRecorder recorder, TrainingConfig config) {
        List<RunView> views = List.of(progress, curves, attention, temperature, anatomy, relations, new RunView() {
            @Override
            public void runStarted(RunInfo info) {
                String teacherAcc = info.teacherTestAccuracy() == null ? ""
                        : String.format(" · teacher test accuracy %.4f", info.teacherTestAccuracy());
                status.setText("Backend: " + info.backend() + " · data: " + info.dataSource() + teacherAcc);
            }

            @Override
            public void runEnded(RunResult r) {
                finished(r);
            }
        });
        RunBridge bridge = new RunBridge(views);
        this.bridge = bridge;
        if (newRun instanceof TrainingRun tr) {
            // the live views at most 5 % of the time: the app's run within a few per cent of the command line's
            tr.outputDir(runDir).snapshotEvery(10).snapshotShare(LIVE_VIEW_SHARE).addListener(recorder);
        }
        run = newRun.addListener(bridge);
        exercises.setTraining(true);
        bridge.start();
        setup.setTraining(true);
        train.disableProperty().unbind();
        train.setDisable(true);
        pause.setDisable(false);
        stop.setDisable(false);
        message.setText("Training " + config.label().toUpperCase() + " · saving to " + runDir);
        pulses.start();
        run.start();
    }

    private static Path newRunDir(TrainingConfig config) throws IOException {
        return newRunDir(config, "");
    }

    private static Path newRunDir(TrainingConfig config, String suffix) throws IOException {
        return RunFolders.create(runsRoot(), config.label(), config.seed(), suffix);
    }

    /** Pause and Stop act on the part-1 run training now, else on the run of another chapter the toolbar follows. */
    private org.transferlab.engine.RunControl activeControl() {
        return run != null ? run.control() : followed != null ? followed.control() : null;
    }

    private org.transferlab.engine.RunSkeleton<?, ?> followed;
    private javafx.animation.Timeline followTimer;

    /**
     * The toolbar follows a run of another chapter (JavaFX thread): the progress bar and its line (what trains,
     * epoch, step, speed, time left), Pause, Stop and the status bar, polled ten times a second until it ends.
     */
    private void follow(org.transferlab.engine.RunSkeleton<?, ?> r, String what) {
        if (followTimer != null) {
            followTimer.stop();
        }
        followed = r;
        pause.setText("Pause");
        pause.setDisable(false);
        stop.setDisable(false);
        progress.started(what);
        status.setText("Backend: " + Backend.describe() + " · training: " + what + " · runs saved in " + runsRoot());
        followTimer = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.millis(100), e -> {
            org.transferlab.engine.RunProgress p = r.progress();
            if (p != null && r.result() == null) {
                progress.show(what, p);
            }
            if (r.result() != null) {
                followTimer.stop();
                followed = null;
                progress.ended(what + ": " + endMessage(r.result()));
                status.setText("Backend: " + Backend.describe() + " · runs saved in " + runsRoot());
                if (run == null) {
                    idle();
                }
            }
        }));
        followTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        followTimer.play();
    }

    /** A chapter's result's message (each chapter's result record has one). */
    private static String endMessage(Object result) {
        try {
            return String.valueOf(result.getClass().getMethod("message").invoke(result));
        } catch (ReflectiveOperationException e) {
            return "ended";
        }
    }

    /** The chapter whose run the toolbar follows now, or null (tests). */
    /** The progress line under the toolbar: a part-1 run's epoch, step, rate and time left, or another's. */
    public String progressText() {
        return progress.text();
    }

    public String followedRun() {
        return followed == null ? null : progress.text();
    }

    private void togglePause() {
        var control = activeControl();
        if (control == null) {
            return;
        }
        if (control.isPaused()) {
            control.resume();
            pause.setText("Pause");
            message.setText("Resumed.");
        } else {
            control.pause();
            pause.setText("Resume");
            message.setText("Paused: the run waits before its next step.");
        }
    }

    private void finished(RunResult r) {
        LiveRun done = run;
        run = null;
        exercises.setTraining(false);
        pulses.stop();
        lastPulseSummary = pulses.summary() + String.format(", longest hand-over to the views %.0f ms",
                bridge == null ? 0 : bridge.longestDeliveryMillis());
        if (Boolean.getBoolean("transferlab.measure")) { // measurements stay out of the app's normal output
            System.err.println("TransferLab " + r.summary().exercise() + " run: " + lastPulseSummary
                    + (Boolean.getBoolean("transferlab.profileViews") && bridge != null ? " " + bridge.slowestByView() : ""));
        }
        idle();
        train.disableProperty().bind(setup.validBinding().not());
        message.setText(r.message());
        try {
            compare.add(SavedRun.read(runDir));
        } catch (IOException ex) {
            message.setText(r.message() + " (the run folder could not be read back: " + ex.getMessage() + ")");
        }
        if (done != null && done.config().exercise() == Exercise.TEACHER && r.summary().epochsCompleted() > 0) {
            setup.addSessionTeacher("trained here: " + runDir.getFileName(), runDir.resolve(TrainingRun.CHECKPOINT));
            message.setText(r.message() + " · this teacher is now a choice under 'Teacher weights'.");
        }
        if (r.status() == RunResult.Status.DIVERGED || r.status() == RunResult.Status.FAILED) {
            error(r.status() == RunResult.Status.DIVERGED ? "The run diverged" : failureTitle(r.message(), "The run failed"),
                    sentences(r.message()));
        }
        if (!queue.isEmpty()) {
            if (r.status() == RunResult.Status.COMPLETED) {
                Platform.runLater(this::startQueued);
            } else {
                message.setText(r.message() + " · the " + queue.remaining() + " seed(s) still queued were not started");
                queue.clear();
            }
        }
        Runnable next = afterStudentRun;
        afterStudentRun = null;
        if (next != null && done instanceof StudentRun && r.status() == RunResult.Status.COMPLETED) {
            Platform.runLater(next);
        }
    }

    /**
     * Exercise mode's Train with my code (JavaFX thread): a part-1 card trains the set-up's settings with the
     * card's exercise (Q2, Q3, A1) and the student's loss in the sandbox, then the engine's reference with the
     * same settings and seed; a part-2 card trains the part-2 tab's settings with the student's model or
     * weighting, then the reference. Both runs land in the runs folder side by side.
     */
    public void trainWithStudentCode(Card card, String source) {
        if (run != null || screens.values().stream().anyMatch(ChapterScreen::running)) {
            message.setText("A run is training: wait for it to end or stop it first.");
            return;
        }
        try {
            if (card.part() == 1) {
                TrainingConfig c = setup.config();
                if (c == null) {
                    error("Cannot train yet", "Fix the settings on the left first: see the message under them.");
                    return;
                }
                TrainingConfig cfg = c.toBuilder().exercise(Exercise.valueOf(card.exercise().toUpperCase())).build()
                        .validate();
                runDir = newRunDir(cfg, "-your-code");
                launch(StudentRun.part1(card.id(), source, cfg, runDir), null, cfg);
                message.setText("Training " + card.exercise().toUpperCase() + " with your " + card.method()
                        + " in a separate process · saving to " + runDir + " · the reference run follows");
                afterStudentRun = () -> {
                    try {
                        runDir = newRunDir(cfg, "-reference");
                        launch(new TrainingRun(cfg), new RunRecorder(runDir), cfg);
                        message.setText("Now the reference " + card.exercise().toUpperCase()
                                + " with the same settings and seed: compare both in Compare runs.");
                    } catch (IOException ex) {
                        error("Cannot create a folder for the reference run", ex.getMessage());
                    }
                };
            } else {
                part2().trainWithStudentCode(card, source);
            }
            show(card.part() == 1 ? "curves" : "multitask");
        } catch (IOException | RuntimeException ex) {
            error("Cannot train with your code", ex.getMessage());
        }
    }

    /** Reads the runs folder again (runs trained elsewhere meanwhile appear in Compare runs and the tiles). */
    public void reloadRuns() {
        loadSavedRuns(runsRoot());
    }

    private void loadSavedRuns(Path dir) {
        SavedRun.Listing l = SavedRun.list(dir);
        l.runs().forEach(compare::add);
        compare.problems(l.problems());
    }

    /** Applies one of the scenarios shipped in {@code resources/scenarios} (q1, q2, q3, a1). */
    public void applyShippedScenario(String id) {
        loadShippedScenario(id);
    }

    private void loadShippedScenario(String id) {
        try (InputStream in = TransferLabApp.class.getResourceAsStream(SHIPPED_SCENARIOS + id + ".json")) {
            if (in == null) {
                throw new IOException("the built-in scenario " + id + " is missing");
            }
            applyScenario(Scenario.read(in, id + ".json"));
        } catch (IOException ex) {
            error("Cannot open the scenario", ex.getMessage());
        }
    }

    private void openScenario() {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("TransferLab scenario", "*.json"));
        var f = c.showOpenDialog(stage);
        if (f != null) {
            try {
                applyScenario(Scenario.read(f.toPath()));
            } catch (IOException ex) {
                error("Cannot open the scenario", ex.getMessage() + "\nNothing was changed.");
            }
        }
    }

    /** Applies a scenario to the set-up (JavaFX thread). */
    public void applyScenario(Scenario s) {
        setup.apply(s);
        message.setText("Scenario: " + s.title() + (s.locked().isEmpty() ? "" : " · locked: " + String.join(", ", s.locked())));
    }

    private void saveScenario() {
        TextInputDialog d = new TextInputDialog("My scenario");
        d.setHeaderText("A title students will see");
        Optional<String> title = d.showAndWait();
        if (title.isEmpty()) {
            return;
        }
        Scenario s = setup.toScenario(title.get());
        if (s == null) {
            error("Cannot save", "Fix the settings first: see the message under them.");
            return;
        }
        FileChooser c = new FileChooser();
        c.setInitialFileName("scenario.json");
        var f = c.showSaveDialog(stage);
        if (f != null) {
            try {
                s.write(f.toPath());
                message.setText("Scenario saved to " + f);
            } catch (IOException ex) {
                error("Cannot save the scenario", ex.getMessage());
            }
        }
    }

    /**
     * Projector mode: larger type everywhere and in the charts, the chapter list as a menu in the toolbar, the set-up
     * and the guide as drawers over the views; switched off, the window is as it was.
     */
    public void presentation(boolean on) {
        Charts.scale(on ? 1.45 : 1.0);
        root.getStyleClass().remove("presentation");
        if (on) {
            root.getStyleClass().add("presentation");
        }
        projector = on;
        projectorItem.setSelected(on);
        root.setLeft(on ? null : chapterListNode);
        chapterMenu.setVisible(on);
        chapterMenu.setManaged(on);
        setupScroll.setMinWidth(on ? 0 : 420);
        org.transferlab.ui.views.Tables.fontSize(on ? 19 : 13);
        arrangeColumns();
        curves.restyle();
        part2().view().restyle();
        temperature.restyle();
        anatomy.restyle();
        compare.restyle();
        guide.redraw();
        for (Tab t : views.values()) { // figures drawn from run folders, at the new scale
            if (t.getContent() != null) {
                t.getContent().lookupAll(".run-figures").forEach(n -> ((org.transferlab.ui.views.RunFiguresView) n)
                        .redraw());
            }
        }
    }

    private boolean confirmClose() {
        exercises.saveCurrent();
        if (run == null && screens.values().stream().noneMatch(ChapterScreen::running)) {
            return true;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "A run is training. Stop it and close TransferLab? "
                + "Its metrics so far and the checkpoint of its last finished epoch are kept in its run folder under "
                + runsRoot() + ".",
                ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText("Stop the run and close?");
        if (a.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return false;
        }
        screens.values().forEach(ChapterScreen::stop); // their recorders keep metrics and the last checkpoint
        LiveRun r = run;
        if (r != null) {
            r.control().stop();
        }
        try {
            Thread t = new Thread(() -> {
                try {
                    if (r != null) {
                        r.await();
                    }
                    for (ChapterScreen screen : screens.values()) {
                        screen.awaitStopped();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** The dialog's title for a run that ended early: what kind of failure it was. */
    private static String failureTitle(String message, String otherwise) {
        if (message.contains("could not save")) {
            return "The run could not be saved";
        }
        return message.contains("out of memory") ? "Out of memory" : otherwise;
    }

    /** One sentence per line, for a long message in a dialog. */
    private static String sentences(String message) {
        return message.replaceAll("\\. (?=[A-Z])", ".\n");
    }

    private void error(String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text, ButtonType.OK);
        a.setHeaderText(header);
        a.show();
    }

    /**
     * Writes every chart of every view as PNG (2×), SVG, PDF, CSV and pgfplots, and the shown sample's attention
     * maps at every layer pair as PNG, SVG, PDF and CSV, into {@code dir}, named after the view and the figure;
     * returns how many files were written.
     */
    public int exportAll(Path dir) {
        Map<String, List<org.jfree.chart.JFreeChart>> byView = new java.util.LinkedHashMap<>();
        byView.put("curves", List.of(curves.lossChart(), curves.accuracyChart()));
        byView.put("temperature", List.of(temperature.chart()));
        byView.put("anatomy", List.of(anatomy.stackChart(), anatomy.shareChart()));
        byView.put("compare", List.of(compare.chart()));
        byView.put("multitask", part2().view().charts());
        int n = 0;
        try {
            Files.createDirectories(dir);
            for (var e : byView.entrySet()) {
                for (var chart : e.getValue()) {
                    String base = e.getKey() + "-" + org.transferlab.export.Figures.slug(chart.getTitle().getText());
                    for (var f : org.transferlab.export.Figures.Format.values()) {
                        double scale = f == org.transferlab.export.Figures.Format.PNG ? 2 : 1;
                        org.transferlab.export.Figures.write(chart, f, scale, dir.resolve(base
                                + (scale != 1 ? "@2x" : "") + "." + f.extension()));
                        n++;
                    }
                }
            }
            for (var e : attention.figures().entrySet()) {
                for (var f : List.of(org.transferlab.export.Figures.Format.PNG, org.transferlab.export.Figures.Format.SVG,
                        org.transferlab.export.Figures.Format.PDF, org.transferlab.export.Figures.Format.CSV)) {
                    double scale = f == org.transferlab.export.Figures.Format.PNG ? 2 : 1;
                    org.transferlab.export.Figures.write(e.getValue(), f, scale, dir.resolve("attention-" + e.getKey()
                            + (scale != 1 ? "@2x" : "") + "." + f.extension()));
                    n++;
                }
            }
            exportCounts.clear();
            exportCounts.put("live views", n);
            n += exportChapters(dir);
            message.setText("Exported " + n + " files to " + dir + " (" + exportCounts.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")) + ")");
        } catch (IOException | RuntimeException ex) {
            error("Export stopped", "After " + n + " files: " + ex.getMessage());
        }
        return n;
    }

    private final Map<String, Integer> exportCounts = new java.util.LinkedHashMap<>();

    /** How many files the last export wrote: the live views', then each chapter's (by id) that had a run. */
    public Map<String, Integer> lastExportCounts() {
        return Map.copyOf(exportCounts);
    }

    /**
     * Every view of every chapter that has a run: the figures its chapter builds from its newest run folder, as PNG
     * (2×), SVG, PDF and CSV in {@code dir/CHAPTER/VIEW-FIGURE.*}; returns how many files were written.
     */
    private int exportChapters(Path dir) throws IOException {
        int n = 0;
        for (Chapter c : Chapters.all()) {
            Path runFolder = latestRun(c.id());
            if (runFolder == null) {
                continue;
            }
            int before = n;
            Path out = dir.resolve(c.id());
            var figures = c.figures(runFolder);
            for (ChapterView v : c.views()) {
                for (var f : figures) {
                    if (!v.shows(f.name())) {
                        continue;
                    }
                    Files.createDirectories(out);
                    for (var format : List.of(org.transferlab.export.Figures.Format.PNG,
                            org.transferlab.export.Figures.Format.SVG, org.transferlab.export.Figures.Format.PDF,
                            org.transferlab.export.Figures.Format.CSV)) {
                        double scale = format == org.transferlab.export.Figures.Format.PNG ? 2 : 1;
                        org.transferlab.export.Figures.write(f.drawing(), format, scale, out.resolve(v.id() + "-"
                                + f.name() + (scale != 1 ? "@2x" : "") + "." + format.extension()));
                        n++;
                    }
                }
            }
            exportCounts.put(c.id(), n - before);
        }
        return n;
    }

    /** Scrolls the set-up panel (0 top, 1 bottom). */
    public void scrollSetup(double position) {
        setupScroll.setVvalue(position);
    }

    // for tests and the screenshot command
    public SetupPanel setup() {
        return setup;
    }

    public CurvesView curves() {
        return curves;
    }

    public AttentionView attention() {
        return attention;
    }

    public TemperatureView temperatureView() {
        return temperature;
    }

    public AnatomyView anatomy() {
        return anatomy;
    }

    public org.transferlab.ui.views.RelationsView relations() {
        return relations;
    }

    public MultiTaskView multiTask() {
        return part2().view();
    }

    /** Part 2's screen: its view, runs and exercise mode's part-2 runs. */
    public Part2ChapterUi part2() {
        return screen(Part2ChapterUi.class);
    }

    public boolean isTrainingMultiTask() {
        return part2().running();
    }

    public ExerciseView exercises() {
        return exercises;
    }

    public CompareView compare() {
        return compare;
    }

    public TabPane tabs() {
        return tabs;
    }

    private String lastPulseSummary = "";

    /** "window: longest pause between frames … ms" for the last finished run (for tests and notes). */
    public String lastPulseSummary() {
        return lastPulseSummary;
    }

    public double lastLongestPulseGapMillis() {
        return pulses.longestGapMillis();
    }

    public boolean isTraining() {
        return run != null;
    }

    /** Whether seeds are waiting to be trained ("Train 3 seeds"). */
    public boolean hasQueuedRuns() {
        return !queue.isEmpty();
    }

    /** The folder of the part-1 run training now, or of the last one. */
    public Path currentRunDir() {
        return runDir;
    }

    public LiveRun currentRun() {
        return run;
    }

    public Stage stage() {
        return stage;
    }

    /** Opens the window and returns when it is closed. */
    public static void open() {
        launch(TransferLabApp.class);
    }
}
