package org.transferlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.transferlab.chapters.EveryChapterTest;
import org.transferlab.cli.TransferLabCommand;
import org.transferlab.engine.EpochSnapshots;
import org.transferlab.export.Figures;
import org.transferlab.ui.workspace.Layout;
import org.transferlab.ui.workspace.Tile;
import org.transferlab.ui.workspace.Workspace;

/**
 * The classroom: projector mode fits at a projector's three sizes and leaves the window as it was; the workspace's
 * tiles show any chapter's views, a saved run at an epoch it kept, go to a window of their own and back, are saved
 * as a layout and exported as one figure; four live tiles keep the window drawing while a run trains.
 */
@ExtendWith(ApplicationExtension.class)
class ClassroomWorkspaceAppTest {
    private static Path home;
    private static Path prepared;
    private TransferLabApp app;

    /** A short run of every chapter, and a part-1 run of four epochs that keeps its snapshots (before the window). */
    @BeforeAll
    static void train() throws Exception {
        home = Files.createTempDirectory("transferlab-classroom");
        EveryChapterTest.trainAll(home.resolve("runs"));
        prepared = home.resolve("runs").resolve("20261201-200000-q2-prepared");
        assertEquals(0, TransferLabCommand.execute("train", "part1", "--exercise", "q2", "--epochs", "4",
                "--train-size", "256", "--batch", "64", "--data", "embedded", "--out", prepared.toString()));
    }

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("transferlab.home", home.toString());
        app = new TransferLabApp();
        app.start(stage);
    }

    @Test
    void projectorModeFitsAtEverySizeAndLeavesTheWindowAsItWas(FxRobot robot) throws Exception {
        robot.interact(() -> app.showChapter("part1"));
        Object[] before = fx(this::layoutState);
        List<String> problems = new ArrayList<>();
        for (int[] size : new int[][]{{1280, 720}, {1366, 768}, {1920, 1080}}) {
            problems.addAll(Screenshots.projector(app, null, size[0], size[1]));
        }
        assertEquals(List.of(), problems, "text cut or controls past the window's edge in projector mode");
        robot.interact(() -> { // back to the window's size, on the chapter it showed, then out of projector mode
            app.stage().setWidth(1500);
            app.stage().setHeight(920);
            app.showChapter("part1");
            app.show("curves");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.presentation(false));
        WaitForAsyncUtils.waitForFxEvents();
        Object[] after = fx(this::layoutState);
        assertEquals(before[0], after[0], "the columns");
        assertArrayEquals((double[]) before[1], (double[]) after[1], 1e-9, "the dividers");
        assertSame(before[2], after[2], "the chapter list");
        assertEquals(before[3], after[3], "the style classes");
        assertTrue(!app.drawersShown(), "the set-up and the guide are columns again");
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    private Object[] layoutState() {
        var root = (javafx.scene.layout.BorderPane) app.stage().getScene().getRoot();
        var split = (javafx.scene.control.SplitPane) ((javafx.scene.layout.StackPane) root.getCenter()).getChildren().get(0);
        return new Object[]{List.copyOf(split.getItems()), split.getDividerPositions().clone(), root.getLeft(),
                List.copyOf(root.getStyleClass())};
    }

    @Test
    void tilesShowSavedRunsAtTheirEpochsGoToTheirOwnWindowAndExportAsOneFigure(FxRobot robot) throws Exception {
        Workspace w = fx(app::workspace);
        robot.interact(() -> {
            app.show(TransferLabApp.WORKSPACE);
            w.apply(Layout.builtIn().get(0)); // attention | temperature | curves
        });
        assertEquals(3, w.tiles().size());
        // live: part 1's own views, lent by their tabs (the tabs say where they went)
        assertTrue(w.tiles().stream().allMatch(Tile::isLive));
        Node lent = robot.lookup("#lent-attention").query();
        assertTrue(lent != null, "the attention tab says its view is in the workspace");
        // bound to the prepared run: the epochs it kept, then epoch 1 and the last
        robot.interact(() -> w.tiles().forEach(t -> t.bind(prepared)));
        List<Integer> kept = EpochSnapshots.epochs(prepared);
        assertEquals(List.of(1, 2, 3, 4), kept);
        for (Tile t : w.tiles()) {
            assertEquals(kept, t.epochs());
        }
        for (int epoch : List.of(1, 4)) {
            robot.interact(() -> w.tiles().forEach(t -> t.showEpoch(epoch)));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.tiles().stream().allMatch(t -> t.figureCount() > 0));
            assertEquals(3, w.tiles().get(0).figureCount(), "attention maps at the three pairs: " + w.tiles().get(0).note());
            assertEquals(1, w.tiles().get(1).figureCount(), "the softened outputs");
            assertEquals(2, w.tiles().get(2).figureCount(), "loss components and accuracy");
        }
        assertEquals(new Layout.Spec("part1/attention", prepared, null), w.tiles().get(0).spec(),
                "the last epoch is the run as it ended");
        // the live views went back to their tabs
        assertTrue(robot.lookup("#lent-attention").tryQuery().isEmpty());
        // a tile in its own window, and back
        Stage own = fx(() -> w.detach(w.tiles().get(1)));
        assertNotSame(app.stage().getScene(), w.tiles().get(1).getScene());
        assertEquals(1, w.windows().size());
        robot.interact(() -> w.bringBack(w.tiles().get(1)));
        assertEquals(0, w.windows().size());
        assertTrue(!own.isShowing());
        assertSame(app.stage().getScene(), w.tiles().get(1).getScene());
        // any chapter's figure in a tile: part 2's loss weights beside part 1's attention maps
        robot.interact(() -> w.apply(Layout.builtIn().get(2)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.tiles().get(1).isLive());
        // saved as a layout of the user's, read back the same
        robot.interact(() -> w.tiles().get(0).bind(prepared));
        Path file = fx(() -> w.save("Prepared: attention beside loss weights"));
        Layout read = Layout.read(file);
        assertEquals(fx(() -> w.layout("Prepared: attention beside loss weights")), read);
        assertEquals(prepared, read.tiles().get(0).run());
        // the workspace as one figure, in the three formats
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.tiles().get(0).figureCount() == 3);
        Path out = Files.createTempDirectory("transferlab-workspace");
        for (Figures.Format f : List.of(Figures.Format.PNG, Figures.Format.SVG, Figures.Format.PDF)) {
            Path p = out.resolve("workspace." + f.name().toLowerCase());
            robot.interact(() -> {
                try {
                    w.export(p, f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTrue(Files.size(p) > 5000, p + ": " + Files.size(p));
        }
        String svg = Files.readString(out.resolve("workspace.svg"));
        assertTrue(svg.contains("Attention maps at group1") && svg.contains("Loss weight per task"),
                "the tiles' figures, drawn as vectors");
    }

    @Test
    void fourLiveTilesKeepTheWindowDrawingWhileARunTrains(FxRobot robot) throws Exception {
        // one tile, four tiles, one tile again: the first run of the JVM pays its warm-up, the third is the fair
        // reference for the second
        double[] gaps = new double[3];
        int i = 0;
        Layout one = new Layout("one", Layout.Arrangement.ROW, List.of(Layout.Spec.live("part1/curves")));
        for (Layout layout : List.of(one, Layout.builtIn().get(3), one)) {
            robot.interact(() -> {
                app.applyShippedScenario("q2");
                app.setup().epochsField().set(1);
                app.setup().trainSizeField().set(1000);
                app.show(TransferLabApp.WORKSPACE);
                app.workspace().apply(layout);
                app.startRun();
            });
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !fx(app::isTraining));
            gaps[i++] = fx(app::lastLongestPulseGapMillis);
            System.out.println(layout.tiles().size() + " live tile(s): " + fx(app::lastPulseSummary));
        }
        assertTrue(gaps[1] < 2000, "four live tiles: the window paused " + gaps[1] + " ms (one tile: " + gaps[2] + ")");
    }
}
