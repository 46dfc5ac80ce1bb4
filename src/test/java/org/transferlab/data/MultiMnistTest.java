package org.transferlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MultiMNIST synthesis: two different digits, seeded, offsets in range, the resize keeps the ink. */
class MultiMnistTest {

    /** Ten 28×28 "digits": digit d is a filled square in a corner region, its label d. */
    private static ImageSet digits() {
        int n = 40;
        byte[] px = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int r = 4; r < 24; r++) {
                for (int c = 4; c < 24; c++) {
                    px[i * 784 + r * 28 + c] = (byte) ((r + c + i) % 2 == 0 ? 255 : 0);
                }
            }
        }
        return new ImageSet("toy", 28, 28, px, labels, java.util.Collections.nCopies(10, "d"));
    }

    @Test
    void twoDifferentDigitsPerCanvasSeededWithOffsetsInRange() {
        MultiMnist.Set a = MultiMnist.make(digits(), 200, 5, "mm");
        MultiMnist.Set b = MultiMnist.make(digits(), 200, 5, "mm");
        assertArrayEquals(a.left().pixels(), b.left().pixels(), "the same seed gives the same canvases");
        assertArrayEquals(a.right().labels(), b.right().labels());
        assertNotEquals(java.util.Arrays.hashCode(a.left().pixels()),
                java.util.Arrays.hashCode(MultiMnist.make(digits(), 200, 6, "mm").left().pixels()));
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.left().label(i), a.right().label(i), "two different digits");
            // the fixed layout: the right digit 6 px down and right of the left one
            assertEquals(0f, a.offset()[i][0], 0f);
            assertEquals(0f, a.offset()[i][1], 0f);
        }
        assertEquals(28, a.left().rows());
        assertTrue(a.left().pixels() == a.right().pixels(), "one image, two labellings");
        MultiMnist.Set j = MultiMnist.make(digits(), 200, 5, "mm", 2);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (float[] o : j.offset()) {
            assertTrue(o[0] >= 0 && o[0] <= 2 && o[1] >= 0 && o[1] <= 2, o[0] + "," + o[1]);
            seen.add((int) o[0] + "," + (int) o[1]);
        }
        assertEquals(9, seen.size(), "every extra shift 0–2 × 0–2 occurs: " + seen);
        assertArrayEquals(a.left().labels(), j.left().labels(), "jitter moves digits, it does not change which");
        assertThrows(IllegalArgumentException.class, () -> MultiMnist.make(digits(), 10, 5, "mm", 3));
    }

    @Test
    void theResizeIsAreaWeighted() {
        float[] canvas = new float[36 * 36];
        java.util.Arrays.fill(canvas, 0.5f);
        byte[] out = new byte[28 * 28];
        MultiMnist.resize(canvas, out, 0);
        for (byte v : out) {
            assertEquals(127.5, v & 0xff, 0.5); // a uniform canvas stays uniform: 0.5 · 255
        }
        assertThrows(IllegalArgumentException.class, () -> MultiMnist.make(digits(), 0, 1, "mm"));
    }
}
