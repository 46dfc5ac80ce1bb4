package org.transferlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
    @TempDir
    Path dir;

    static void writeTiny(Path folder, int train, int test) throws Exception {
        byte[] labels = new byte[train];
        for (int i = 0; i < train; i++) {
            labels[i] = (byte) (i % 10);
        }
        IdxWriter.write(folder.resolve(DatasetLocator.TRAIN_IMAGES + ".gz"), new int[]{train, 28, 28}, new byte[train * 784]);
        IdxWriter.write(folder.resolve(DatasetLocator.TRAIN_LABELS + ".gz"), new int[]{train}, labels);
        IdxWriter.write(folder.resolve(DatasetLocator.TEST_IMAGES), new int[]{test, 28, 28}, new byte[test * 784]);
        IdxWriter.write(folder.resolve(DatasetLocator.TEST_LABELS), new int[]{test}, new byte[test]);
    }

    @Test
    void embeddedSubsetsAreStratifiedAndComplete() throws Exception {
        DataSplit f = DatasetLocator.loadEmbedded(DatasetId.FASHION_MNIST);
        assertEquals(10000, f.train().size());
        assertEquals(2000, f.test().size());
        assertArrayEquals(new int[]{1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, f.train().classCounts());
        assertArrayEquals(new int[]{200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, f.test().classCounts());
        DataSplit m = DatasetLocator.loadEmbedded(DatasetId.MNIST);
        assertEquals(8000, m.train().size());
        assertEquals(2000, m.test().size());
        for (int c : m.test().classCounts()) {
            assertEquals(200, c);
        }
        assertEquals(28, m.train().rows());
    }

    @Test
    void sourcesAreTriedInOrder() throws Exception {
        Path user = dir.resolve("user");
        Path system = dir.resolve("system");
        writeTiny(system.resolve("mnist"), 20, 10);
        var locator = new DatasetLocator(null, user, system);
        assertTrue(locator.load(DatasetId.MNIST, DataKind.FULL).source().contains("system"));
        writeTiny(user.resolve("mnist"), 30, 10);
        DataSplit s = locator.load(DatasetId.MNIST, DataKind.AUTO);
        assertEquals(30, s.train().size());
        Path explicit = dir.resolve("explicit");
        writeTiny(explicit, 40, 10);
        assertEquals(40, new DatasetLocator(explicit, user, system).load(DatasetId.MNIST, DataKind.FULL).train().size());
        assertEquals("embedded", locator.load(DatasetId.MNIST, DataKind.EMBEDDED).source());
    }

    @Test
    void autoFallsBackToEmbeddedAndFullFailsWithAdvice() throws Exception {
        var locator = new DatasetLocator(null, dir.resolve("none1"), dir.resolve("none2"));
        assertEquals("embedded", locator.load(DatasetId.FASHION_MNIST, DataKind.AUTO).source());
        var e = assertThrows(FileNotFoundException.class, () -> locator.load(DatasetId.FASHION_MNIST, DataKind.FULL));
        assertTrue(e.getMessage().contains("--data embedded"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void explicitFolderProblemsAreNamed() throws Exception {
        var e = assertThrows(FileNotFoundException.class, () ->
                new DatasetLocator(dir.resolve("absent")).load(DatasetId.MNIST, DataKind.FULL));
        assertTrue(e.getMessage().contains("does not exist"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(FileNotFoundException.class, () -> new DatasetLocator(empty).load(DatasetId.MNIST, DataKind.FULL));
        assertTrue(e.getMessage().contains("missing: train-images-idx3-ubyte[.gz]"), e.getMessage());
        Path bad = dir.resolve("bad");
        writeTiny(bad, 20, 10);
        IdxWriter.write(bad.resolve(DatasetLocator.TEST_LABELS), new int[]{9}, new byte[9]);
        var mismatch = assertThrows(IdxFormatException.class, () -> new DatasetLocator(bad).load(DatasetId.MNIST, DataKind.FULL));
        assertTrue(mismatch.getMessage().contains("10 images but 9 labels"));
    }

    @Test
    void seededSubsetsAreReproducibleAndNested() throws Exception {
        ImageSet train = DatasetLocator.loadEmbedded(DatasetId.MNIST).train();
        ImageSet a = Subsets.firstN(train, 100, 5);
        ImageSet b = Subsets.firstN(train, 100, 5);
        ImageSet c = Subsets.firstN(train, 200, 5);
        ImageSet d = Subsets.firstN(train, 100, 6);
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.labels(), java.util.Arrays.copyOf(c.labels(), 100));
        assertTrue(!java.util.Arrays.equals(a.pixels(), d.pixels()));
        assertThrows(IllegalArgumentException.class, () -> Subsets.firstN(train, 8001, 0));
        assertThrows(IllegalArgumentException.class, () -> Subsets.firstN(train, 0, 0));
    }
}
