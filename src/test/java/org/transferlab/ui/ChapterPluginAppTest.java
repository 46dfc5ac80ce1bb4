package org.transferlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.transferlab.chapters.Chapters;
import org.transferlab.cli.TransferLabCommand;
import org.transferlab.testing.toychapter.ToyChapter;
import org.transferlab.ui.views.RunFiguresView;

/**
 * The throw-away chapter of the test sources in the window: listed with the course's chapters, its view drawn from
 * its run folder with no JavaFX code of its own, its run in Compare runs, and its figures in Export figures.
 */
@ExtendWith(ApplicationExtension.class)
class ChapterPluginAppTest {
    private TransferLabApp app;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("transferlab-plugin");
        System.setProperty("transferlab.home", home.toString());
        Chapters.register(new ToyChapter());
        Path run = TransferLabApp.runsRoot().resolve("20261203-100000-line");
        assertEquals(0, TransferLabCommand.execute("train", ToyChapter.ID, "--epochs", "25", "--out", run.toString()));
        app = new TransferLabApp();
        app.start(stage);
    }

    @AfterAll
    static void unregister() {
        Chapters.unregister(ToyChapter.ID);
    }

    @Test
    void aRegisteredChapterIsListedShownComparedAndExported(FxRobot robot) throws Exception {
        assertNotNull(robot.lookup("#chapter-" + ToyChapter.ID).query(), "in the chapter list");
        // the list scrolls when the chapters are taller than the window: the last one is reached by scrolling
        robot.interact(() -> robot.lookup(".chapter-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#chapter-" + ToyChapter.ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ToyChapter.ID, app.shownChapter());
        assertEquals("toy-fit", app.shownView());
        RunFiguresView view = (RunFiguresView) app.tabs().getSelectionModel().getSelectedItem().getContent();
        robot.interact(view::refresh);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.figureCount() == 1);
        var saved = app.compare().runs().stream().filter(r -> r.chapter().equals(ToyChapter.ID)).findFirst().orElseThrow();
        assertEquals("line-lr0.1", saved.label());
        Path out = Files.createTempDirectory("transferlab-export");
        int[] n = new int[1];
        robot.interact(() -> n[0] = app.exportAll(out));
        assertEquals(4, app.lastExportCounts().get(ToyChapter.ID), "one figure, PNG SVG PDF CSV: " + app.lastExportCounts());
        assertTrue(Files.size(out.resolve(ToyChapter.ID).resolve("toy-fit-fit-loss@2x.png")) > 1000);
        assertTrue(n[0] > 4, "the live views' charts too");
        // opened again from disk, as a prepared run in class
        robot.interact(() -> assertTrue(app.openRun(saved.dir())));
        assertEquals(TransferLabApp.OPENED, app.shownView());
        assertEquals(1, app.openedRunView().sections(), "its one view with figures");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.openedRunView().figureCount() == 1);
        robot.interact(() -> assertTrue(!app.openRun(out), "a folder that is not a run is refused"));
    }
}
