package org.transferlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(0);
        b.write(type);
        b.write(dims.length);
        for (int d : dims) {
            b.write(d >>> 24);
            b.write(d >>> 16);
            b.write(d >>> 8);
            b.write(d);
        }
        b.writeBytes(data);
        return b.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(raw);
        }
        return b.toByteArray();
    }

    @Test
    void readsRawAndGzipAndRoundTripsTheWriter() throws Exception {
        byte[] data = {1, 2, 3, 4, 5, 6, (byte) 255, 0};
        byte[] raw = idx(8, new int[]{2, 2, 2}, data);
        for (byte[] file : new byte[][]{raw, gzip(raw)}) {
            var a = IdxReader.read(new ByteArrayInputStream(file), "t");
            assertArrayEquals(new int[]{2, 2, 2}, a.dims());
            assertArrayEquals(data, a.data());
        }
        Path p = dir.resolve("x-idx3-ubyte.gz");
        IdxWriter.write(p, new int[]{2, 2, 2}, data);
        assertArrayEquals(data, IdxReader.read(p).data());
    }

    private static String error(byte[] file) {
        return assertThrows(IdxFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(file), "f")).getMessage();
    }

    @Test
    void namesEachKindOfCorruption() throws Exception {
        byte[] good = idx(8, new int[]{3, 2, 2}, new byte[12]);
        byte[] wrongMagic = good.clone();
        wrongMagic[1] = 7;
        assertTrue(error(wrongMagic).contains("wrong magic number"));
        assertTrue(error(idx(0x0d, new int[]{3}, new byte[12])).contains("not supported"));
        assertTrue(error(Arrays.copyOf(good, good.length - 5)).contains("truncated: header declares 12 bytes of data, found 7"));
        assertTrue(error(Arrays.copyOf(good, good.length + 3)).contains("longer than its IDX header"));
        assertTrue(error(Arrays.copyOf(good, 6)).contains("ends inside the IDX header"));
        assertTrue(error(new byte[]{0, 0}).contains("too short"));
        byte[] gz = gzip(good);
        assertTrue(error(Arrays.copyOf(gz, gz.length / 2)).contains("corrupt or truncated gzip"));
        // a header declaring 2^31 images of 28×28 is refused before any allocation
        assertTrue(error(idx(8, new int[]{Integer.MAX_VALUE, 28, 28}, new byte[0])).contains("more than"));
    }

    @Test
    void imagesAndLabelsMustMatch() {
        var images = new IdxReader.IdxArray(new int[]{3, 2, 2}, new byte[12]);
        var labels = new IdxReader.IdxArray(new int[]{2}, new byte[2]);
        var e = assertThrows(IdxFormatException.class, () -> ImageSet.of("s", images, labels, DatasetId.MNIST.classNames()));
        assertEquals("s: image/label count mismatch: 3 images but 2 labels", e.getMessage());
        var badLabel = new IdxReader.IdxArray(new int[]{3}, new byte[]{0, 1, 12});
        assertThrows(IdxFormatException.class, () -> ImageSet.of("s", images, badLabel, DatasetId.MNIST.classNames()));
        var labelsAsImages = new IdxReader.IdxArray(new int[]{3}, new byte[3]);
        assertThrows(IdxFormatException.class, () -> ImageSet.of("s", labelsAsImages, labelsAsImages,
                DatasetId.MNIST.classNames()));
    }

    @Test
    void fuzzedFilesAlwaysEndInTheReadersOwnError() throws Exception {
        Random r = new Random(42);
        byte[] base = gzip(idx(8, new int[]{4, 3, 3}, new byte[36]));
        byte[] rawBase = idx(8, new int[]{4, 3, 3}, new byte[36]);
        int ok = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] f;
            switch (i % 4) {
                case 0 -> {
                    f = new byte[r.nextInt(64)];
                    r.nextBytes(f);
                }
                case 1 -> {
                    f = (i % 8 == 1 ? base : rawBase).clone();
                    for (int k = 0; k < 1 + r.nextInt(4); k++) {
                        f[r.nextInt(f.length)] = (byte) r.nextInt(256);
                    }
                }
                case 2 -> f = Arrays.copyOf(rawBase, r.nextInt(rawBase.length + 8));
                default -> {
                    f = rawBase.clone();
                    f[4 + r.nextInt(12)] = (byte) r.nextInt(256); // corrupt a dimension
                }
            }
            try {
                IdxReader.read(new ByteArrayInputStream(f), "fuzz");
                ok++;
            } catch (IdxFormatException expected) {
                // the reader's own error: fine
            }
        }
        assertTrue(ok < 2000);
    }

    @Test
    void missingAndFolderPathsAreClear() throws Exception {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> IdxReader.read(dir.resolve("nope")));
        Files.createDirectories(dir.resolve("folder"));
        assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("folder")));
    }
}
