package org.transferlab.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferlab.data.ImageSet;

/** The few labels: stratified, seeded, nested; the split's relabelling; the table's mean ± sd. */
class LabelledSubsetTest {

    private static ImageSet set(int perClass, int classes) {
        int n = perClass * classes;
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % classes);
            pixels[i * 4] = (byte) i;
        }
        return new ImageSet("toy", 2, 2, pixels, labels, java.util.Collections.nCopies(classes, "c"));
    }

    @Test
    void nPerClassIsStratifiedSeededAndNested() {
        ImageSet pool = set(20, 10);
        ImageSet three = LabelledSubset.draw(pool, 3, 7);
        assertArrayEquals(new int[]{3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, three.classCounts());
        assertArrayEquals(three.pixels(), LabelledSubset.draw(pool, 3, 7).pixels());
        ImageSet five = LabelledSubset.draw(pool, 5, 7);
        for (int c = 0; c < 10; c++) { // a larger N keeps the images of a smaller one
            for (int k = 0; k < 3; k++) {
                assertEquals(three.pixels()[(c * 3 + k) * 4], five.pixels()[(c * 5 + k) * 4]);
            }
        }
    }

    @Test
    void theSplitKeepsTheTargetClassesRelabelled() {
        ImageSet pool = set(2, 10);
        ImageSet b = TargetTask.classes(pool, new int[]{5, 6, 7, 8, 9}, List.of("a", "b", "c", "d", "e"), "B");
        assertEquals(10, b.size());
        for (int i = 0; i < b.size(); i++) {
            assertEquals((b.pixels()[i * 4] & 0xff) % 10 - 5, b.label(i));
        }
    }

    @Test
    void theTableAveragesSeedsWithTheSampleSd() {
        StrategyTable t = new StrategyTable();
        t.add(new StrategyTable.Row("fashion-split", "all", 1, 3, 0, 150, 10, 0.70, 1));
        t.add(new StrategyTable.Row("fashion-split", "all", 1, 3, 1, 150, 10, 0.72, 1));
        t.add(new StrategyTable.Row("fashion-split", "all", 1, 3, 2, 150, 10, 0.74, 1));
        t.add(new StrategyTable.Row("fashion-split", "all", 0.1, 3, 0, 150, 10, 0.60, 1));
        StrategyTable.Cell c = t.cells("fashion-split").get("all").get(3);
        assertEquals(0.72, c.mean(), 1e-12);
        assertEquals(0.02, c.sd(), 1e-12);
        assertEquals("0.720 ± 0.020", c.text());
        assertEquals("0.600", t.cells("fashion-split").get("all ×0.1").get(3).text());
        assertEquals(t.rows(), StrategyTable.read(List.of((StrategyTable.HEADER + "\n"
                + "fashion-split,all,1,3,0,150,10,0.7000,1.0\nfashion-split,all,1,3,1,150,10,0.7200,1.0\n"
                + "fashion-split,all,1,3,2,150,10,0.7400,1.0\nfashion-split,all,0.1,3,0,150,10,0.6000,1.0")
                .split("\n"))).rows());
    }
}
