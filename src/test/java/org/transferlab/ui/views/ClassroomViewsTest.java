package org.transferlab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.StepMetrics;
import org.transferlab.export.ChartStyle;
import org.transferlab.l2t.L2tListener;
import org.transferlab.l2t.L2tMethod;
import org.transferlab.multimnist.MultiMnistConfig;
import org.transferlab.part2.MultiTaskListener;

/**
 * The views a walk-through of the app found wanting, each on its own in a window: the exercise editor's long
 * signatures, the loss anatomy's constant, the loss weights drawn on top of each other, markup in titles.
 */
@ExtendWith(ApplicationExtension.class)
class ClassroomViewsTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 1400, 900));
        stage.show();
    }

    private void show(FxRobot robot, Parent view) {
        robot.interact(() -> stage.getScene().setRoot(view));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every chart drawn in a view. */
    private static List<JFreeChart> charts(Node node) {
        List<JFreeChart> out = new ArrayList<>();
        if (node instanceof ChartViewer v) {
            out.add(v.getChart());
        } else if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(charts(c)));
        }
        return out;
    }

    private static JFreeChart titled(Node view, String title) {
        return charts(view).stream().filter(c -> c.getTitle() != null && c.getTitle().getText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no chart '" + title + "'"));
    }

    private static void noMarkup(List<JFreeChart> charts) {
        for (String t : org.transferlab.export.ChartStyleTest.titles(charts)) {
            assertFalse(org.transferlab.export.ChartStyleTest.MARKUP.matcher(t).find(), "markup in a title: " + t);
        }
    }

    @Test
    void longSignaturesWrapInsideTheExerciseEditor(FxRobot robot) throws Exception {
        ExerciseView view = new ExerciseView(new org.transferlab.exercises.ExerciseStore(
                Files.createTempDirectory("transferlab-exercises")));
        show(robot, view);
        for (String card : List.of("kd", "kd-at", "at")) {
            robot.interact(() -> view.cardBox().setValue(org.transferlab.exercises.Cards.get(card)));
            WaitForAsyncUtils.waitForFxEvents();
            String longest = view.editor().getText().lines().max(java.util.Comparator.comparingInt(String::length))
                    .orElseThrow();
            assertTrue(longest.length() > 100, card + ": a long line to wrap: " + longest);
            assertTrue(view.editor().isWrapText(), "the editor wraps");
            double content = view.editor().totalWidthEstimateProperty().getValue();
            assertTrue(content <= view.editor().getWidth() + 1, card + ": the code (" + content
                    + " px wide) fits the editor (" + view.editor().getWidth() + " px)");
        }
    }

    @Test
    void theAnatomyStacksKdsKlAndStatesTheTeachersEntropyApart(FxRobot robot) {
        AnatomyView view = new AnatomyView();
        show(robot, view);
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("loss/ce", 0.5);
        weights.put("loss/kd", 8.0);
        weights.put("loss/kd/kl", 8.0);
        weights.put("loss/kd/entropy", 8.0);
        List<StepMetrics> steps = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            Map<String, Double> l = new LinkedHashMap<>();
            l.put("loss/ce", 1.0);
            l.put("loss/kd", 1.9);
            l.put("loss/kd/kl", 0.1);
            l.put("loss/kd/entropy", 1.8);
            steps.add(new StepMetrics(1, s, s, 100, l, 0.5 + 15.2, 0.5, s, 1));
        }
        robot.interact(() -> {
            view.runStarted(new RunInfo(null, "cpu", "test", 100, 10, 100, 100, "cnn-small", 1, 0.9, weights,
                    List.of()));
            view.steps(steps);
        });
        var data = view.stackChart().getXYPlot().getDataset();
        List<String> stacked = new ArrayList<>();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            stacked.add(String.valueOf(data.getSeriesKey(s)));
        }
        assertEquals(List.of("CE × 0.500", "KD: KL(pₜ‖pₛ) × 8.00"), stacked, "CE and KD's KL part, not the entropy");
        assertEquals(0.8, data.getYValue(1, 0), 1e-12, "α·T²·KL = 8 × 0.1");
        String note = view.constantNote();
        assertNotNull(note);
        assertTrue(note.startsWith("Not stacked: α·T²·H(pₜ) = 8 × 1.8 = 14.4 on the last batch"), note);
        // a run without KD: no note
        robot.interact(() -> view.runStarted(new RunInfo(null, "cpu", "test", 100, 10, 100, 100, "cnn-small", 1, null,
                Map.of("loss/ce", 1.0), List.of())));
        assertNull(view.constantNote());
    }

    private static MultiTaskListener.Step step(int s, double w1, double w2) {
        return new MultiTaskListener.Step(0, 1, s, 100, new double[]{2.0 - 0.01 * s, 1.5 - 0.01 * s},
                new double[]{w1, w2}, 3, 0.1, new double[]{1, 1}, 0.1, Map.of(), s, 1);
    }

    @Test
    void partTwosEqualLossWeightsAreNotedOnTheChart(FxRobot robot) throws Exception {
        MultiTaskView view = new MultiTaskView();
        show(robot, view);
        robot.interact(() -> view.setRunning(true, Path.of("run")));
        view.onStart(new MultiTaskListener.Info(null, "cpu", List.of("MNIST", "Fashion-MNIST"), List.of(), 100, 10, 1));
        for (int s = 1; s <= 20; s++) {
            view.onStep(step(s, 1, 1));
        }
        JFreeChart weights = titled(view, "Loss weight per task");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ChartStyle.note(weights, ChartStyle.COINCIDING) != null);
        assertTrue(ChartStyle.note(weights, ChartStyle.COINCIDING).startsWith(
                "MNIST (task 1) and Fashion-MNIST (task 2) coincide"), ChartStyle.note(weights, ChartStyle.COINCIDING));
        assertEquals("weight wᵢ", weights.getXYPlot().getRangeAxis().getLabel());
        noMarkup(view.charts());
        robot.interact(view::restyle); // presentation mode restyles: the note stays
        assertNotNull(ChartStyle.note(weights, ChartStyle.COINCIDING));
        robot.interact(() -> view.setRunning(false, null));
    }

    @Test
    void chapterFoursEqualLossWeightsAreNotedOnTheChart(FxRobot robot) throws Exception {
        MultiMnistView view = new MultiMnistView(List.of());
        show(robot, view);
        robot.interact(() -> view.started("hard, fixed", MultiMnistConfig.defaults()));
        for (int s = 1; s <= 20; s++) {
            view.gradients().accept(step(s, 1, 1));
        }
        JFreeChart weights = titled(view, "Loss weight per task");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ChartStyle.note(weights, ChartStyle.COINCIDING) != null);
        assertTrue(ChartStyle.note(weights, ChartStyle.COINCIDING).startsWith("left digit and right digit coincide"),
                ChartStyle.note(weights, ChartStyle.COINCIDING));
        robot.interact(() -> view.alphas(1, Map.of("unit1/alpha", new double[]{0.9, 0.1, 0.1, 0.9})));
        noMarkup(charts(view));
        robot.interact(() -> view.running(false));
    }

    @Test
    void theL2tViewsTitlesAndItsLambdaScale(FxRobot robot) {
        L2tView view = new L2tView();
        show(robot, view);
        Map<L2tMethod.Pair, L2tListener.PairState> pairs = new LinkedHashMap<>();
        pairs.put(new L2tMethod.Pair("group1", "group1"), new L2tListener.PairState(1.09, 0.4, new double[]{0.5, 0.7}));
        pairs.put(new L2tMethod.Pair("group2", "group2"), new L2tListener.PairState(0.8, 0.3, new double[]{0.2, 0.1}));
        robot.interact(() -> {
            view.started("l2t-ww");
            view.pairs(1, pairs);
        });
        noMarkup(charts(view));
        JFreeChart heat = titled(view, "λ, source layer m × target layer n, after epoch 1");
        assertEquals(1.09, ((org.jfree.chart.renderer.xy.XYBlockRenderer) heat.getXYPlot().getRenderer())
                .getPaintScale().getUpperBound(), 1e-12);
        robot.interact(() -> view.showLambdaPerPair(true));
        noMarkup(charts(view));
        assertTrue(org.transferlab.export.ChartStyleTest.titles(charts(view)).contains("λ(m,n)"));
    }
}
