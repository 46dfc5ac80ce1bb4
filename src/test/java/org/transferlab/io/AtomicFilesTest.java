package org.transferlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails half-way (a full disk, a crash in the writer) leaves the previous file as it was. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheGoodFileAndNoDebris() throws Exception {
        Path target = dir.resolve("metrics.csv");
        AtomicFiles.writeString(target, "kind,epoch\nepoch,1\n");
        IOException full = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("kind,epoch\nepoch,1\nepoch,2 (half".getBytes());
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", full.getMessage());
        assertEquals("kind,epoch\nepoch,1\n", Files.readString(target), "the last good content is intact");
        assertEquals(List.of("metrics.csv"), names(), "no temporary file left behind");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("the writer crashed");
        }));
        assertEquals("kind,epoch\nepoch,1\n", Files.readString(target));
        assertEquals(List.of("metrics.csv"), names());
        AtomicFiles.writeString(target, "new");
        assertEquals("new", Files.readString(target));
    }
}
