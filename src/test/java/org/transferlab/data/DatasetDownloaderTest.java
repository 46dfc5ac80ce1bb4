package org.transferlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against servers on the loopback interface only. */
class DatasetDownloaderTest {
    @TempDir
    Path dir;

    @Test
    void downloadsAndChecksEveryFileAndRefusesABadChecksum() throws Exception {
        byte[] body = "not really idx".getBytes();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            String sum = DatasetDownloader.md5(body);
            var ok = new DatasetDownloader(Duration.ofSeconds(5), Map.of(DatasetId.MNIST, mirror),
                    Map.of(DatasetId.MNIST, List.of(sum, sum, sum, sum)));
            List<Long> progress = new ArrayList<>();
            ok.download(DatasetId.MNIST, dir.resolve("good"), (f, got, total) -> progress.add(got));
            assertArrayEquals(body, Files.readAllBytes(dir.resolve("good").resolve(DatasetLocator.TEST_LABELS + ".gz")));
            assertTrue(progress.size() >= 4);

            var bad = new DatasetDownloader(Duration.ofSeconds(5), Map.of(DatasetId.MNIST, mirror),
                    Map.of(DatasetId.MNIST, List.of("0".repeat(32), sum, sum, sum)));
            var e = assertThrows(IOException.class, () -> bad.download(DatasetId.MNIST, dir.resolve("bad"), (f, g, t) -> { }));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            assertTrue(!Files.exists(dir.resolve("bad").resolve(DatasetLocator.TRAIN_IMAGES + ".gz")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void offlineFailsFastWithAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var d = new DatasetDownloader(Duration.ofSeconds(2), Map.of(DatasetId.MNIST, "http://127.0.0.1:" + port + "/"),
                Map.of(DatasetId.MNIST, List.of("", "", "", "")));
        long t0 = System.nanoTime();
        var e = assertThrows(IOException.class, () -> d.download(DatasetId.MNIST, dir, (f, g, t) -> { }));
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var d = new DatasetDownloader(Duration.ofSeconds(1),
                    Map.of(DatasetId.MNIST, "http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    Map.of(DatasetId.MNIST, List.of("", "", "", "")));
            var e = assertThrows(IOException.class, () -> d.download(DatasetId.MNIST, dir, (f, g, t) -> { }));
            assertTrue(e.getMessage().contains("stopped answering") || e.getMessage().contains("offline"), e.getMessage());
        }
    }
}
