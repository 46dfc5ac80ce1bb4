package org.transferlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.Chapters;
import org.transferlab.darkknowledge.DarkKnowledgeChapter;
import org.transferlab.darkknowledge.DarkKnowledgeCommand;
import org.transferlab.darkknowledge.DarkKnowledgeConfig;
import org.transferlab.darkknowledge.DarkKnowledgeData;
import org.transferlab.darkknowledge.DarkKnowledgeListener;
import org.transferlab.darkknowledge.DarkKnowledgeRecorder;
import org.transferlab.darkknowledge.DarkKnowledgeResult;
import org.transferlab.darkknowledge.DarkKnowledgeRun;
import org.transferlab.darkknowledge.Experiment;
import org.transferlab.engine.RunResult;
import org.transferlab.ui.views.RunFiguresView;

/**
 * The dark-knowledge chapter in the app: its experiment's controls above the chapter's figures. The controls become
 * the options of {@code train dark-knowledge} ({@link DarkKnowledgeCommand#config}), so the app refuses what the
 * command line refuses, in the same sentence, before any folder is made; a run trains in a run folder like the
 * command line's and the figures are redrawn from that folder after every epoch of every network. The chapter's
 * other views keep drawing its newest run folder.
 */
public final class DarkKnowledgeChapterUi extends ChapterRuns<DarkKnowledgeRun> {
    private final ComboBox<Experiment> experiment = new ComboBox<>();
    private final TextField omit = field("omit", "3", 110);
    private final TextField share = field("transfer-share", "0.03", 70);
    private final TextField generations = field("generations", "3", 50);
    private final ComboBox<String> banModel = new ComboBox<>();
    private final ComboBox<String> dataset = new ComboBox<>();
    private final TextField teacherEpochs = field("teacher-epochs", "30", 50);
    private final TextField epochs = field("epochs", "20", 50);
    private final TextField seed = field("seed", "0", 50);
    private final Button train = new Button("Train");
    private final Button stopButton = new Button("Stop");
    private final Label status = new Label();
    private final BorderPane pane = new BorderPane();
    private final List<Node> omittedOnly = new ArrayList<>();
    private final List<Node> smallOnly = new ArrayList<>();
    private final List<Node> banOnly = new ArrayList<>();
    private final List<Node> teacherOnly = new ArrayList<>();
    private java.util.function.Function<String, Path> latestRun = c -> null;
    private RunFiguresView figures;
    /** The folder the figures show while this screen's run trains and after (null: the chapter's newest). */
    private volatile Path current;
    private volatile long lastDraw;

    @Override
    public String chapter() {
        return DarkKnowledgeChapter.ID;
    }

    @Override
    protected String title() {
        return "Dark knowledge";
    }

    @Override
    public void open(Shell shell) {
        super.open(shell);
        latestRun = shell.latestRun();
        var chapter = Chapters.get(DarkKnowledgeChapter.ID);
        ChapterView view = chapter.views().stream().filter(v -> v.id().equals(DarkKnowledgeChapter.ID)).findFirst()
                .orElseThrow();
        figures = new RunFiguresView(chapter, view, () -> current != null ? current : latestRun.apply(chapter()));
        experiment.getItems().setAll(Experiment.values());
        experiment.setValue(Experiment.OMITTED);
        experiment.setId("dk-experiment");
        experiment.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Experiment e) {
                return e == null ? "" : e.title();
            }

            @Override
            public Experiment fromString(String s) {
                return null;
            }
        });
        banModel.getItems().setAll(DarkKnowledgeConfig.BAN_MODELS);
        banModel.setValue(DarkKnowledgeConfig.STUDENT);
        banModel.setId("dk-ban-model");
        dataset.getItems().setAll(DarkKnowledgeConfig.DATASETS);
        dataset.setValue(DarkKnowledgeConfig.DATASETS.get(0));
        dataset.setId("dk-dataset");
        train.setId("dk-train");
        stopButton.setId("dk-stop");
        train.setDefaultButton(false);
        train.setOnAction(e -> start());
        stopButton.setOnAction(e -> stop());
        stopButton.setDisable(true);
        status.setId("dk-status");
        status.setWrapText(true);

        FlowPane controls = new FlowPane(14, 8);
        controls.getChildren().addAll(labelled("Experiment", experiment),
                remember(omittedOnly, labelled("Digits never shown", omit)),
                remember(smallOnly, labelled("Share of the transfer set", share)),
                remember(banOnly, labelled("Generations", generations)),
                remember(banOnly, labelled("Architecture", banModel)),
                remember(banOnly, labelled("Images", dataset)),
                remember(teacherOnly, labelled("Teacher epochs", teacherEpochs)),
                labelled("Epochs (each student)", epochs), labelled("Seed", seed), buttons());
        experiment.valueProperty().addListener((o, a, b) -> arrange());
        arrange();
        VBox top = new VBox(8, controls, status);
        top.setPadding(new Insets(10, 12, 4, 12));
        pane.setTop(top);
        pane.setCenter(figures);
        pane.setId("dark-knowledge-screen");
        status.setText("Choose an experiment and Train: the figures below are redrawn after every epoch. The default "
                + "(the digit never shown, 30 teacher and 2×20 student epochs on 7 000 digits) takes about 1½ minutes "
                + "on two idle cores.");
    }

    private static TextField field(String id, String value, double width) {
        TextField f = new TextField(value);
        f.setId("dk-" + id);
        f.setPrefColumnCount(Math.max(3, (int) (width / 12)));
        return f;
    }

    private static VBox labelled(String text, Node control) {
        Label l = new Label(text);
        l.setLabelFor(control);
        VBox box = new VBox(3, l, control);
        box.setAlignment(Pos.BOTTOM_LEFT);
        return box;
    }

    private static Node remember(List<Node> group, Node n) {
        group.add(n);
        return n;
    }

    private Node buttons() {
        javafx.scene.layout.HBox b = new javafx.scene.layout.HBox(8, train, stopButton);
        b.setAlignment(Pos.BOTTOM_LEFT);
        return b;
    }

    /** Shows the controls that apply to the chosen experiment only. */
    private void arrange() {
        Experiment e = experiment.getValue();
        show(omittedOnly, e == Experiment.OMITTED);
        show(smallOnly, e == Experiment.SMALL_TRANSFER);
        show(banOnly, e == Experiment.BAN);
        show(teacherOnly, e != Experiment.BAN);
    }

    private static void show(List<Node> nodes, boolean on) {
        for (Node n : nodes) {
            n.setVisible(on);
            n.setManaged(on);
        }
    }

    @Override
    public Node view(String viewId) {
        return viewId.equals(DarkKnowledgeChapter.ID) ? pane : null;
    }

    @Override
    public void shown(String viewId) {
        if (viewId.equals(DarkKnowledgeChapter.ID)) {
            figures.refresh();
        }
    }

    /** The command-line options the controls stand for (shown in the status line, and what is checked). */
    public List<String> options() {
        Experiment e = experiment.getValue();
        List<String> a = new ArrayList<>(List.of("--experiment", e.id(), "--data", "embedded",
                "--epochs", epochs.getText().strip(), "--seed", seed.getText().strip()));
        switch (e) {
            case OMITTED -> a.addAll(List.of("--omit", omit.getText().replace(" ", "")));
            case SMALL_TRANSFER -> a.addAll(List.of("--transfer-share", share.getText().strip()));
            case BAN -> a.addAll(List.of("--generations", generations.getText().strip(), "--ban-model",
                    banModel.getValue(), "--dataset", dataset.getValue()));
            default -> { }
        }
        if (e != Experiment.BAN) {
            a.addAll(List.of("--teacher-epochs", teacherEpochs.getText().strip()));
        }
        return a;
    }

    /** Checks the controls and the digits (off the JavaFX thread), then trains in a new run folder. */
    public void start() {
        if (run != null) {
            return;
        }
        List<String> args = options();
        DarkKnowledgeConfig config;
        try {
            config = DarkKnowledgeCommand.config(args.toArray(String[]::new));
        } catch (IllegalArgumentException ex) {
            refuse(ex.getMessage());
            return;
        }
        train.setDisable(true);
        status.setText("Loading the digits…");
        Thread t = new Thread(() -> {
            try {
                DarkKnowledgeData data = DarkKnowledgeData.load(config, null);
                Platform.runLater(() -> launch(config, data, args));
            } catch (Exception ex) {
                Platform.runLater(() -> {
                    train.setDisable(false);
                    refuse(ex.getMessage());
                });
            }
        }, "transferlab-dk-data");
        t.setDaemon(true);
        t.start();
    }

    private void refuse(String why) {
        status.setText("Not started: " + why);
        message.accept("Dark knowledge: " + why);
    }

    private void launch(DarkKnowledgeConfig config, DarkKnowledgeData data, List<String> args) {
        Path dir = newRunFolder(config.label(), config.seed());
        if (dir == null) {
            train.setDisable(false);
            return;
        }
        launch(new DarkKnowledgeRun(config).data(data).outputDir(dir).addListener(new DarkKnowledgeRecorder(dir)),
                config, dir, args);
    }

    private void launch(DarkKnowledgeRun r, DarkKnowledgeConfig config, Path dir, List<String> args) {
        run = r;
        train.setDisable(true);
        current = dir;
        stopButton.setDisable(false);
        status.setText(config.experiment().title() + " · train dark-knowledge " + String.join(" ", args) + " · "
                + dir.getFileName());
        r.addListener(new DarkKnowledgeListener() {
            @Override
            public void onPhase(Phase p) {
                Platform.runLater(() -> status.setText(String.format(Locale.ROOT, "%s: %s, %d epochs of %d steps%s",
                        config.experiment().title(), p.title(), p.epochs(), p.stepsPerEpoch(),
                        p.teacher() == null ? "" : " (taught by " + p.teacher() + ")")));
            }

            @Override
            public void onPhaseEpoch(PhaseEpoch e) {
                // redrawing six figures costs a few hundred ms: at most every two seconds, and at each network's end
                long now = System.nanoTime();
                if (e.epoch() == e.epochs() || now - lastDraw > 2_000_000_000L) {
                    lastDraw = now;
                    Platform.runLater(figures::redraw);
                }
            }

            @Override
            public void onEnd(DarkKnowledgeResult result) {
                Platform.runLater(() -> {
                    run = null;
                    train.setDisable(false);
                    stopButton.setDisable(true);
                    status.setText((result.status() == RunResult.Status.COMPLETED ? "" : "Ended: ")
                            + result.message() + " · " + dir.getFileName());
                    message.accept(result.message());
                    figures.redraw();
                    savedRunsChanged.run();
                });
            }
        });
        started.accept(r, title());
        r.start();
    }

    /** Continues a stopped run in its folder (Compare runs' Resume): after the last network it saved. */
    @Override
    public boolean resume(Path dir) {
        if (run != null) {
            message.accept("A dark-knowledge run is training: wait for it to end or stop it first.");
            return false;
        }
        DarkKnowledgeRun r;
        DarkKnowledgeConfig config;
        try {
            r = org.transferlab.darkknowledge.DarkKnowledgeConsole.resumable(dir, null);
            config = DarkKnowledgeRecorder.readConfig(dir);
        } catch (Exception e) {
            message.accept("Cannot resume " + dir.getFileName() + ": " + e.getMessage());
            return false;
        }
        experiment.setValue(config.experiment());
        launch(r, config, dir, List.of("--resume", dir.toString()));
        return true;
    }

    /** The run's controls, for tests. */
    public TextField omitField() {
        return omit;
    }

    public ComboBox<Experiment> experimentBox() {
        return experiment;
    }

    public TextField epochsField() {
        return epochs;
    }

    public TextField teacherEpochsField() {
        return teacherEpochs;
    }

    public String statusText() {
        return status.getText();
    }

    public RunFiguresView figures() {
        return figures;
    }
}
