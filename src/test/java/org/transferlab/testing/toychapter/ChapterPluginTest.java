package org.transferlab.testing.toychapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.chapters.Chapters;
import org.transferlab.chapters.SavedRun;
import org.transferlab.cli.TransferLabCommand;

/**
 * A chapter added with one registration, from its own package in the test sources, appears in the registry, in
 * {@code transferlab chapters}, as {@code train toy-line}, in Compare runs' reading of run folders and in export.
 * (The app's chapter list, its generic view and the app's export: {@code ChapterPluginAppTest}.)
 */
class ChapterPluginTest {
    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        Chapters.register(new ToyChapter());
    }

    @AfterEach
    void unregister() {
        Chapters.unregister(ToyChapter.ID);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int code = TransferLabCommand.execute(args);
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void theRegistryListsTheBuiltInChaptersInTheCoursesOrderThenThePlugIn() {
        assertEquals(List.of("part1", "part2", "finetune", "multimnist", "l2t", "dark-knowledge", "exercises", ToyChapter.ID),
                Chapters.ids());
        assertEquals(ToyChapter.ID, Chapters.ofView("toy-fit").orElseThrow().id());
    }

    @Test
    void aSecondChapterOfTheSameIdOrViewIsRefused() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Chapters.register(new ToyChapter()));
        assertTrue(e.getMessage().contains("two chapters are called toy-line"), e.getMessage());
    }

    @Test
    void theChaptersCommandListsItWithItsViewAndTrainOptions() {
        Result r = cli("chapters");
        assertEquals(0, r.code(), r.err());
        for (String id : List.of("part1", "part2", "finetune", "multimnist", "l2t", "dark-knowledge", "exercises", ToyChapter.ID)) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(id + "  ")), id + " listed:\n" + r.out());
        }
        assertTrue(r.out().contains("view toy-fit"), r.out());
        assertTrue(r.out().contains("train toy-line --epochs --lr --out"), r.out());
        assertTrue(r.out().contains("train l2t --method --per-class"), r.out());
        assertTrue(r.out().contains("train: none"), "exercises has no train command:\n" + r.out());
    }

    @Test
    void itTrainsFromTheCommandLineIsReadBackAndExports() throws Exception {
        Path run = dir.resolve("run one");
        Result r = cli("train", ToyChapter.ID, "--epochs", "40", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        double first = Double.parseDouble(rows.get(1).split(",")[3]);
        double last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[3]);
        assertTrue(last < first / 10, "the squared error fell: " + first + " -> " + last);

        SavedRun saved = SavedRun.read(run);
        assertEquals(ToyChapter.ID, saved.chapter());
        assertEquals("line-lr0.1", saved.label());
        assertEquals("lr=0.1  points=40", saved.settingsLine());
        assertEquals(40, saved.x().size());
        assertEquals(40.0, saved.x().get(39));
        assertEquals("completed", saved.status());

        Path out = dir.resolve("figures");
        Result e = cli("export", "--run", run.toString(), "--formats", "png,csv", "--out", out.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(Files.size(out.resolve("run one-fit-loss@2x.png")) > 1000);
        assertEquals(41, Files.readAllLines(out.resolve("run one-fit-loss.csv")).size(), "a header and 40 epochs");

        Result bad = cli("train", ToyChapter.ID, "--lr", "3", "--out", dir.resolve("never").toString());
        assertEquals(2, bad.code());
        assertEquals("error: --lr must be in (0, 1], got 3.0", bad.err().strip());
    }
}
