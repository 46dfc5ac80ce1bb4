package org.transferlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.transferlab.chapters.EveryChapterTest;

/**
 * Export figures… in the window writes every view's figures of every chapter that has a run: a short run of each
 * training chapter in the runs folder, then one export, counted per chapter.
 */
@ExtendWith(ApplicationExtension.class)
class ExportEveryChapterAppTest {
    private static Path home;
    private TransferLabApp app;

    /** The short runs are trained before the window starts (its start has a time limit). */
    @BeforeAll
    static void train() throws Exception {
        home = Files.createTempDirectory("transferlab-export-all");
        EveryChapterTest.trainAll(home.resolve("runs"));
    }

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("transferlab.home", home.toString());
        app = new TransferLabApp();
        app.start(stage);
    }

    @Test
    void everyChapterWithARunIsExported(FxRobot robot) throws Exception {
        Path out = Files.createTempDirectory("transferlab-export");
        int[] n = new int[1];
        robot.interact(() -> n[0] = app.exportAll(out));
        Map<String, Integer> counts = app.lastExportCounts();
        System.out.println("Export figures…, files per chapter: " + counts);
        for (String chapter : List.of("part1", "part2", "finetune", "multimnist", "l2t")) {
            assertTrue(counts.getOrDefault(chapter, 0) >= 8, chapter + ": at least two figures in four formats, " + counts);
            try (Stream<Path> files = Files.list(out.resolve(chapter))) {
                assertEquals((long) counts.get(chapter), files.count(), chapter);
            }
        }
        assertTrue(!counts.containsKey("exercises"), "the exercises own no runs: " + counts);
        assertEquals(counts.values().stream().mapToInt(Integer::intValue).sum(), n[0]);
        assertTrue(Files.exists(out.resolve("l2t").resolve("l2t-lambda@2x.png")), "L2T's λ heat map");
        assertTrue(Files.exists(out.resolve("finetune").resolve("finetune-drift-layer-drift.svg")), "chapter 3's drift");
        assertTrue(Files.exists(out.resolve("multimnist").resolve("multimnist-cross-stitch-alpha.pdf")));
    }
}
