package org.transferlab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.cli.TransferLabCommand;
import org.transferlab.engine.SavedRun;
import org.transferlab.io.Json;
import org.transferlab.models.Checkpoint;

/**
 * kill -9 for real: a child JVM trains, is killed without warning after its second epoch, and the run
 * folder it leaves is read as interrupted, with its metrics readable and its checkpoint valid; then
 * {@code train --resume} finishes it.
 */
class KilledRunTest {
    @TempDir
    Path dir;

    private static long epochRows(Path metrics) {
        try {
            return Files.readAllLines(metrics).stream().filter(l -> l.startsWith("epoch,")).count();
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void aKilledRunIsInterruptedReadableAndResumable() throws Exception {
        Path run = dir.resolve("q1-killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "org.transferlab.Main", "train", "--exercise", "q1", "--data", "embedded", "--train-size", "512",
                "--epochs", "6", "--batch", "64", "--out", run.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (epochRows(run.resolve("metrics.csv")) < 2 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(child.isAlive(), "the child was still training: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no summary
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        assertFalse(Files.exists(run.resolve("summary.json")), "a killed process writes no summary");
        SavedRun saved = SavedRun.read(run);
        assertEquals("interrupted", saved.status());
        long epochs = epochRows(run.resolve("metrics.csv"));
        assertTrue(epochs >= 2 && epochs < 6, "metrics up to the last flush: " + epochs + " epochs");
        int checkpointEpoch = Integer.parseInt(Checkpoint.read(run.resolve("checkpoint.tlck")).metadata().get("epoch"));
        assertTrue(checkpointEpoch >= 2, "the last finished epoch's checkpoint is intact");
        try (var files = Files.list(run)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no half-written file in place");
        }

        assertEquals(0, TransferLabCommand.execute("train", "--resume", run.toString()));
        JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(6, rows.stream().filter(l -> l.startsWith("epoch,")).count(), "epochs 1-6, none twice");
        for (int e = 1; e <= 6; e++) {
            final String prefix = "epoch," + e + ",";
            assertEquals(1, rows.stream().filter(l -> l.startsWith(prefix)).count(), "epoch " + e);
        }
        assertTrue(summary.get("test_accuracy").asDouble() > 0.3, "the resumed run kept learning");
        assertEquals(2, TransferLabCommand.execute("train", "--resume", run.toString()), "a finished run is not resumed");
    }
}
