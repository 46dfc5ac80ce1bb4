package org.transferlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.chapters.SavedRun;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;
import org.transferlab.models.Checkpoint;

/**
 * Folders the way students' laptops name them: a user name with a space, an apostrophe and letters outside ASCII
 * (Windows keeps runs under {@code C:\Users\Zoë Müller\}, macOS under {@code /Users/zoë/}). A run is trained from
 * the command line into such a folder, read back by {@code --resume}, listed as the app lists runs, and every file
 * of it reads back.
 */
class OddPathsTest {
    @TempDir
    Path tmp;

    /** The folder name of the issue, and a run folder name with an accent of its own. */
    static final String ODD = "Zoë Müller's files";

    private record Result(int code, String err) {
    }

    private static Result cli(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return new Result(TransferLabCommand.execute(args), buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void aRunFolderUnderSpacesApostrophesAndAccentsIsWrittenReadAndResumed() throws Exception {
        Path home = tmp.resolve(ODD);
        Path run = home.resolve(".transferlab").resolve("runs").resolve("q2 première");
        Result first = cli("train", "--exercise", "q2", "--data", "embedded", "--train-size", "256", "--epochs", "1",
                "--batch", "64", "--seed", "7", "--out", run.toString());
        assertEquals(0, first.code(), first.err());

        // the names on disk are the ones asked for, letter for letter (no mangled encoding, no second folder)
        try (var names = Files.list(tmp)) {
            assertEquals(List.of(ODD), names.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.isDirectory(run), "the run folder exists: " + run);
        assertEquals("q2 première", run.getFileName().toString());
        allFilesReadBack(run, 1);

        // --resume reads the folder's settings and checkpoint back through the same path and names it exactly
        JsonNode config = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertEquals(1, config.get("epochs").asInt(), config.toString());
        Result again = cli("train", "--resume", run.toString());
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("--resume: " + run + " already finished its 1 epochs"), again.err());

        // listed as the app's Compare runs lists its folder
        SavedRun.Listing listing = SavedRun.list(run.getParent());
        assertEquals(List.of(), listing.problems());
        assertEquals(1, listing.runs().size());
        SavedRun saved = listing.runs().get(0);
        assertEquals(run, saved.dir());
        assertEquals("completed", saved.status());
        double accuracy = Json.MAPPER.readTree(run.resolve("summary.json").toFile()).get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "an accuracy: " + accuracy);
        assertEquals(accuracy, saved.finalAccuracy(), "the listing read the run's own summary");
    }

    @Test
    void atomicWritesKeepNonAsciiNamesAndContent() throws Exception {
        Path dir = tmp.resolve(ODD).resolve("exports – août");
        Path file = dir.resolve("notes d'Zoë.csv");
        AtomicFiles.writeString(file, "name,value\nZoë,1\n");
        AtomicFiles.writeString(file, "name,value\nMüller,2\n"); // replaces the file just written
        assertEquals("name,value\nMüller,2\n", Files.readString(file));
        try (var names = Files.list(dir)) {
            assertEquals(List.of("notes d'Zoë.csv"), names.map(p -> p.getFileName().toString()).toList(),
                    "one file, its name intact, no temporary file left");
        }
    }

    /** Every file: JSON parses, CSV rows have the header's columns and LF line ends, the checkpoint checks out. */
    private static void allFilesReadBack(Path run, int epochs) throws Exception {
        List<String> names;
        try (var files = Files.walk(run)) { // the kept snapshots in snapshots/ too
            names = files.filter(Files::isRegularFile).map(p -> run.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertTrue(names.containsAll(List.of("config.json", "metrics.csv", "summary.json", "checkpoint.tlck")),
                names.toString());
        for (String name : names) {
            Path f = run.resolve(name);
            assertFalse(name.endsWith(".tmp"), "no temporary file left: " + name);
            if (name.endsWith(".json")) {
                Json.MAPPER.readTree(f.toFile());
            } else if (name.endsWith(".csv")) {
                String text = Files.readString(f);
                assertFalse(text.contains("\r"), name + " has LF line ends on every system");
                List<String> lines = text.lines().toList();
                int columns = lines.get(0).split(",", -1).length;
                lines.forEach(l -> assertEquals(columns, l.split(",", -1).length, name + ": " + l));
            } else if (name.endsWith(".tlck")) {
                assertEquals(String.valueOf(epochs), Checkpoint.read(f).metadata().get("epoch"));
            }
        }
        long epochRows = Files.readAllLines(run.resolve("metrics.csv")).stream().filter(l -> l.startsWith("epoch,"))
                .count();
        assertEquals(epochs, epochRows);
    }
}
