package org.transferlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTripRestoresParametersAndRunningStatistics() throws Exception {
        Network a = Network.create(ModelZoo.get("cnn-small"), 10, 1);
        a.batchNorms().get(1).runningMean().addi(0.5);
        Path f = dir.resolve("c.tlck");
        Checkpoint.save(a, f, Map.of("epoch", "3"));
        Network b = Network.create(ModelZoo.get("cnn-small"), 10, 2);
        var c = Checkpoint.load(b, f);
        assertEquals("3", c.metadata().get("epoch"));
        a.state().forEach((k, v) -> assertEquals(v, b.state().get(k), k));
        assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals("c.tlck")), "no temp file left");
    }

    @Test
    void refusesTruncatedForeignAndMismatchedFiles() throws Exception {
        Network a = Network.create(ModelZoo.get("cnn-small"), 10, 1);
        Path f = dir.resolve("c.tlck");
        Checkpoint.save(a, f, Map.of());
        byte[] bytes = Files.readAllBytes(f);

        Path truncated = dir.resolve("t.tlck");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.load(a, truncated));
        assertTrue(e.getMessage().contains("damaged or truncated"), e.getMessage());

        Path flipped = dir.resolve("f.tlck");
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x55;
        Files.write(flipped, copy);
        assertThrows(CheckpointException.class, () -> Checkpoint.load(a, flipped));

        Path foreign = dir.resolve("x.tlck");
        Files.writeString(foreign, "this is not a checkpoint at all, just some text");
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(a, foreign));
        assertTrue(e.getMessage().contains("not a TransferLab checkpoint"), e.getMessage());

        Network other = Network.create(ModelZoo.get("cnn-large"), 10, 1);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(other, f));
        assertTrue(e.getMessage().contains("holds a cnn-small model, not a cnn-large"), e.getMessage());

        Network fewerClasses = Network.create(ModelZoo.get("cnn-small"), 5, 1);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(fewerClasses, f));
        assertTrue(e.getMessage().contains("has shape"), e.getMessage());

        assertThrows(java.nio.file.NoSuchFileException.class, () -> Checkpoint.load(a, dir.resolve("missing")));
    }
}
