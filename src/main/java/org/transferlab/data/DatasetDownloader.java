package org.transferlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.transferlab.io.AtomicFiles;

/**
 * Fetches the full data sets from their canonical IDX mirrors into the user data folder, checking
 * each file's MD5 against the published checksum. Offline, it fails within the connect timeout with
 * a message that says so; it never hangs.
 */
public final class DatasetDownloader {

    /** Reports bytes received so far for one file; total is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        void update(String file, long received, long total);
    }

    private static final Map<DatasetId, String> MIRRORS = Map.of(
            DatasetId.FASHION_MNIST, "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            DatasetId.MNIST, "https://ossci-datasets.s3.amazonaws.com/mnist/");

    /** Published MD5 sums of the gzip files, in the order of {@link DatasetLocator#FILES}. */
    private static final Map<DatasetId, List<String>> MD5 = Map.of(
            DatasetId.FASHION_MNIST, List.of("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                    "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
            DatasetId.MNIST, List.of("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                    "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"));

    private final Duration timeout;
    private final Map<DatasetId, String> mirrors;
    private final Map<DatasetId, List<String>> checksums;

    public DatasetDownloader() {
        this(Duration.ofSeconds(15), MIRRORS, MD5);
    }

    /** For tests: another mirror (e.g. a loopback server), its checksums and a timeout. */
    public DatasetDownloader(Duration timeout, Map<DatasetId, String> mirrors, Map<DatasetId, List<String>> checksums) {
        this.timeout = timeout;
        this.mirrors = mirrors;
        this.checksums = checksums;
    }

    /** Downloads the four files of {@code id} into {@code targetDir}; files already valid are kept. */
    public void download(DatasetId id, Path targetDir, Progress progress) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Files.createDirectories(targetDir);
        List<String> sums = checksums.get(id);
        for (int i = 0; i < DatasetLocator.FILES.size(); i++) {
            String name = DatasetLocator.FILES.get(i) + ".gz";
            Path target = targetDir.resolve(name);
            if (Files.isRegularFile(target) && md5(Files.readAllBytes(target)).equals(sums.get(i))) {
                progress.update(name, Files.size(target), Files.size(target));
                continue;
            }
            byte[] body = fetch(client, URI.create(mirrors.get(id) + name), name, progress);
            String sum = md5(body);
            if (!sum.equals(sums.get(i))) {
                throw new IOException(name + " arrived with checksum " + sum + " but " + sums.get(i)
                        + " was expected; the download is damaged or the mirror changed. Nothing was saved.");
            }
            AtomicFiles.write(target, out -> out.write(body));
        }
    }

    private byte[] fetch(HttpClient client, URI uri, String name, Progress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IOException("the mirror answered HTTP " + response.statusCode() + " for " + uri);
            }
            long total = response.headers().firstValueAsLong("content-length").orElse(-1);
            try (InputStream in = response.body()) {
                var buffer = new java.io.ByteArrayOutputStream(total > 0 ? (int) total : 1 << 20);
                byte[] chunk = new byte[1 << 16];
                long received = 0;
                for (int n; (n = in.read(chunk)) != -1; ) {
                    buffer.write(chunk, 0, n);
                    received += n;
                    progress.update(name, received, total);
                }
                return buffer.toByteArray();
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new IOException("cannot reach " + uri.getHost() + " (" + e.getClass().getSimpleName()
                    + "); this machine seems to be offline. Copy the IDX files into "
                    + DatasetLocator.defaultUserDataRoot() + " by hand, or use --data embedded.", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the mirror " + uri.getHost() + " stopped answering for " + timeout.toSeconds()
                    + " s while sending " + name + "; try again later or use --data embedded.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + name + " was interrupted", e);
        }
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
