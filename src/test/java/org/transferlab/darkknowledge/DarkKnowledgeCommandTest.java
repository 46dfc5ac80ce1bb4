package org.transferlab.darkknowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.transferlab.chapters.Chapters;
import org.transferlab.cli.TransferLabCommand;
import org.transferlab.export.RunFigures;
import org.transferlab.io.Json;

/** {@code train dark-knowledge}: refusals in one line with nothing trained, and a short run's folder and figures. */
class DarkKnowledgeCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--experiment=omitted --omit=11|--omit 11: the mnist data set has no digit 11 (its classes are 0 to 9)",
            "--experiment=omitted --omit=0,1,2,3,4,5,6,7,8,9|leaves out every digit, so the transfer set would be empty",
            "--experiment=small-transfer --transfer-share=0.0002|--transfer-share 2.0E-4 leaves digit",
            "--experiment=ban --alpha=0.3|--alpha does not apply to ban",
            "--experiment=distill|--experiment: unknown experiment 'distill'; choose one of [hinton, omitted, small-transfer, ban]",
            "--temperature=0|--temperature must be in (0, 100], got 0.0",
            "--teacher=nowhere.tlck|--teacher: nowhere.tlck is not a file",
            "--experiment=hinton --dataset=fashion-mnist|--dataset fashion-mnist: only the ban experiment runs on Fashion-MNIST",
            "--experiment=ban --dataset=cifar10|--dataset must be one of [mnist, fashion-mnist], got cifar10",
            "--experiment=ban --ban-model=cnn-large|--ban-model must be one of [mlp-medium, mlp-large, cnn-small], got cnn-large",
    })
    void badInputIsOneLineAndTrainsNothing(String options, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "dark-knowledge"));
        args.addAll(List.of(options.split(" ")));
        args.addAll(List.of("--data=embedded", "--out=" + dir.resolve("never")));
        Result r = cli(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(dir.resolve("never")), "no run folder");
    }

    @Test
    void aShortOmittedRunWritesItsFolderAndFigures() throws Exception {
        Path out = dir.resolve("run");
        Result r = cli("train", "dark-knowledge", "--experiment", "omitted", "--epochs", "2", "--teacher-epochs", "2",
                "--train-size", "1000", "--test-size", "300", "--data", "embedded", "--seed", "3", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode config = Json.MAPPER.readTree(out.resolve("config.json").toFile());
        assertEquals("dark-knowledge", config.path("chapter").asText());
        assertEquals("omitted", config.path("experiment").asText());
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("completed", s.path("status").asText());
        for (String n : List.of("teacher", "student", "distilled")) {
            assertTrue(s.path("test_errors").path(n).isInt(), n);
            assertTrue(s.path("test_accuracy").path(n).isNumber(), n);
            assertEquals(10, s.path("per_class_accuracy").path(n).size(), n);
        }
        JsonNode d = s.path("omitted").path("distilled");
        assertTrue(d.path("bias").isNumber(), s.toString());
        assertTrue(d.path("hidden_accuracy_before").path("3").isNumber());
        assertTrue(d.path("hidden_accuracy_after").path("3").isNumber());
        assertTrue(Files.isRegularFile(out.resolve(DarkKnowledgeRun.TEACHER_FILE)));
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("kind,epoch,step,ce,kd,total,train_accuracy,test_accuracy", metrics.get(0));
        assertEquals(6, metrics.stream().filter(l -> l.startsWith("epoch,")).count(), "2 epochs of 3 networks");

        Set<String> figures = Chapters.get(DarkKnowledgeChapter.ID).figures(out).stream().map(RunFigures.Figure::name)
                .collect(Collectors.toSet());
        assertTrue(figures.containsAll(Set.of("test-errors", "per-class", "confusion", "teacher-outputs", "bias-sweep",
                "loss-components", "accuracy")), figures.toString());
        assertTrue(figures.contains(DarkKnowledgeFigures.HIDDEN_DIGIT), figures.toString());
        perEpochAccuracyMatchesTheEnd(out);
        // the omitted experiment's run carries the chapter's exercise card (its notebook adds the card's cells)
        assertEquals(List.of(DarkKnowledgeChapter.BIAS_CARD), Chapters.get(DarkKnowledgeChapter.ID).exerciseCards(config));
        assertEquals("chooseBias", org.transferlab.exercises.Cards.get(DarkKnowledgeChapter.BIAS_CARD).method());
        assertEquals(List.of(), Chapters.get(DarkKnowledgeChapter.ID).exerciseCards(
                Json.MAPPER.readTree("{\"chapter\": \"dark-knowledge\", \"experiment\": \"hinton\"}")));

        // the saved teacher is reused, not trained again
        Path again = dir.resolve("again");
        Result r2 = cli("train", "dark-knowledge", "--experiment", "hinton", "--epochs", "1", "--train-size", "1000",
                "--test-size", "300", "--data", "embedded", "--teacher", out.resolve("teacher.tlck").toString(), "--out",
                again.toString());
        assertEquals(0, r2.code(), r2.err());
        assertTrue(r2.err().contains("loaded from --teacher"), r2.err());

        Result resume = cli("train", "--resume", out.toString());
        assertEquals(2, resume.code(), resume.err());
        assertTrue(resume.err().contains(out + " already finished"), resume.err());
        assertEquals(1, resume.err().strip().lines().count(), resume.err());
    }

    /**
     * phases.csv holds every epoch's per-digit test accuracy: the student from labels never gets a hidden 3 right at
     * any epoch, each network's last epoch equals its per_class.csv row, and the run cut at an epoch (a workspace tile's
     * slider) draws the networks not yet finished at their epoch then.
     */
    private static void perEpochAccuracyMatchesTheEnd(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("phases.csv"));
        List<String> header = org.transferlab.io.Csv.parse(lines.get(0));
        int hidden = header.indexOf("hidden_accuracy");
        int three = header.indexOf("accuracy_3");
        assertTrue(hidden > 0 && three == hidden + 4 && header.size() == hidden + 11, header.toString());
        java.util.Map<String, List<String>> lastRow = new java.util.LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = org.transferlab.io.Csv.parse(l);
            assertEquals(header.size(), f.size(), l);
            assertEquals(f.get(three), f.get(hidden), "one hidden digit: its accuracy is the hidden accuracy: " + l);
            if (f.get(0).equals("student")) {
                assertEquals(0.0, Double.parseDouble(f.get(three)), "never shown, never named: " + l);
            }
            lastRow.put(f.get(0), f);
        }
        assertEquals(Set.of("teacher", "student", "distilled"), lastRow.keySet());
        for (String l : Files.readAllLines(out.resolve("per_class.csv")).subList(1, 31)) {
            List<String> f = org.transferlab.io.Csv.parse(l);
            assertEquals(Double.parseDouble(f.get(3)), Double.parseDouble(lastRow.get(f.get(0))
                    .get(header.indexOf("accuracy_" + f.get(2)))), 1e-9, l);
        }
        // cut after the student's first epoch (teacher 2 + 1): the teacher's final bars, the student at its epoch 1
        var perClass = org.transferlab.chapters.RunAtEpoch.figures(Chapters.get(DarkKnowledgeChapter.ID), out, 3)
                .stream().filter(f -> f.name().equals(DarkKnowledgeFigures.PER_CLASS)).findFirst().orElseThrow();
        var bars = (org.jfree.data.category.CategoryDataset) ((org.jfree.chart.JFreeChart) perClass.chart())
                .getCategoryPlot().getDataset();
        List<String> series = new java.util.ArrayList<>();
        for (int i = 0; i < bars.getRowCount(); i++) {
            series.add(bars.getRowKey(i).toString());
        }
        assertEquals(2, series.size(), series.toString());
        assertTrue(series.get(1).endsWith(", epoch 1"), series.toString());
    }

    @Test
    void aShortBanRunDrawsItsGenerationsAndEnsembles() throws Exception {
        Path out = dir.resolve("ban");
        Result r = cli("train", "dark-knowledge", "--experiment", "ban", "--epochs", "1", "--generations", "3",
                "--train-size", "600", "--test-size", "200", "--data", "embedded", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(List.of("gen0", "ban1", "ban2", "ban3", "banl1", "banl2", "banl3", "ensemble2", "ensemble3"),
                iterable(s.path("test_errors").fieldNames()));
        List<String> g = Files.readAllLines(out.resolve("generations.csv"));
        assertEquals("chain,generation,test_errors,test_accuracy", g.get(0));
        assertEquals(1 + 1 + 3 + 3 + 2, g.size(), "generation 0, three of each chain, two ensembles");
        Set<String> figures = Chapters.get(DarkKnowledgeChapter.ID).figures(out).stream().map(RunFigures.Figure::name)
                .collect(Collectors.toSet());
        assertTrue(figures.contains("generations"), figures.toString());
        assertFalse(figures.contains("bias-sweep"), "no sweep outside the omitted experiment");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    /** A run stopped after its student resumes from the saved networks to the files of the run never stopped. */
    @Test
    void aStoppedRunResumesToTheFilesOfTheRunNeverStopped() throws Exception {
        Path a = dir.resolve("a");
        Result r = cli("train", "dark-knowledge", "--experiment", "omitted", "--epochs", "2", "--teacher-epochs", "2",
                "--train-size", "1000", "--test-size", "300", "--data", "embedded", "--out", a.toString());
        assertEquals(0, r.code(), r.err());

        DarkKnowledgeConfig c = DarkKnowledgeConfig.defaults(Experiment.OMITTED).withEpochs(2).withSizes(1000, 300);
        Path b = dir.resolve("b");
        Files.createDirectories(b);
        DarkKnowledgeRun run = new DarkKnowledgeRun(c).data(DarkKnowledgeData.load(c, null)).outputDir(b)
                .addListener(new DarkKnowledgeRecorder(b));
        run.addListener(new DarkKnowledgeListener() {
            @Override
            public void onPhase(Phase p) {
                if (p.name().equals("distilled")) {
                    run.control().stop();
                }
            }
        });
        DarkKnowledgeResult stopped = run.run();
        assertEquals(org.transferlab.engine.RunResult.Status.STOPPED, stopped.status(), stopped.message());
        assertTrue(Files.isRegularFile(b.resolve("teacher.tlck")) && Files.isRegularFile(b.resolve("net-student.tlck")));
        assertFalse(Files.exists(b.resolve("net-distilled.tlck")));

        Result resumed = cli("train", "--resume", b.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("loaded from its checkpoint"), resumed.err());
        for (String f : List.of("metrics.csv", "phases.csv", "per_class.csv", "confusion.csv", "bias_sweep.csv",
                "teacher_outputs.csv", "config.json")) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
        }
        assertEquals(Json.MAPPER.readTree(a.resolve("summary.json").toFile()).path("test_errors"),
                Json.MAPPER.readTree(b.resolve("summary.json").toFile()).path("test_errors"));
        for (Path d : List.of(a, b)) {
            try (var files = Files.list(d)) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("net-"))
                        .toList(), "a finished run keeps only its teacher");
            }
        }
        Result nothing = cli("train", "--resume", dir.resolve("never-started").toString());
        assertTrue(nothing.code() != 0, nothing.err());
    }
}
