package org.transferlab.l2t;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The checkpoint keeps the regressors and φ as exact doubles: every bit pattern comes back. */
class L2tCheckpointTest {
    @Test
    void doublesRoundTripBitForBit() {
        double[] v = {0.1, -0.0, Double.NaN, Double.MAX_VALUE, Double.MIN_VALUE, Double.NEGATIVE_INFINITY, 1 / 3.0, -2.5e-300};
        double[] back = L2tCheckpoint.decode(L2tCheckpoint.encode(v));
        assertEquals(v.length, back.length);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back[i]), "element " + i);
        }
        assertEquals(0, L2tCheckpoint.decode(L2tCheckpoint.encode(new double[0])).length);
        // 8 bytes are 12 Base64 characters with padding (10.7 per number in a long list), not ~20 as text
        assertEquals(12, L2tCheckpoint.encode(new double[]{Math.PI}).length());
    }

    @Test
    void aCutShortListIsRefused() {
        String s = L2tCheckpoint.encode(new double[]{1, 2});
        String cut = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(
                java.util.Base64.getDecoder().decode(s), 12));
        assertThrows(IllegalArgumentException.class, () -> L2tCheckpoint.decode(cut));
    }
}
