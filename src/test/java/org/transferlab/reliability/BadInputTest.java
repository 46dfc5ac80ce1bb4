package org.transferlab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.cli.TransferLabCommand;
import org.transferlab.data.DatasetId;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingRun;

/** Inputs that used to fail deep inside the engine now stop at once with a message naming the problem. */
class BadInputTest {
    @TempDir
    Path dir;

    private static void idx(Path file, int magic, int... dims) throws Exception {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + n);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < n; i++) {
            b.put((byte) (magic == 2049 ? i % 10 : 0));
        }
        Files.write(file, b.array());
    }

    @Test
    void imagesOfTheWrongSizeAreRefusedBeforeTraining() throws Exception {
        for (String split : new String[]{"train", "t10k"}) {
            idx(dir.resolve(split + "-images-idx3-ubyte"), 2051, 40, 32, 32);
            idx(dir.resolve(split + "-labels-idx1-ubyte"), 2049, 40);
        }
        TrainingConfig c = TrainingConfig.builder().exercise(Exercise.Q1).dataset(DatasetId.FASHION_MNIST)
                .dataDir(dir).trainSize(20).epochs(1).build();
        RunResult r = new TrainingRun(c).run();
        assertEquals(RunResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("holds 32×32 images; TransferLab's models take 28×28"), r.message());
    }

    @Test
    void aRunFolderThatCannotBeCreatedIsReportedPlainly() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        int code;
        try {
            code = TransferLabCommand.execute("train", "--exercise", "q1", "--data", "embedded", "--epochs", "1",
                    "--out", file.resolve("run").toString());
        } finally {
            System.setErr(err);
        }
        assertEquals(1, code);
        assertTrue(captured.toString().contains("cannot create the run folder"), captured.toString());
        assertEquals("not a folder", Files.readString(file), "nothing already on disk was touched");
    }

    private static String[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        int code;
        try {
            code = TransferLabCommand.execute(args);
        } finally {
            System.setErr(err);
        }
        return new String[]{String.valueOf(code), captured.toString()};
    }

    /** Every file of a folder and its sub-folders (the kept snapshots), by path, as bytes (to prove a refused
     * command changed nothing). */
    private static java.util.Map<String, String> contents(Path folder) throws Exception {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                m.put(folder.relativize(f).toString(), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
            }
        }
        return m;
    }

    /**
     * A stopped run whose {@code config.json} was damaged or edited by hand: {@code train --resume} refuses it with
     * the file's name and the problem, for both parts, and leaves every file of the folder as it was.
     */
    @Test
    void aDamagedRunConfigIsRefusedOnResumeAndNothingChanges() throws Exception {
        Path part1 = dir.resolve("q1");
        Path part2 = dir.resolve("mtl");
        assertEquals("0", run("train", "--exercise", "q1", "--data", "embedded", "--train-size", "256", "--epochs",
                "1", "--batch", "64", "--out", part1.toString())[0]);
        assertEquals("0", run("train", "--exercise", "mtl-q2", "--data", "embedded", "--train-size", "256",
                "--epochs", "1", "--batch", "64", "--out", part2.toString())[0]);
        String[][] edits = {
                {"^\\{", "{ oops", "is damaged (Unexpected character"},
                {"(?s).*", "", "is empty or not a JSON object"},
                {"(?s).*", "[1, 2]", "is empty or not a JSON object"},
                {"\"exercise\" : \"(q1|mtl-q2)\"", "\"exercise\" : \"$1x\"", "unknown exercise"},
                {"\"epochs\" : 1", "\"epochs\" : -4", "epochs must be"},
                {"\"lr\" : 0.001", "\"lr\" : -1", "lr must be > 0"},
                {"\"student\" : \"cnn-small\"", "\"student\" : \"resnet\"", "unknown model 'resnet'"},
                {"\"weighting\" : \"fixed\"", "\"weighting\" : \"magic\"", "unknown weighting 'magic'"},
        };
        int refused = 0;
        for (Path folder : new Path[]{part1, part2}) {
            Files.delete(folder.resolve("summary.json")); // as if it had been stopped: resumable
            Path config = folder.resolve("config.json");
            String good = Files.readString(config);
            for (String[] e : edits) {
                String bad = good.replaceAll(e[0], e[1]);
                if (bad.equals(good)) {
                    continue; // a setting this part does not have
                }
                Files.writeString(config, bad);
                var before = contents(folder);
                String[] r = run("train", "--resume", folder.toString());
                assertTrue(r[0].equals("1") || r[0].equals("2"), "exit code " + r[0] + " for " + e[1]);
                assertTrue(r[1].contains(config.toString()), "names the file: " + r[1]);
                assertTrue(r[1].contains(e[2]), "says '" + e[2] + "': " + r[1]);
                assertEquals(before, contents(folder), "nothing in the folder changed: " + e[1]);
                refused++;
            }
            Files.writeString(config, good);
        }
        assertEquals(14, refused, "edits tried on both parts' configs");
    }
}
