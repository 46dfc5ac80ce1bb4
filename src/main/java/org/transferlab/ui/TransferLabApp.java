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
import org.transferlab.engine.Backend;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.RunFolders;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.SavedRun;
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
import org.transferlab.engine.multitask.MultiTaskConfig;
import org.transferlab.engine.multitask.MultiTaskListener;
import org.transferlab.engine.multitask.MultiTaskRecorder;
import org.transferlab.engine.multitask.MultiTaskResult;
import org.transferlab.engine.multitask.MultiTaskRun;
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
    private final MultiTaskView multiTask = new MultiTaskView();
    private final Map<String, Lessons.Card> lessons2 = Lessons.part2();
    private final Map<String, Lessons.Card> lessonsFineTune = Lessons.chapter("finetune");
    private FineTuneChapter fineTune;
    private MultiMnistChapter multiMnist;
    private L2tChapter l2t;
    private final Map<String, Lessons.Card> lessonsL2t = Lessons.chapter("l2t");
    private final Map<String, Lessons.Card> lessonsMultiMnist = Lessons.chapter("multimnist");
    private MultiTaskRun multiTaskRun;
    private StudentRun studentPart2;
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
    private SplitPane split;

    /** Where runs are saved: {@code $transferlab.home/runs}, default {@code ~/.transferlab/runs}. */
    public static Path runsRoot() {
        String home = System.getProperty("transferlab.home");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".transferlab");
        return base.resolve("runs");
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
        views.put("multitask", tab("multitask", "Multi-task (part 2)", multiTask));
        views.put("exercises", tab("exercises", "Exercises", exercises));
        fineTune = new FineTuneChapter(runsRoot(), message::setText, () -> loadSavedRuns(runsRoot()));
        for (String id : FineTuneChapter.VIEWS) {
            views.put(id, tab(id, FineTuneChapter.title(id), fineTune.view(id)));
        }
        multiMnist = new MultiMnistChapter(runsRoot(), message::setText, () -> loadSavedRuns(runsRoot()));
        views.put(MultiMnistChapter.VIEW, tab(MultiMnistChapter.VIEW, "MultiMNIST", multiMnist.view()));
        l2t = new L2tChapter(runsRoot(), message::setText, () -> loadSavedRuns(runsRoot()));
        views.put(L2tChapter.VIEW, tab(L2tChapter.VIEW, "L2T-ww", l2t.view()));
        views.put(L2tChapter.TABLE, tab(L2tChapter.TABLE, "Table", l2t.view().tablePane()));
        views.put(Chapter.COMPARE, tab(Chapter.COMPARE, "Compare runs", compare));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            guideForTab();
            if (t != null && FineTuneChapter.VIEWS.contains((String) t.getUserData())) {
                fineTune.shown((String) t.getUserData());
            }
        });
        multiTask.onExercise(e -> guideForTab());
        compare.onResume(this::resumeRun);
        compare.onRunSeeds(this::runSeeds);
        exercises.onTrain(this::trainWithStudentCode);
        multiTask.onTrain(this::startMultiTask, () -> {
            if (multiTaskRun != null) {
                multiTaskRun.control().stop();
            }
            if (studentPart2 != null) {
                studentPart2.control().stop();
            }
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setupScroll = new ScrollPane(setup);
        setupScroll.setFitToWidth(true);
        setupScroll.setMinWidth(420);
        split = new SplitPane(setupScroll, tabs, guide);
        split.setDividerPositions(0.3, 0.77);
        root.setCenter(split);
        root.setLeft(chapterList());
        showChapter("part1");
        HBox bar = new HBox(16, status, new Separator(Orientation.VERTICAL), message);
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
            Platform.runLater(() -> status.setText("Backend: " + backend + (notice == null ? "" : " · " + notice)
                    + " · runs saved in " + runsRoot()));
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
        for (Chapter c : Chapter.course()) {
            Label title = new Label(c.title());
            title.setWrapText(true);
            title.getStyleClass().add("chapter-title");
            Label sub = new Label(c.subtitle());
            sub.setWrapText(true);
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

    /** Shows a chapter: its views in the centre, its set-up on the left (if any), its guide on the right. */
    public void showChapter(String id) {
        Chapter c = Chapter.course().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chapter " + id));
        chapter = c;
        chapterButtons.forEach((k, item) -> item.pseudoClassStateChanged(SELECTED, k.equals(id)));
        tabs.getTabs().setAll(c.views().stream().map(views::get).toList());
        // Train and Train 3 seeds start part-1 runs; the other chapters have their own (Pause and Stop stay)
        for (javafx.scene.Node b : List.of(train, trainSeeds, progress)) {
            b.setVisible(c.setupPanel());
            b.setManaged(c.setupPanel());
        }
        List<javafx.scene.Node> items = new java.util.ArrayList<>();
        if (c.setupPanel()) {
            items.add(setupScroll);
        }
        items.add(tabs);
        if (c.guide()) {
            items.add(guide);
        }
        if (!split.getItems().equals(items)) {
            split.getItems().setAll(items);
            boolean big = root.getStyleClass().contains("presentation");
            if (items.size() == 3) {
                split.setDividerPositions(big ? 0.33 : 0.3, big ? 0.74 : 0.77);
            } else if (items.size() == 2) {
                split.setDividerPositions(c.guide() ? 0.72 : 0.3);
            }
        }
        guideForTab();
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
        if (chapter == null || !chapter.views().contains(viewId)) {
            showChapter(Chapter.course().stream().filter(c -> c.views().contains(viewId)).findFirst().orElseThrow().id());
        }
        tabs.getSelectionModel().select(t);
    }

    /** The id of the view shown now. */
    public String shownView() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? null : (String) t.getUserData();
    }

    /** The fine-tuning chapter (tests and screenshots drive its views). */
    public FineTuneChapter fineTune() {
        return fineTune;
    }

    /** Chapter 4 (tests drive its view). */
    public L2tChapter l2t() {
        return l2t;
    }

    public MultiMnistChapter multiMnist() {
        return multiMnist;
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
        file.getItems().addAll(open, save, shipped, load, quit);
        Menu view = new Menu("View");
        CheckMenuItem presentation = new CheckMenuItem("Presentation mode (large type)");
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
            if (run != null) {
                run.control().stop();
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
        return new ToolBar(train, trainSeeds, pause, stop, new Separator(Orientation.VERTICAL), progress, grow, export);
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
            guide.show(lessons2.get(multiTask.exercise().id()));
        } else if (chapter.id().equals("multimnist")) {
            guide.show(lessonsMultiMnist.get("multimnist"));
        } else if (chapter.id().equals("l2t")) {
            guide.show(lessonsL2t.get("l2t"));
        } else if (chapter.id().equals("finetune")) {
            guide.show(lessonsFineTune.getOrDefault(shownView(), lessonsFineTune.get("finetune-train")));
        } else {
            Exercise ex = setup.exerciseBox().getValue();
            guide.show(ex == Exercise.STUDENT ? Lessons.forMethods(setup.selectedMethods()) : lessons.get(ex.id()));
        }
    }

    /** Starts a part-2 run (JavaFX thread). */
    private void startMultiTask(MultiTaskConfig config, String name) {
        if (multiTaskRun != null || studentPart2 != null) {
            return;
        }
        Path dir;
        try {
            dir = RunFolders.create(runsRoot(), name, config.seed(), "");
        } catch (IOException ex) {
            error("Cannot create a folder for the run", ex.getMessage());
            return;
        }
        launchMultiTask(new MultiTaskRun(config).outputDir(dir).addListener(new MultiTaskRecorder(dir)), dir);
        message.setText("Training part 2 (" + name + ", " + config.weighting() + ") · saving to " + dir);
    }

    private void launchMultiTask(MultiTaskRun r, Path dir) {
        r.addListener(multiTask)
                .addListener(new MultiTaskListener() {
                    @Override
                    public void onEnd(MultiTaskResult result) {
                        Platform.runLater(() -> {
                            multiTaskRun = null;
                            message.setText("Part 2: " + result.message());
                            try {
                                compare.add(SavedRun.read(dir)); // listed with the others; resumable if stopped
                            } catch (IOException ex) {
                                message.setText("Part 2: " + result.message() + " (its folder cannot be read back: "
                                        + ex.getMessage() + ")");
                            }
                            if (result.status() == RunResult.Status.DIVERGED || result.status() == RunResult.Status.FAILED) {
                                error(failureTitle(result.message(), "The multi-task run did not finish"),
                                        sentences(result.message()));
                            }
                        });
                    }
                });
        multiTaskRun = r;
        multiTask.setRunning(true, dir);
        r.start();
    }

    /** Continues a stopped or interrupted part-2 run in its folder (JavaFX thread), on the multi-task tab. */
    private boolean resumeMultiTask(SavedRun saved) throws IOException {
        if (multiTaskRun != null || studentPart2 != null) {
            throw new IOException("a multi-task run is already training; stop it first");
        }
        Path ckpt = saved.dir().resolve(org.transferlab.engine.multitask.MultiTaskCheckpoint.FILE);
        if (!Files.isRegularFile(ckpt)) {
            throw new IOException("it stopped before its first epoch ended, so there is no checkpoint: train it again");
        }
        MultiTaskConfig config = MultiTaskRecorder.readConfig(saved.dir(), null);
        var c = org.transferlab.engine.multitask.MultiTaskCheckpoint.read(ckpt);
        launchMultiTask(new MultiTaskRun(config).outputDir(saved.dir()).resumeFrom(ckpt)
                .addListener(MultiTaskRecorder.resuming(saved.dir(), c.structure(), c.epoch())), saved.dir());
        message.setText("Resuming " + saved.dir().getFileName() + " (part 2) at structure " + (c.structure() + 1)
                + ", after epoch " + c.epoch() + " of " + config.epochs());
        show("multitask");
        return true;
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
        if (saved.exercise().equals("finetune")) {
            return fineTune.resume(saved.dir());
        }
        if (saved.exercise().equals("multimnist")) {
            return multiMnist.resume(saved.dir());
        }
        if (saved.exercise().equals("l2t")) {
            return l2t.resume(saved.dir());
        }
        try {
            if (org.transferlab.engine.multitask.MultiTaskExercise.isMultiTask(saved.exercise())) {
                return resumeMultiTask(saved);
            }
        } catch (IOException | RuntimeException ex) {
            error("Cannot resume " + saved.dir().getFileName(), ex.getMessage());
            return false;
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
            tr.outputDir(runDir).snapshotEvery(10).addListener(recorder);
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

    private void togglePause() {
        if (run == null) {
            return;
        }
        if (run.control().isPaused()) {
            run.control().resume();
            pause.setText("Pause");
            message.setText("Resumed.");
        } else {
            run.control().pause();
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
        if (run != null || multiTaskRun != null || studentPart2 != null) {
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
                MultiTaskConfig c = multiTask.config();
                if (c == null) {
                    error("Cannot train yet", "Fix the settings on the multi-task tab first.");
                    return;
                }
                var ex = card.exercise().equals("mtl-q1") ? org.transferlab.engine.multitask.MultiTaskExercise.Q1
                        : card.exercise().equals("mtl-q2") ? org.transferlab.engine.multitask.MultiTaskExercise.Q2
                        : c.exercise() == org.transferlab.engine.multitask.MultiTaskExercise.A2
                        ? org.transferlab.engine.multitask.MultiTaskExercise.Q2 : c.exercise();
                MultiTaskConfig cfg = new MultiTaskConfig(ex, card.isModel() ? c.weighting() : "uncertainty",
                        c.fixedWeights(), c.initialS(), c.gradNormAlpha(), c.data(), c.dataDir(), c.trainSize(),
                        c.epochs(), c.batchSize(), c.learningRate(), c.seed(), c.evalEvery(), c.widths()).validate();
                startStudentMultiTask(card, source, cfg);
            }
            show(card.part() == 1 ? "curves" : "multitask");
        } catch (IOException | RuntimeException ex) {
            error("Cannot train with your code", ex.getMessage());
        }
    }

    private void startStudentMultiTask(Card card, String source, MultiTaskConfig cfg) throws IOException {
        Path dir = RunFolders.create(runsRoot(), cfg.exercise().id(), cfg.seed(), "-your-code");
        StudentRun r = StudentRun.part2(card.id(), source, cfg, dir);
        r.addListener(multiTask).addListener(new MultiTaskListener() {
            @Override
            public void onEnd(MultiTaskResult result) {
                Platform.runLater(() -> {
                    studentPart2 = null;
                    exercises.setTraining(false);
                    message.setText("Part 2 with your code: " + result.message());
                    if (result.status() == RunResult.Status.COMPLETED) {
                        startMultiTask(cfg, cfg.exercise().id() + "-reference");
                    } else if (result.status() != RunResult.Status.STOPPED) {
                        error("The run with your code did not finish", result.message());
                    }
                });
            }
        });
        studentPart2 = r;
        exercises.setTraining(true);
        multiTask.setRunning(true, dir);
        message.setText("Training part 2 (" + cfg.exercise().id() + ") with your " + card.method()
                + " in a separate process · saving to " + dir + " · the reference run follows");
        r.start();
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

    /** Larger type everywhere, for a projector. */
    public void presentation(boolean on) {
        Charts.scale(on ? 1.45 : 1.0);
        root.getStyleClass().remove("presentation");
        if (on) {
            root.getStyleClass().add("presentation");
        }
        setupScroll.setMinWidth(on ? 470 : 420);
        if (split.getItems().size() == 3) {
            split.setDividerPositions(on ? 0.33 : 0.3, on ? 0.74 : 0.77);
        }
        curves.restyle();
        multiTask.restyle();
        temperature.restyle();
        anatomy.restyle();
        compare.restyle();
        guide.redraw();
    }

    private boolean confirmClose() {
        exercises.saveCurrent();
        if (run == null && multiTaskRun == null && studentPart2 == null && !fineTune.running()
                && !multiMnist.running() && !l2t.running()) {
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
        fineTune.stop(); // its recorder keeps the metrics and the checkpoint of the last evaluation
        multiMnist.stop();
        l2t.stop();
        LiveRun r = run;
        MultiTaskRun m = multiTaskRun;
        StudentRun sp = studentPart2;
        if (sp != null) {
            sp.control().stop();
        }
        if (r != null) {
            r.control().stop();
        }
        if (m != null) {
            m.control().stop();
        }
        try {
            Thread t = new Thread(() -> {
                try {
                    if (r != null) {
                        r.await();
                    }
                    if (m != null) {
                        m.await();
                    }
                    if (sp != null) {
                        sp.awaitMultiTask();
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
        byView.put("multitask", multiTask.charts());
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
            message.setText("Exported " + n + " files to " + dir);
        } catch (IOException | RuntimeException ex) {
            error("Export stopped", "After " + n + " files: " + ex.getMessage());
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
        return multiTask;
    }

    public boolean isTrainingMultiTask() {
        return multiTaskRun != null || studentPart2 != null;
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
