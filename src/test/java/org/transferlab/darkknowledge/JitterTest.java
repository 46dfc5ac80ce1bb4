package org.transferlab.darkknowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;
import org.transferlab.engine.Batches;
import org.transferlab.nn.Floats;

class JitterTest {
    @Test
    void aShiftMovesEveryPixelByExactlyDxDyAndFillsWithBlack() {
        float[] src = new float[5 * 5];
        src[2 * 5 + 2] = 1f; // the centre
        src[0] = 0.5f; // the top-left corner
        float[] dst = new float[25];
        Jitter.shift(src, 0, 5, 5, 2, -1, dst, 0);
        assertEquals(1f, dst[1 * 5 + 4], "the centre moved 2 right and 1 up");
        float sum = 0;
        for (float v : dst) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-6, "the top-left corner left the image, nothing else came in");
    }

    @Test
    void aBatchShiftsEachDigitByAtMostTwoPixelsAndKeepsItsLabel() throws Exception {
        ImageSet digits = new DatasetLocator(null).load(DatasetId.MNIST, DataKind.EMBEDDED).train();
        int n = 200;
        int[] idx = Batches.identity(n);
        int[] shifts = new int[2 * n];
        float[] jittered = Floats.read(Jitter.batch(digits, idx, 0, n, 2, new Random(5), shifts), null);
        float[] plain = Floats.read(Batches.images(digits, idx, 0, n), null);
        int px = digits.pixelsPerImage();
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < n; k++) {
            int dx = shifts[2 * k];
            int dy = shifts[2 * k + 1];
            assertTrue(Math.abs(dx) <= 2 && Math.abs(dy) <= 2, "shift (" + dx + ", " + dy + ")");
            seen.add(dx);
            seen.add(dy);
            float[] expected = new float[px];
            Jitter.shift(plain, k * px, 28, 28, dx, dy, expected, 0);
            float[] got = java.util.Arrays.copyOfRange(jittered, k * px, (k + 1) * px);
            assertArrayEquals(expected, got, "image " + k + " is the digit shifted by (" + dx + ", " + dy + ")");
            // the same digit: its ink is at most what the original had (some may leave the frame), and most of it
            float ink = 0;
            float inkOriginal = 0;
            for (int p = 0; p < px; p++) {
                ink += got[p];
                inkOriginal += plain[k * px + p];
            }
            assertTrue(ink <= inkOriginal + 1e-3 && ink > 0.8 * inkOriginal, "image " + k + " keeps its ink");
        }
        assertEquals(Set.of(-2, -1, 0, 1, 2), seen, "every shift from -2 to 2 occurs");
        assertArrayEquals(Batches.labels(digits, idx, 0, n), java.util.stream.IntStream.range(0, n)
                .map(digits::label).toArray(), "jitter changes no label");
        assertEquals(List.of(), List.of(), "");
    }
}
