package org.transferlab.chapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.transferlab.engine.RunRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedRunTest {
    @TempDir
    Path root;

    /** The columns every part-1 folder had before the method registry: folders written then still read. */
    private static final String LEGACY_HEADER = "kind,epoch,step,ce,kd,at,total,train_accuracy,test_accuracy,seconds";

    @Test
    void readsRunsAndReportsFoldersItCannotRead() throws Exception {
        Path good = root.resolve("20261122-100000-q2");
        Files.createDirectories(good);
        Files.writeString(good.resolve(RunRecorder.CONFIG), "{\"exercise\": \"q2\", \"trained_model\": \"cnn-small\","
                + " \"train_size\": 1000, \"epochs\": 3, \"seed\": 1, \"temperature\": 4, \"alpha\": 0.5, \"beta\": 1}");
        Files.writeString(good.resolve(RunRecorder.METRICS), LEGACY_HEADER + "\nstep,1,1,2.3,0.1,,2.2,0.1,,0.5\n"
                + "epoch,1,,,,,2.1,0.2,0.31,1.0\nepoch,2,,,,,1.9,0.3,,2.0\nepoch,3,,,,,1.7,0.4,0.45,3.0\n");
        Files.writeString(good.resolve(RunRecorder.SUMMARY), "{\"status\": \"completed\", \"test_accuracy\": 0.45, \"seconds\": 3.5}");
        Path killed = root.resolve("20261122-110000-q1");
        Files.createDirectories(killed);
        Files.writeString(killed.resolve(RunRecorder.CONFIG), "{\"exercise\": \"q1\"}");
        Files.writeString(killed.resolve(RunRecorder.METRICS), LEGACY_HEADER + "\nepoch,1,,,,,2.1,0.2,0.25,1.0\n");
        Path damaged = root.resolve("20261122-120000-q3");
        Files.createDirectories(damaged);
        Files.writeString(damaged.resolve(RunRecorder.CONFIG), "{\"exercise\": ");
        Files.createDirectories(root.resolve("not-a-run"));

        SavedRun.Listing l = SavedRun.list(root);
        assertEquals(2, l.runs().size());
        SavedRun q2 = l.runs().get(0);
        assertEquals("completed", q2.status());
        assertEquals(0.45, q2.finalAccuracy());
        assertEquals(3, q2.testAccuracy().size());
        assertTrue(Double.isNaN(q2.testAccuracy().get(1)), "not evaluated in epoch 2");
        SavedRun q1 = l.runs().get(1);
        assertEquals("interrupted", q1.status(), "no summary: the process ended without one");
        assertEquals(0.25, q1.finalAccuracy());
        assertEquals(2, l.problems().size());
        assertTrue(l.problems().stream().anyMatch(p -> p.contains("is damaged")), l.problems().toString());
        assertTrue(l.problems().stream().anyMatch(p -> p.contains("not a TransferLab run folder")), l.problems().toString());
    }
}
