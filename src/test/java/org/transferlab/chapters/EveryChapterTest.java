package org.transferlab.chapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.cli.TransferLabCommand;

/**
 * Every chapter that trains, through the registry end to end: a short run with {@code train ID}, read back by
 * Compare runs as its chapter's, and exported with the figures its views name; {@code train ID --help} for each.
 */
public class EveryChapterTest {
    @TempDir
    static Path root;

    /** A short run of each chapter, in the chapters' order. */
    static final Map<String, List<String>> SHORT_RUNS = new LinkedHashMap<>();

    static {
        SHORT_RUNS.put("part1", List.of("--exercise", "q2", "--epochs", "1", "--train-size", "256", "--batch", "64",
                "--data", "embedded"));
        SHORT_RUNS.put("part2", List.of("--exercise", "mtl-q1", "--epochs", "1", "--train-size", "256", "--batch",
                "64", "--data", "embedded"));
        SHORT_RUNS.put("finetune", List.of("--strategy", "all", "--per-class", "2", "--steps", "4", "--evaluations",
                "2", "--data", "embedded"));
        SHORT_RUNS.put("multimnist", List.of("--architecture", "cross-stitch", "--epochs", "1", "--train-size", "256"));
        SHORT_RUNS.put("l2t", List.of("--method", "l2t-ww", "--per-class", "2", "--epochs", "2", "--evaluations", "2",
                "--inner-steps", "1", "--data", "embedded"));
        SHORT_RUNS.put("dark-knowledge", List.of("--experiment", "omitted", "--epochs", "1", "--teacher-epochs", "1",
                "--train-size", "800", "--test-size", "300", "--data", "embedded"));
    }

    /** The figures each chapter's short run must export, at least. */
    static final Map<String, Set<String>> EXPECTED = Map.of(
            "part1", Set.of("loss-components", "accuracy"),
            "part2", Set.of("task-losses", "task-weights", "task-accuracy", "gradient-conflict"),
            "finetune", Set.of("loss-components", "accuracy", "layer-drift"),
            "multimnist", Set.of("task-losses", "task-weights", "task-accuracy", "gradient-conflict",
                    "cross-stitch-alpha"),
            "l2t", Set.of("loss-components", "accuracy", "lambda", "lambda-curves", "pair-losses", "channel-weights"),
            "dark-knowledge", Set.of("loss-components", "accuracy", "test-errors", "per-class", "confusion",
                    "teacher-outputs", "bias-sweep"));

    private record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            return new Result(TransferLabCommand.execute(args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Trains the short run of every chapter into {@code runs} (folders named 2026…-ID, oldest first). */
    public static void trainAll(Path runs) {
        int i = 0;
        for (var e : SHORT_RUNS.entrySet()) {
            Path out = runs.resolve("20261203-10000" + i++ + "-" + e.getKey());
            List<String> args = Stream.concat(Stream.of("train", e.getKey()),
                    Stream.concat(e.getValue().stream(), Stream.of("--out", out.toString()))).toList();
            Result r = cli(args.toArray(String[]::new));
            assertEquals(0, r.code(), e.getKey() + ": " + r.err());
        }
    }

    @BeforeAll
    static void train() {
        trainAll(root.resolve("runs"));
    }

    @Test
    void everyTrainingChapterHasATrainCommandWithHelp() {
        assertEquals(List.copyOf(SHORT_RUNS.keySet()), Chapters.training().stream().map(Chapter::id).toList());
        for (String id : SHORT_RUNS.keySet()) {
            Result r = cli("train", id, "--help");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Usage: transferlab train " + id), r.out());
            assertTrue(r.out().contains("--seed"), id + " shares the common options:\n" + r.out());
        }
        Result part2 = cli("train", "part2", "--help");
        assertTrue(part2.out().replaceAll("\\s+", " ").contains("fixed, uncertainty, gradnorm, mgda, dwa, pcgrad"),
                "--weighting's help lists the registry's weightings:\n" + part2.out());
        Result train = cli("train", "--help");
        assertTrue(SHORT_RUNS.keySet().stream().allMatch(train.out()::contains), train.out());
    }

    @Test
    void eachRunIsReadBackAsItsChaptersWithItsOwnSettings() {
        SavedRun.Listing l = SavedRun.list(root.resolve("runs"));
        assertEquals(List.of(), l.problems());
        assertEquals(List.copyOf(SHORT_RUNS.keySet()), l.runs().stream().map(SavedRun::chapter).toList());
        Map<String, SavedRun> byChapter = l.runs().stream().collect(Collectors.toMap(SavedRun::chapter, r -> r));
        assertEquals("kd.temperature=4  kd.alpha=0.5", byChapter.get("part1").settingsLine());
        assertEquals(List.of("mnist", "fashion-mnist"), byChapter.get("part2").tasks());
        assertEquals(2, byChapter.get("multimnist").tasks().size(), "two digits, kept apart");
        assertEquals(2, byChapter.get("multimnist").finalTaskAccuracy().size());
        assertTrue(byChapter.get("l2t").settingsLine().contains("method=l2t-ww"), byChapter.get("l2t").settingsLine());
        assertTrue(byChapter.get("finetune").settingsLine().contains("strategy=all"));
        SavedRun ft = byChapter.get("finetune");
        assertEquals(ft.epochs(), ft.x().get(ft.x().size() - 1), 0, "its x is the epoch evaluated, not a row count");
        for (SavedRun r : l.runs()) {
            assertEquals("completed", r.status(), r.chapter());
        }
    }

    @Test
    void eachRunsNotebookShowsTheSourcesAndCardsItsChapterNames() throws Exception {
        for (SavedRun r : SavedRun.list(root.resolve("runs")).runs()) {
            var config = org.transferlab.io.Json.MAPPER.readTree(r.dir().resolve("config.json").toFile());
            Chapter c = Chapters.get(r.chapter());
            Path out = root.resolve("notebooks").resolve(r.chapter());
            org.transferlab.export.Notebook.of(r.dir(), List.of()).write(out, "nb", true, false);
            String nb = Files.readString(out.resolve("nb.ipynb"));
            for (String file : c.notebookSources(config)) {
                assertTrue(nb.contains(file), r.chapter() + "'s notebook shows " + file);
            }
            for (String card : c.exerciseCards(config)) {
                assertTrue(nb.contains("Exercise: " + org.transferlab.exercises.Cards.get(card).title()),
                        r.chapter() + ": card " + card);
            }
        }
        var part2 = org.transferlab.io.Json.MAPPER.readTree(root.resolve("runs").resolve("20261203-100001-part2")
                .resolve("config.json").toFile());
        assertEquals(List.of("mtl-two-heads"), Chapters.get("part2").exerciseCards(part2));
        assertTrue(Files.readString(root.resolve("notebooks").resolve("part2").resolve("nb.ipynb"))
                .contains("org/transferlab/weightings/FixedWeights.java"), "the weighting's source, from its registry");
    }

    @Test
    void exportWritesEveryViewsFiguresOfEachChaptersRun() throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SavedRun r : SavedRun.list(root.resolve("runs")).runs()) {
            Path out = root.resolve("export").resolve(r.chapter());
            Result e = cli("export", "--run", r.dir().toString(), "--formats", "png", "--scale", "1", "--out",
                    out.toString());
            assertEquals(0, e.code(), e.err());
            String prefix = r.dir().getFileName().toString();
            Set<String> written;
            try (Stream<Path> files = Files.list(out)) {
                written = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                        .map(n -> n.substring(prefix.length() + 1, n.length() - 4)).collect(Collectors.toSet());
            }
            assertTrue(written.containsAll(EXPECTED.get(r.chapter())), r.chapter() + " wrote " + written);
            Chapter c = Chapters.get(r.chapter());
            for (String figure : written) {
                assertTrue(c.views().stream().anyMatch(v -> v.shows(figure)),
                        r.chapter() + "'s figure " + figure + " belongs to one of its views");
            }
            counts.put(r.chapter(), written.size());
        }
        System.out.println("figures exported per chapter: " + counts);
        assertEquals(SHORT_RUNS.keySet(), counts.keySet());
    }
}
