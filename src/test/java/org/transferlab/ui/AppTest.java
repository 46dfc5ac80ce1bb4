package org.transferlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.transferlab.ui.views.FineTuneView;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.transferlab.engine.Exercise;
import org.transferlab.ui.views.NumberField;

/**
 * The window end to end on JavaFX's headless Monocle platform: set up Q2, train briefly on a small subset,
 * and check what the user would see; then stop a run and find it in the comparison.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppTest {
    private static Path home;
    private TransferLabApp app;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        if (home == null) {
            home = Files.createTempDirectory("transferlab-ui");
        }
        System.setProperty("transferlab.home", home.toString());
        app = new TransferLabApp();
        app.start(stage);
    }

    private void setUp(FxRobot robot, Exercise exercise, int epochs, int images) {
        robot.interact(() -> {
            SetupPanel s = app.setup();
            s.exerciseBox().setValue(exercise);
            s.epochsField().set(epochs);
            s.trainSizeField().set(images);
            s.batchField().set(64);
        });
    }

    private void waitUntil(long seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(1)
    void q2TrainsLiveAndEveryViewShowsTheRun(FxRobot robot) throws Exception {
        setUp(robot, Exercise.Q2, 3, 320);
        robot.clickOn("#train");
        waitUntil(120, () -> !app.isTraining() && app.curves().accuracyPoints() > 0);
        assertTrue(app.curves().lossPoints() > 0, "the loss chart received points");
        assertEquals(6, app.curves().accuracyPoints(), "train and test accuracy for 3 epochs");
        assertTrue(app.anatomy().stackRows() > 0, "the loss anatomy received rows");
        assertTrue(app.attention().showsMaps(), "the attention view shows maps");
        assertTrue(app.attention().lastSnapshot().teacherMaps().containsKey("group1"), "with the teacher's maps");
        assertTrue(Double.isFinite(app.relations().lastGap()), "the relations view compares the two embeddings");
        assertTrue(app.relations().lastGap() > 0);
        double before = app.temperatureView().plotted("teacher", 0);
        double student = app.temperatureView().plotted("student", 0);
        assertFalse(Double.isNaN(before), "the temperature view plots the teacher");
        assertFalse(Double.isNaN(student), "and the student");
        robot.interact(() -> app.temperatureView().temperatureSlider().setValue(1));
        double sharp = app.temperatureView().plotted("teacher", 0);
        robot.interact(() -> app.temperatureView().temperatureSlider().setValue(20));
        double flat = app.temperatureView().plotted("teacher", 0);
        assertNotEquals(sharp, flat, "moving T re-renders the distribution");
        assertEquals(1, app.compare().runs().size(), "the run is in the comparison table");
        assertEquals("completed", app.compare().runs().get(0).status());
        assertTrue(Files.exists(app.compare().runs().get(0).dir().resolve("checkpoint.tlck")), "saved with its checkpoint");
        // responsiveness is measured (and printed for the record), not asserted: timing belongs in benchmarks
        assertTrue(app.lastPulseSummary().startsWith("window: longest pause"), app.lastPulseSummary());
        System.out.println("AppTest Q2 run, headless Monocle: " + app.lastPulseSummary());
        // every chart of the views, in every format, with descriptive names
        Path figures = home.resolve("figures");
        int[] written = {0};
        robot.interact(() -> written[0] = app.exportAll(figures));
        assertEquals(12 * 5 + 3 * 4, app.lastExportCounts().get("live views"), "12 charts (curves 2, temperature 1, "
                + "anatomy 2, compare 1, part 2 6) × 5 formats, and the attention maps of 3 layer pairs × 4");
        assertEquals(7 * 4, app.lastExportCounts().get("part1"), "part 1's run: loss components, accuracy, attention at "
                + "3 pairs, temperature and the teacher's and student's logit correlations, each as PNG, SVG, PDF and CSV");
        assertEquals(12 * 5 + 3 * 4 + 7 * 4, written[0]);
        assertTrue(Files.readString(figures.resolve("attention-group1.svg")).contains("Attention maps at group1"));
        assertTrue(Files.exists(figures.resolve("curves-accuracy-per-epoch@2x.png")));
        assertTrue(Files.readString(figures.resolve("temperature-softened-class-probabilities.csv")).contains("teacher,"));
    }

    @Test
    @Order(2)
    void stopEndsTheRunAndItAppearsInTheComparison(FxRobot robot) throws Exception {
        // a new window reloads the runs saved by the first test from disk
        assertEquals(1, app.compare().runs().size(), "runs reopen after a restart");
        setUp(robot, Exercise.Q1, 200, 512);
        robot.clickOn("#train");
        waitUntil(60, () -> app.curves().lossPoints() > 4);
        assertTrue(app.isTraining());
        robot.clickOn("#stop");
        waitUntil(30, () -> !app.isTraining());
        assertEquals(2, app.compare().runs().size());
        assertEquals("stopped", app.compare().runs().get(1).status());
        assertFalse(robot.lookup("#train").queryAs(Button.class).isDisabled(), "ready for the next run");
    }

    @Test
    @Order(3)
    void invalidValuesAreRefusedAtTheField(FxRobot robot) {
        robot.interact(() -> app.setup().epochsField().field().setText("-3"));
        assertTrue(robot.lookup("#train").queryAs(Button.class).isDisabled(), "Train is disabled");
        assertEquals("epochs must be between 1 and 10000", app.setup().epochsField().message());
        robot.interact(() -> app.setup().epochsField().field().setText("ten"));
        assertEquals("'ten' is not a number", app.setup().epochsField().message());
        robot.interact(() -> app.setup().epochsField().field().setText("12"));
        assertFalse(robot.lookup("#train").queryAs(Button.class).isDisabled());
    }

    @Test
    @Order(4)
    void multiTaskTabTrainsTwoTasksAndDrawsWeightsAndStructures(FxRobot robot) throws Exception {
        robot.interact(() -> {
            app.show("multitask");
            app.multiTask().select(org.transferlab.part2.MultiTaskExercise.Q2, "gradnorm", 2, 256);
        });
        robot.clickOn("#mtl-train");
        waitUntil(120, () -> !app.isTrainingMultiTask() && app.multiTask().structuresDrawn() == 1);
        assertTrue(app.multiTask().lossPoints() > 4, "per-task loss and weight curves received points");
        String status = robot.lookup("#mtl-status").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(status.contains("finished 2 epochs"), status);
        try (var dirs = Files.list(home.resolve("runs"))) {
            assertTrue(dirs.anyMatch(d -> d.getFileName().toString().endsWith("mtl-q2")
                    && Files.exists(d.resolve("summary.json"))), "the part-2 run folder was written");
        }
    }

    @Test
    @Order(5)
    void everyNumericFieldRefusesOutOfRangeValuesAtTheField(FxRobot robot) {
        for (NumberField f : app.setup().numberFields()) {
            String before = f.field().getText();
            for (String bad : new String[]{"-1e9", "1e12", "NaN", "", "x1"}) {
                robot.interact(() -> f.field().setText(bad));
                assertFalse(f.validProperty().get(), f.field().getId() + " accepted '" + bad + "'");
                assertFalse(f.message().isEmpty(), f.field().getId() + " gave no message for '" + bad + "'");
                assertTrue(robot.lookup("#train").queryAs(Button.class).isDisabled());
            }
            robot.interact(() -> f.field().setText(before));
            assertTrue(f.validProperty().get(), f.field().getId() + " back to " + before);
        }
        assertFalse(robot.lookup("#train").queryAs(Button.class).isDisabled());
        // the multi-task tab's fields, two of which take one number per task
        robot.interact(() -> app.show("multitask"));
        for (NumberField f : app.multiTask().numberFields()) {
            String before = f.field().getText();
            boolean list = before.contains(",");
            for (String bad : list ? new String[]{"1", "1, x", "1, 1, 1", "-1e3, 1", "NaN, 1", ""}
                    : new String[]{"-1e9", "1e12", "NaN", "", "x1"}) {
                robot.interact(() -> f.field().setText(bad));
                assertFalse(f.validProperty().get(), f.field().getId() + " accepted '" + bad + "'");
                assertFalse(f.message().isEmpty(), f.field().getId() + " gave no message for '" + bad + "'");
                assertTrue(robot.lookup("#mtl-train").queryAs(Button.class).isDisabled());
            }
            robot.interact(() -> f.field().setText(before));
            assertTrue(f.validProperty().get(), f.field().getId() + " back to " + before);
        }
        assertEquals("fixed w needs 2 numbers separated by commas, like 1, 1", message(robot, "#mtl-fixed", "3"));
        assertEquals("epochs must be a whole number", message(robot, "#mtl-epochs", "2.5"));
        robot.interact(() -> app.multiTask().numberFields().get(3).field().setText("30"));
        assertFalse(robot.lookup("#mtl-train").queryAs(Button.class).isDisabled());
        robot.interact(() -> app.show("curves"));
    }

    private String message(FxRobot robot, String id, String text) {
        NumberField f = app.multiTask().numberFields().stream().filter(n -> n.field().getId().equals(id.substring(1)))
                .findFirst().orElseThrow();
        robot.interact(() -> f.field().setText(text));
        String m = f.message();
        robot.interact(() -> f.set(f.values()));
        return m;
    }

    @Test
    @Order(6)
    void aStoppedRunResumesFromItsCheckpointInTheApp(FxRobot robot) throws Exception {
        setUp(robot, Exercise.Q1, 20, 256); // long enough that Stop lands before the end
        robot.clickOn("#train");
        waitUntil(60, () -> app.curves().accuracyPoints() >= 2);
        robot.clickOn("#stop");
        waitUntil(30, () -> !app.isTraining());
        var stopped = app.compare().runs().get(app.compare().runs().size() - 1);
        assertEquals("stopped", stopped.status());
        boolean[] started = {false};
        robot.interact(() -> started[0] = app.resumeRun(stopped));
        assertTrue(started[0]);
        waitUntil(60, () -> !app.isTraining());
        var resumed = app.compare().runs().stream().filter(r -> r.dir().equals(stopped.dir())).findFirst().orElseThrow();
        assertEquals("completed", resumed.status());
        assertEquals(20, resumed.testAccuracy().size(), "epochs 1-20 recorded once each");
    }

    /** The dialog the window shows, once it is there. */
    private javafx.scene.control.DialogPane dialog(FxRobot robot) throws Exception {
        waitUntil(20, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        return robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
    }

    private void closeWindow() {
        javafx.application.Platform.runLater(() -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    @Test
    @Order(7)
    void closingTheWindowMidRunAsksAndThenKeepsTheStoppedRun(FxRobot robot) throws Exception {
        javafx.application.Platform.setImplicitExit(false); // later tests open a window again
        setUp(robot, Exercise.Q1, 200, 512);
        robot.clickOn("#train");
        waitUntil(60, () -> app.curves().accuracyPoints() >= 1 && app.curves().lossPoints() > 10);
        Path runDir = app.currentRunDir();

        closeWindow();
        javafx.scene.control.DialogPane asked = dialog(robot);
        assertEquals("Stop the run and close?", asked.getHeaderText());
        assertTrue(asked.getContentText().contains("checkpoint of its last finished epoch are kept"), asked.getContentText());
        robot.clickOn((javafx.scene.Node) asked.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        waitUntil(10, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertTrue(stage.isShowing(), "Cancel keeps the window");
        assertTrue(app.isTraining(), "Cancel keeps the run training");

        closeWindow();
        robot.clickOn((javafx.scene.Node) dialog(robot).lookupButton(javafx.scene.control.ButtonType.OK));
        waitUntil(30, () -> !stage.isShowing());
        waitUntil(30, () -> Files.exists(runDir.resolve("summary.json")));
        var summary = org.transferlab.io.Json.MAPPER.readTree(runDir.resolve("summary.json").toFile());
        assertEquals("stopped", summary.get("status").asText(), "recorded as stopped, not lost");
        assertTrue(summary.get("steps").asInt() > 10, "with its steps so far: " + summary);
        assertTrue(Files.readAllLines(runDir.resolve("metrics.csv")).stream().anyMatch(l -> l.startsWith("epoch,1,")));
        assertTrue(Files.exists(runDir.resolve("checkpoint.tlck")), "the last finished epoch's checkpoint");
    }

    @Test
    @Order(8)
    void aStoppedMultiTaskRunResumesInTheApp(FxRobot robot) throws Exception {
        robot.interact(() -> {
            app.show("multitask");
            app.multiTask().select(org.transferlab.part2.MultiTaskExercise.Q2, "uncertainty", 5, 256);
        });
        robot.clickOn("#mtl-train");
        waitUntil(120, () -> app.multiTask().accuracyPoints() >= 2);
        robot.clickOn("#mtl-stop");
        waitUntil(30, () -> !app.isTrainingMultiTask());
        var stopped = app.compare().runs().stream().filter(r -> r.exercise().equals("mtl-q2")
                && r.status().equals("stopped")).findFirst().orElseThrow();
        assertTrue(stopped.testAccuracy().size() >= 2, "its epochs so far: " + stopped.testAccuracy());
        boolean[] started = {false};
        robot.interact(() -> app.show("compare"));
        robot.interact(() -> started[0] = app.resumeRun(stopped));
        assertTrue(started[0]);
        assertEquals("multitask", app.shownView(), "the multi-task tab shows the resumed run");
        waitUntil(120, () -> !app.isTrainingMultiTask());
        var resumed = app.compare().runs().stream().filter(r -> r.dir().equals(stopped.dir())).findFirst().orElseThrow();
        assertEquals("completed", resumed.status());
        assertEquals(5, resumed.testAccuracy().size(), "epochs 1-5 recorded once each");
        assertFalse(Double.isNaN(resumed.finalAccuracy()), "the two tasks' mean test accuracy reads back");
    }

    @Test
    @Order(20)
    void exerciseTabChecksCodeNamesTheMistakeAndTrainsWithIt(FxRobot robot) throws Exception {
        var view = app.exercises();
        robot.interact(() -> {
            app.show("exercises");
            view.cardBox().setValue(org.transferlab.exercises.Cards.get("kd"));
            view.editor().replaceText(org.transferlab.exercises.Cards.mistakeExample("kd", "missing-t2"));
        });
        robot.clickOn("#exercise-check");
        waitUntil(90, () -> view.lastResult() != null);
        String status = robot.lookup("#exercise-status").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(status.contains("the T² factor is missing"), status);
        String hint = robot.lookup("#exercise-mistake").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(hint.contains("Multiply by T·T"), hint);

        robot.interact(() -> view.editor().replaceText(view.editor().getText().replace(".mean();", ".mean()")));
        robot.clickOn("#exercise-check");
        waitUntil(90, () -> view.lastResult() != null && view.lastResult().status()
                == org.transferlab.exercises.CheckResult.Status.COMPILE_ERROR);
        assertEquals(9, view.lastResult().diagnostics().get(0).line(), view.lastResult().diagnostics().toString());
        assertEquals(8, view.editor().getCurrentParagraph(), "the caret goes to the first error's line");

        robot.interact(() -> {
            view.revealSolution();
            setUpNow(Exercise.Q1, 1, 200);
        });
        robot.clickOn("#exercise-check");
        waitUntil(90, () -> view.lastResult() != null && view.lastResult().status().passed());
        assertTrue(Files.isRegularFile(home.resolve("exercises/kd/Solution.java")), "the code is saved");

        robot.clickOn("#exercise-train");
        waitUntil(240, () -> {
            try (var dirs = Files.list(home.resolve("runs"))) {
                return !app.isTraining() && dirs.filter(d -> (d.getFileName().toString().endsWith("q2-your-code")
                        || d.getFileName().toString().endsWith("q2-reference"))
                        && Files.exists(d.resolve("summary.json"))).count() == 2;
            }
        });
    }

    private void setUpNow(Exercise exercise, int epochs, int images) {
        SetupPanel s = app.setup();
        s.exerciseBox().setValue(exercise);
        s.epochsField().set(epochs);
        s.trainSizeField().set(images);
        s.batchField().set(64);
    }

    /**
     * The course shell: chapters bring their own views (addressed by id), the set-up's method sections are generated
     * from the registry (FitNets and RKD included, refusing out-of-range values at the field), and "Train 3 seeds"
     * queues three runs that Compare runs groups with their mean ± sd.
     */
    @Test
    @Order(20)
    void chaptersMethodsFromTheRegistryAndThreeSeedsGrouped(FxRobot robot) throws Exception {
        assertEquals("part1", app.shownChapter());
        assertEquals("curves", app.shownView());
        robot.clickOn("#chapter-part2");
        assertEquals("part2", app.shownChapter());
        assertEquals("multitask", app.shownView());
        assertFalse(robot.lookup("#train").queryAs(Button.class).isVisible(), "part 1's Train is not part 2's");
        robot.clickOn("#chapter-exercises");
        assertEquals("exercises", app.shownView());
        robot.interact(() -> app.show("temperature"));
        assertEquals("part1", app.shownChapter(), "showing a view opens its chapter");
        assertTrue(robot.lookup("#train").queryAs(Button.class).isVisible());

        robot.interact(() -> app.setup().selectMethods(java.util.List.of("fitnets", "rkd")));
        assertEquals(Exercise.STUDENT, app.setup().exerciseBox().getValue(), "a combination no exercise names");
        NumberField lambdaD = app.setup().methodField("rkd.distance_weight").number().orElseThrow();
        robot.interact(() -> lambdaD.field().setText("-1"));
        assertEquals("λ_D (distance) must be between 0 and 10000", lambdaD.message());
        assertTrue(robot.lookup("#train").queryAs(Button.class).isDisabled());
        robot.interact(() -> lambdaD.field().setText("25"));
        assertFalse(robot.lookup("#train").queryAs(Button.class).isDisabled());
        assertEquals(java.util.List.of("fitnets", "rkd"), app.setup().config().methods());
        assertTrue(app.setup().methodField("fitnets.student_point") != null, "FitNets' points are offered");

        robot.interact(() -> {
            app.setup().selectMethods(java.util.List.of("rkd"));
            app.setup().epochsField().set(1);
            app.setup().trainSizeField().set(128);
            app.setup().batchField().set(64);
        });
        int before = app.compare().runs().size();
        robot.clickOn("#train-seeds");
        waitUntil(240, () -> !app.isTraining() && !app.hasQueuedRuns() && app.compare().runs().size() == before + 3);
        var group = app.compare().seedGroups().stream().filter(g -> g.label().equals("rkd")).findFirst().orElseThrow();
        assertEquals(java.util.List.of(0L, 1L, 2L), group.seeds());
        assertTrue(group.meanAndSd().contains("±"), group.meanAndSd());
        assertTrue(app.compare().runs().stream().anyMatch(r -> r.dir().getFileName().toString().endsWith("rkd-seed2")),
                "run folders are named after the methods and the seed");
    }

    @Test
    @Order(30)
    void theFineTuningChapterMarksFrozenLayersCountsWhatTrainsAndTrainsLive(FxRobot robot) throws Exception {
        robot.interact(() -> app.showChapter("finetune"));
        assertEquals("finetune-train", app.shownView());
        var view = app.fineTune().trainView();
        robot.interact(() -> view.set("fashion-split", 3, "top-1"));
        assertEquals(java.util.List.of("frozen", "frozen", "train", "train"),
                view.rows().stream().map(FineTuneView.Row::mode).toList());
        // top-1 of cnn-small: g3_conv1 (16·9·32 + 32, γ and β 2·32) and the head (32·5 + 5) of 6 165
        assertEquals("Trainable: 4,869 of 6,165 parameters (79.0 %)", view.trainableText());
        robot.interact(() -> view.overrideLayer("g2_conv1", "patch"));
        assertEquals("patch", view.rows().get(1).mode());
        assertEquals("Trainable: 4,901 of 6,165 parameters (79.5 %)", view.trainableText());
        robot.interact(() -> {
            view.set("fashion-split", 3, "linear-probe");
            view.overrideLayer("logits", "frozen");
        });
        assertEquals("nothing is left to train: every layer is frozen", view.problem());
        assertTrue(robot.lookup("#ft-train").queryAs(Button.class).isDisabled(), "nothing to train: Train is disabled");
        robot.interact(() -> {
            view.set("fashion-split", 3, "all");
            ((org.transferlab.ui.views.NumberField) robot.lookup("#ft-steps").queryAs(javafx.scene.control.TextField.class)
                    .getParent()).set(30);
        });
        assertFalse(robot.lookup("#ft-train").queryAs(Button.class).isDisabled());
        int before = app.compare().runs().size();
        robot.clickOn("#ft-train");
        waitUntil(120, () -> !app.fineTune().running() && !app.fineTune().session().runs().isEmpty());
        var run = app.fineTune().session().runs().get(0);
        assertEquals("completed", run.status());
        assertTrue(run.finalAccuracy() > 0.3, "learned: " + run.finalAccuracy());
        assertFalse(run.drift().isEmpty(), "the drift of each layer was measured");
        assertTrue(view.progressText().startsWith("finished"), view.progressText());
        robot.interact(() -> app.show("finetune-drift"));
        assertEquals(4, app.fineTune().driftView().seriesCount(), "one line per layer");
        robot.interact(() -> app.show("finetune-labels"));
        assertTrue(app.fineTune().labelsView().seriesCount() >= 1);
        waitUntil(30, () -> app.compare().runs().size() == before + 1);
        var saved = app.compare().runs().stream().filter(r -> r.exercise().equals("finetune")).findFirst().orElseThrow();
        assertEquals("fashion-split-all-n3", saved.label());
        assertEquals("all", saved.settings().get("strategy"));
    }

    @Test
    @Order(31)
    void theGradeBookChecksAFolderOfSubmissionsIntoATable(FxRobot robot) throws Exception {
        Path folder = Files.createTempDirectory("transferlab-class");
        Files.createDirectories(folder.resolve("ann"));
        Files.createDirectories(folder.resolve("ben"));
        Files.writeString(folder.resolve("ann/Solution.java"), org.transferlab.exercises.Cards.get("uncertainty").solution());
        Files.writeString(folder.resolve("ben/Solution.java"),
                org.transferlab.exercises.Cards.mistakeExample("uncertainty", "exp-sign"));
        org.transferlab.ui.views.GradeBookWindow[] w = new org.transferlab.ui.views.GradeBookWindow[1];
        robot.interact(() -> {
            w[0] = new org.transferlab.ui.views.GradeBookWindow(stage, "uncertainty", folder);
            w[0].stage().show();
        });
        waitUntil(120, () -> robot.lookup("#gradebook-status").queryAs(javafx.scene.control.Label.class).getText()
                .equals("1 of 2 passed"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<org.transferlab.exercises.BatchCheck.Row> table =
                robot.lookup("#gradebook").queryAs(javafx.scene.control.TableView.class);
        assertEquals(java.util.List.of("passed", "not yet"), table.getItems().stream()
                .map(org.transferlab.exercises.BatchCheck.Row::status).toList());
        assertEquals("exp-sign", table.getItems().get(1).result().mistake().id());
        robot.interact(() -> w[0].stage().close());
    }

    @Test
    @Order(32)
    void chapterFourTrainsCrossStitchLiveAndPutsTheRunOnTheFront(FxRobot robot) throws Exception {
        robot.interact(() -> app.showChapter("multimnist"));
        assertEquals("multimnist", app.shownView());
        var view = app.multiMnist().view();
        robot.interact(() -> view.set("separate", "pcgrad", 1, 300));
        robot.clickOn("#mm-train");
        assertTrue(view.status().contains("separate networks share nothing"), view.status());
        robot.interact(() -> view.set("cross-stitch", "fixed", 2, 600));
        robot.clickOn("#mm-train");
        waitUntil(180, () -> !app.multiMnist().running() && view.status().startsWith("finished"));
        assertEquals(2, view.accuracyPoints(), "one point per epoch and digit");
        assertEquals(8, view.alphaSeries(), "α_AA, α_AB, α_BA, α_BB of two units");
        assertTrue(view.cosinePoints() > 5, "the gradient conflict is drawn: " + view.cosinePoints());
        // the run folder holds a checkpoint, so Compare runs can resume it
        try (var dirs = java.nio.file.Files.list(TransferLabApp.runsRoot())) {
            assertTrue(dirs.anyMatch(d -> d.getFileName().toString().contains("multimnist-cross-stitch-fixed")
                    && java.nio.file.Files.isRegularFile(d.resolve("checkpoint.tlck"))));
        }
    }

    @Test
    @Order(33)
    void theL2tChapterTrainsAndDrawsWhatItLearned(FxRobot robot) throws Exception {
        robot.interact(() -> app.showChapter("l2t"));
        assertEquals("l2t", app.shownView());
        var view = app.l2t().view();
        robot.interact(() -> view.set("l2t-ww", 3, 6));
        robot.clickOn("#l2t-train");
        waitUntil(180, () -> !app.l2t().running() && view.status().startsWith("finished"));
        assertEquals(1, view.accuracyRuns());
        assertTrue(view.lambdaDrawn() >= 1, "the λ heat map is drawn after an evaluation");
        assertEquals("Matching loss per pair (unweighted) (9)", view.pairChartTitle());
        robot.interact(() -> view.showLambdaPerPair(true));
        assertEquals("λ per pair (9)", view.pairChartTitle(), "λ of all nine pairs against the epoch");
        var row = view.tableRows().stream().filter(r -> r.method().equals("l2t-ww")).findFirst().orElseThrow();
        assertTrue(row.cells().get(0).contains("±") && row.cells().get(2).contains("±")
                && row.yours().endsWith("(small, N=3)"), row.toString());
    }

    @Test
    void theDarkKnowledgeScreenRefusesInOneSentenceThenTrainsAndRedraws(FxRobot robot) throws Exception {
        robot.interact(() -> app.showChapter("dark-knowledge"));
        assertEquals("dark-knowledge", app.shownView());
        var dk = app.darkKnowledge();
        // the chapter list's titles are readable: dark on the list's light grey except the selected one (white on blue)
        for (javafx.scene.Node n : robot.lookup(".chapter-title").queryAll()) {
            var fill = (javafx.scene.paint.Color) ((javafx.scene.control.Label) n).getTextFill();
            boolean selected = n.getParent().getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName()
                    .equals("selected"));
            double luminance = 0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue();
            assertTrue(selected ? luminance > 0.8 : luminance < 0.4, ((javafx.scene.control.Label) n).getText()
                    + " is drawn in " + fill + (selected ? " on the selected blue" : " on the list's light grey"));
        }
        long before = countRuns();
        robot.interact(() -> {
            dk.experimentBox().setValue(org.transferlab.darkknowledge.Experiment.OMITTED);
            dk.omitField().setText("11");
        });
        robot.clickOn("#dk-train");
        waitUntil(30, () -> dk.statusText().startsWith("Not started"));
        assertTrue(dk.statusText().contains("no digit 11"), dk.statusText());
        assertEquals(before, countRuns(), "nothing made, nothing trained");
        robot.interact(() -> {
            dk.omitField().setText("3");
            dk.epochsField().setText("1");
            dk.teacherEpochsField().setText("1");
        });
        robot.clickOn("#dk-train");
        waitUntil(30, dk::running);
        waitUntil(300, () -> !dk.running());
        assertTrue(dk.statusText().startsWith("finished"), dk.statusText());
        assertEquals(before + 1, countRuns());
        // the screen's figures are the folder's: six for an omitted run, the hidden digit's curve among them
        waitUntil(60, () -> dk.figures().figureCount() == 6);
    }

    private static long countRuns() throws java.io.IOException {
        java.nio.file.Path root = TransferLabApp.runsRoot();
        if (!java.nio.file.Files.isDirectory(root)) {
            return 0;
        }
        try (var s = java.nio.file.Files.list(root)) {
            return s.count();
        }
    }
}
