package org.transferlab.ui.views;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.transferlab.exercises.Card;
import org.transferlab.exercises.Cards;
import org.transferlab.exercises.CheckResult;
import org.transferlab.exercises.ExerciseStore;
import org.transferlab.exercises.Sandbox;

/**
 * Exercise mode: a card (goal, formula, input shapes), a Java editor holding the student's {@code Solution},
 * and the answers: Check compiles and runs the code in a separate process against the reference, and shows
 * each comparison, the matched mistake's hint, compile errors at their lines and what the code printed; hints
 * one at a time; the solution at the end; Train with my code hands the code to the app to train with. The
 * code of every card is saved as it is checked or left.
 */
public final class ExerciseView extends VBox {
    private final ComboBox<Card> cards = new ComboBox<>();
    private final Label title = new Label();
    private final Label goal = new Label();
    private final ImageView formula = new ImageView();
    private final Label inputs = new Label();
    private final CodeArea editor = new CodeArea();
    private final Label status = new Label("Write your code, then press Check.");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final VBox checks = new VBox(2);
    private final Label mistakeHint = new Label();
    private final VBox hints = new VBox(4);
    private final Label output = new Label();
    private final Button check = new Button("Check");
    private final Button train = new Button("Train with my code");
    private final Button nextHint = new Button("Next hint");
    private final Button solution = new Button("Show solution");
    private final Button reset = new Button("Reset to skeleton");
    private final ExerciseStore store;
    private final List<Integer> errorLines = new ArrayList<>();
    private BiConsumer<Card, String> trainer = (c, s) -> { };
    private int hintsShown;
    private CheckResult last;
    private boolean training;
    private boolean checking;

    public ExerciseView(ExerciseStore store) {
        this.store = store;
        setSpacing(6);
        setPadding(new Insets(8));
        cards.getItems().addAll(Cards.all().values());
        cards.setConverter(new StringConverter<>() {
            @Override
            public String toString(Card c) {
                return c == null ? "" : c.title();
            }

            @Override
            public Card fromString(String s) {
                return null;
            }
        });
        cards.setId("exercise-card");
        cards.setVisibleRowCount(8);
        cards.valueProperty().addListener((o, before, now) -> {
            if (before != null) {
                save(before);
            }
            show(now);
        });
        title.getStyleClass().add("exercise-title");
        goal.setWrapText(true);
        inputs.setWrapText(true);
        for (Label l : List.of(goal, inputs, title)) { // every line shown, whatever the type size
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        inputs.getStyleClass().add("caption");

        editor.setId("exercise-editor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        // long signatures (the cards' reach 120 characters) wrap at the editor's edge instead of running off it
        editor.setWrapText(true);
        editor.textProperty().addListener((o, a, text) -> {
            editor.setStyleSpans(0, JavaHighlighting.compute(text));
            clearErrorLines();
        });
        VirtualizedScrollPane<CodeArea> code = new VirtualizedScrollPane<>(editor);

        status.getStyleClass().add("check-status");
        status.setId("exercise-status");
        status.setWrapText(true);
        busy.setVisible(false);
        busy.setPrefSize(22, 22);
        mistakeHint.getStyleClass().add("mistake-hint");
        mistakeHint.setId("exercise-mistake");
        mistakeHint.setVisible(false);
        mistakeHint.setManaged(false);
        mistakeHint.setMaxWidth(Double.MAX_VALUE);
        output.setWrapText(true);
        output.getStyleClass().add("caption");
        Label checksHead = new Label("Checks");
        checksHead.getStyleClass().add("panel-title");
        Label hintsHead = new Label("Hints");
        hintsHead.getStyleClass().add("panel-title");
        VBox results = new VBox(6, new HBox(8, busy, status), mistakeHint, checksHead, checks, hintsHead, hints, output);
        results.setPadding(new Insets(6));
        results.setFillWidth(true);
        ScrollPane resultsScroll = new ScrollPane(results);
        resultsScroll.setFitToWidth(true);
        resultsScroll.setMinWidth(260);
        SplitPane body = new SplitPane(code, resultsScroll);
        body.setOrientation(Orientation.HORIZONTAL);
        body.setDividerPositions(0.62);
        VBox.setVgrow(body, Priority.ALWAYS);

        check.setId("exercise-check");
        check.getStyleClass().add("accent");
        check.setOnAction(e -> runCheck());
        train.setId("exercise-train");
        train.setTooltip(new Tooltip("Trains with your code in a separate process, shown in the usual views; "
                + "the reference run with the same settings follows, so both land in Compare runs."));
        train.setOnAction(e -> {
            Card c = cards.getValue();
            save(c);
            trainer.accept(c, editor.getText());
        });
        nextHint.setId("exercise-next-hint");
        nextHint.setOnAction(e -> revealHint());
        solution.setId("exercise-solution");
        solution.setOnAction(e -> showSolution());
        reset.setOnAction(e -> editor.replaceText(cards.getValue().skeleton()));
        Button gradeBook = new Button("Check a folder of submissions…");
        gradeBook.setId("exercise-gradebook");
        gradeBook.setTooltip(new Tooltip("For instructors: check every Solution.java in a folder (one per student) "
                + "against this card, each in a sandbox; the grade book can be exported as CSV."));
        gradeBook.setOnAction(e -> {
            javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
            dc.setTitle("Folder of submissions for " + cards.getValue().title());
            java.io.File dir = dc.showDialog(getScene().getWindow());
            if (dir != null) {
                new GradeBookWindow(getScene().getWindow(), cards.getValue().id(), dir.toPath()).stage().show();
            }
        });
        ToolBar bar = new ToolBar(check, train, new Separator(Orientation.VERTICAL), nextHint, solution, reset,
                new Separator(Orientation.VERTICAL), gradeBook);

        HBox top = new HBox(8, new Label("Card"), cards);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(top, title, goal, formula, inputs, bar, body);
        cards.setValue(cards.getItems().get(0));
    }

    /** What Train with my code does with the card and the editor's code (the app starts the run). */
    public void onTrain(BiConsumer<Card, String> trainer) {
        this.trainer = trainer;
    }

    /** Greys out Train while any run is going (one run at a time on the machine). */
    public void setTraining(boolean running) {
        training = running;
        updateButtons();
    }

    private void updateButtons() {
        check.setDisable(checking);
        Card c = cards.getValue();
        boolean checkedOnly = c != null && c.part() >= 3; // chapters 3 and 4: checked here, trained in their chapter's view
        train.setDisable(training || checking || checkedOnly);
        train.setTooltip(checkedOnly ? new javafx.scene.control.Tooltip("This card is checked, not trained: "
                + "train in its chapter's view (" + (c.exercise().equals("dark-knowledge") ? "Dark knowledge, the "
                + "omitted experiment" : c.exercise().equals("finetune") ? "chapter 3's Fine-tune view"
                : "chapter 4's MultiMNIST view") + ")") : null);
    }

    private void show(Card c) {
        if (c == null) {
            return;
        }
        updateButtons();
        title.setText(c.title());
        goal.setText(c.goal());
        formula.setImage(Latex.render(c.formula(), 17));
        inputs.setText("• " + String.join("\n• ", c.inputs()));
        showResult(null);
        String code = c.skeleton();
        try {
            code = store.load(c.id()).orElse(c.skeleton());
        } catch (IOException ex) {
            status.setText("Your saved code for this card could not be read (" + ex.getMessage()
                    + "); the skeleton is shown and the file was left as it is.");
        }
        editor.replaceText(code);
        editor.moveTo(0);
        editor.requestFollowCaret();
        hintsShown = 0;
        hints.getChildren().clear();
        nextHint.setDisable(false);
    }

    private void save(Card c) {
        if (c == null) {
            return;
        }
        try {
            store.save(c.id(), editor.getText());
        } catch (IOException ex) {
            status.setText("Could not save your code to " + store.file(c.id()) + ": " + ex.getMessage()
                    + ". Copy it somewhere safe.");
        }
    }

    /** Saves the card shown (the app calls it when closing). */
    public void saveCurrent() {
        save(cards.getValue());
    }

    private void runCheck() {
        Card c = cards.getValue();
        String src = editor.getText();
        save(c);
        checking = true;
        updateButtons();
        busy.setVisible(true);
        status.getStyleClass().removeAll("passed", "failed");
        status.setText("Checking in a separate process (a few seconds)…");
        Thread t = new Thread(() -> {
            CheckResult r = Sandbox.check(c.id(), src);
            Platform.runLater(() -> {
                checking = false;
                busy.setVisible(false);
                updateButtons();
                if (c == cards.getValue()) {
                    showResult(r);
                }
            });
        }, "transferlab-check");
        t.setDaemon(true);
        t.start();
    }

    private void showResult(CheckResult r) {
        last = r;
        checks.getChildren().clear();
        output.setText("");
        mistakeHint.setVisible(false);
        mistakeHint.setManaged(false);
        status.getStyleClass().removeAll("passed", "failed");
        if (r == null) {
            status.setText("Write your code, then press Check.");
            return;
        }
        status.getStyleClass().add(r.status().passed() ? "passed" : "failed");
        status.setText((r.status().passed() ? "✔ " : "✘ ") + r.summary()
                + String.format(" (%.1f s)", r.seconds()));
        for (CheckResult.Check k : r.checks()) {
            Label l = new Label((k.passed() ? "✔ " : "✘ ") + k.name() + ": " + k.detail());
            l.setWrapText(true);
            l.setStyle(k.passed() ? "-fx-text-fill: #1a7f37;" : "-fx-text-fill: #b2182b;");
            checks.getChildren().add(l);
        }
        for (CheckResult.Diagnostic d : r.diagnostics()) {
            Label l = new Label("line " + d.line() + ": " + d.message());
            l.setWrapText(true);
            l.setStyle("-fx-text-fill: #b2182b; -fx-cursor: hand;");
            l.setOnMouseClicked(e -> goToLine(d.line()));
            checks.getChildren().add(l);
        }
        markErrorLines(r.diagnostics());
        if (r.mistake() != null) {
            mistakeHint.setText("Hint: " + r.mistake().hint());
            mistakeHint.setVisible(true);
            mistakeHint.setManaged(true);
        }
        if (!r.output().isEmpty()) {
            output.setText("Your code printed:\n" + r.output());
        }
    }

    private void markErrorLines(List<CheckResult.Diagnostic> diagnostics) {
        clearErrorLines();
        for (CheckResult.Diagnostic d : diagnostics) {
            int p = (int) d.line() - 1;
            if (p >= 0 && p < editor.getParagraphs().size()) {
                editor.setParagraphStyle(p, List.of("error-line"));
                errorLines.add(p);
            }
        }
        if (!diagnostics.isEmpty()) {
            goToLine(diagnostics.get(0).line());
        }
    }

    private void clearErrorLines() {
        for (int p : errorLines) {
            if (p < editor.getParagraphs().size()) {
                editor.setParagraphStyle(p, List.of());
            }
        }
        errorLines.clear();
    }

    private void goToLine(long line) {
        int p = (int) Math.max(0, Math.min(editor.getParagraphs().size() - 1, line - 1));
        editor.moveTo(p, 0);
        editor.requestFollowCaret();
        editor.requestFocus();
    }

    private void revealHint() {
        Card c = cards.getValue();
        if (hintsShown < c.hints().size()) {
            Label l = new Label((hintsShown + 1) + ". " + c.hints().get(hintsShown));
            l.getStyleClass().add("revealed-hint");
            l.setMaxWidth(Double.MAX_VALUE);
            hints.getChildren().add(l);
            hintsShown++;
        }
        nextHint.setDisable(hintsShown >= c.hints().size());
    }

    private void showSolution() {
        Card c = cards.getValue();
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Your current code is kept in " + store.file(c.id() + "/before-solution") + ".",
                javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("Replace the editor's code with the solution?");
        if (a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) == javafx.scene.control.ButtonType.OK) {
            revealSolution();
        }
    }

    /** Puts the card's solution in the editor, keeping the student's code in a side file. */
    public void revealSolution() {
        Card c = cards.getValue();
        try {
            store.save(c.id() + "/before-solution", editor.getText());
        } catch (IOException ex) {
            status.setText("Could not keep a copy of your code: " + ex.getMessage());
            return;
        }
        editor.replaceText(c.solution());
        while (hintsShown < c.hints().size()) {
            revealHint();
        }
    }

    /** Reveals the next {@code n} hints. */
    public void revealHints(int n) {
        for (int i = 0; i < n; i++) {
            revealHint();
        }
    }

    // for tests and the screenshot command
    public ComboBox<Card> cardBox() {
        return cards;
    }

    public CodeArea editor() {
        return editor;
    }

    public Button checkButton() {
        return check;
    }

    public CheckResult lastResult() {
        return last;
    }

    public boolean isChecking() {
        return checking;
    }
}
