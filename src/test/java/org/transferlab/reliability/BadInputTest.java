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
}
