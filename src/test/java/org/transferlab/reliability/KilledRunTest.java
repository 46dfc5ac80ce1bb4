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
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.cli.TransferLabCommand;
import org.transferlab.chapters.SavedRun;
import org.transferlab.io.Json;
import org.transferlab.models.Checkpoint;

/**
 * kill -9 for real: a child JVM trains, is killed without warning after its second epoch, and the run
 * folder it leaves is read as interrupted, with its metrics readable and its checkpoint valid; then
 * {@code train --resume} finishes it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX signals: SIGKILL's exit code 137, kill -INT and -TERM")
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

    /** The epoch of the run folder's checkpoint, or 0 while there is none (it is replaced atomically). */
    private static int checkpointEpoch(Path run) {
        try {
            return Integer.parseInt(Checkpoint.read(run.resolve("checkpoint.tlck")).metadata().getOrDefault("epoch", "0"));
        } catch (Exception e) {
            return 0;
        }
    }

    /** Starts {@code transferlab train ARGS --out RUN} in a child JVM and kills it (SIGKILL) after its second epoch. */
    private void trainAndKill(Path run, String... args) throws Exception {
        trainAndSignal(run, "KILL", args);
    }

    /** The same, sending {@code signal} (KILL, INT as Ctrl-C does, TERM as a shutdown does); returns the exit code. */
    private int trainAndSignal(Path run, String signal, String... args) throws Exception {
        String java = org.transferlab.io.Platforms.javaExecutable();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "org.transferlab.Main", "train"));
        command.addAll(List.of(args));
        command.addAll(List.of("--out", run.toString()));
        Path log = dir.resolve(run.getFileName() + ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // after the second epoch's metrics and its checkpoint (written in that order: metrics never lag behind)
        while ((epochRows(run.resolve("metrics.csv")) < 2 || checkpointEpoch(run) < 2) && System.nanoTime() < deadline
                && child.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(child.isAlive(), "the child was still training: " + Files.readString(log));
        if (signal.equals("KILL")) {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no summary
        } else {
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).start().waitFor());
        }
        // the stop is prompt (one step, then the files) on an idle machine; 120 s leaves room for a loaded CI host,
        // where 60 s was once not enough (2026-12-03, load about 8, two JVMs training beside it)
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended after " + signal + ": " + Files.readString(log));
        if (signal.equals("KILL")) {
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
        }
        return child.exitValue();
    }

    /**
     * Ctrl-C (SIGINT) in the middle of a part-1 run and SIGTERM in the middle of a part-2 run: the shutdown hook
     * stops the run, which is recorded as stopped with its metrics so far and its last epoch's checkpoint.
     */
    @Test
    void ctrlCAndSigtermRecordTheRunAsStopped() throws Exception {
        for (String[] c : new String[][]{{"INT", "q1"}, {"TERM", "mtl-q2"}}) {
            Path run = dir.resolve(c[1] + "-" + c[0]);
            int code = trainAndSignal(run, c[0], "--exercise", c[1], "--data", "embedded", "--train-size", "512",
                    "--epochs", "2000", "--batch", "64"); // never done before the signal, however loaded the host
            assertEquals(c[0].equals("INT") ? 130 : 143, code, "the exit code of " + c[0]);
            JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
            assertEquals("stopped", summary.get("status").asText(), c[0] + ": " + summary);
            assertTrue(summary.get("message").asText().contains("stopped by the user"), summary.toString());
            long epochs = epochRows(run.resolve("metrics.csv"));
            assertTrue(epochs >= 2 && epochs < 2000, "metrics so far: " + epochs + " epochs");
            assertTrue(Files.readAllLines(run.resolve("metrics.csv")).stream().filter(l -> l.startsWith("step,")).count()
                    >= epochs * 8, "with their steps");
            assertTrue(Checkpoint.read(run.resolve("checkpoint.tlck")).metadata().containsKey("epoch"));
            assertEquals("stopped", SavedRun.read(run).status());
        }
    }

    @Test
    void aKilledRunIsInterruptedReadableAndResumable() throws Exception {
        Path run = dir.resolve("q1-killed");
        trainAndKill(run, "--exercise", "q1", "--data", "embedded", "--train-size", "512", "--epochs", "6",
                "--batch", "64");

        assertFalse(Files.exists(run.resolve("summary.json")), "a killed process writes no summary");
        SavedRun saved = SavedRun.read(run);
        assertEquals("interrupted", saved.status());
        long epochs = epochRows(run.resolve("metrics.csv"));
        assertTrue(epochs >= 2 && epochs < 6, "metrics up to the last flush: " + epochs + " epochs");
        int checkpointEpoch = Integer.parseInt(Checkpoint.read(run.resolve("checkpoint.tlck")).metadata().get("epoch"));
        assertTrue(checkpointEpoch >= 2, "the last finished epoch's checkpoint is intact");
        try (var files = Files.walk(run)) {
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

    /**
     * The same for a part-2 run (uncertainty weighting, whose s_i must survive too): interrupted, readable,
     * and once resumed its metrics are byte for byte those of the same run never killed.
     */
    @Test
    void aKilledMultiTaskRunResumesToTheRunThatWasNeverKilled() throws Exception {
        String[] args = {"--exercise", "mtl-q2", "--weighting", "uncertainty", "--data", "embedded", "--train-size",
                "512", "--epochs", "5", "--batch", "64"};
        Path run = dir.resolve("mtl-killed");
        trainAndKill(run, args);
        assertFalse(Files.exists(run.resolve("summary.json")), "a killed process writes no summary");
        SavedRun saved = SavedRun.read(run);
        assertEquals("interrupted", saved.status());
        long epochs = epochRows(run.resolve("metrics.csv"));
        assertTrue(epochs >= 2 && epochs < 5, "metrics up to the last flush: " + epochs + " epochs");
        assertEquals(epochs, saved.testAccuracy().size(), "the folder reads back epoch by epoch");
        int checkpointEpoch = org.transferlab.part2.MultiTaskCheckpoint.read(run.resolve("checkpoint.tlck")).epoch();
        assertTrue(checkpointEpoch >= 2 && checkpointEpoch <= epochs, "checkpoint " + checkpointEpoch + " intact");

        assertEquals(0, TransferLabCommand.execute("train", "--resume", run.toString()));
        assertEquals("completed", Json.MAPPER.readTree(run.resolve("summary.json").toFile()).get("status").asText());
        Path whole = dir.resolve("mtl-whole");
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--out", whole.toString()));
        all.add(0, "train");
        assertEquals(0, TransferLabCommand.execute(all.toArray(String[]::new)));
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(run.resolve("metrics.csv")),
                "killed after epoch " + checkpointEpoch + " and resumed = never killed");
        assertEquals(2, TransferLabCommand.execute("train", "--resume", run.toString()), "a finished run is not resumed");
    }
}
