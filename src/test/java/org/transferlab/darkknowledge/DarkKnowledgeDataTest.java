package org.transferlab.darkknowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.data.DataKind;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.models.Checkpoint;

class DarkKnowledgeDataTest {
    static DataSplit digits;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        digits = new DatasetLocator(null).load(DatasetId.MNIST, DataKind.EMBEDDED);
    }

    private static DarkKnowledgeData prepare(DarkKnowledgeConfig c) throws Exception {
        return DarkKnowledgeData.prepare(c, digits.train(), digits.test(), "embedded");
    }

    @Test
    void theTransferSetReallyLacksTheOmittedDigit() throws Exception {
        DarkKnowledgeData d = prepare(DarkKnowledgeConfig.defaults(Experiment.OMITTED));
        int[] all = digits.train().classCounts();
        int[] teacher = d.teacherSet().classCounts();
        int[] validation = d.validation().classCounts();
        int[] transfer = d.transfer().classCounts();
        assertEquals(0, transfer[3], "no 3 in the transfer set");
        assertTrue(teacher[3] > 600, "the teacher still sees the 3s: " + teacher[3]);
        for (int c = 0; c < 10; c++) {
            assertEquals(all[c], teacher[c] + validation[c], "digit " + c + ": validation and the rest split the training digits");
            assertEquals(Math.round(0.125 * all[c]), validation[c], "digit " + c + ": a stratified eighth held out");
            if (c != 3) {
                assertEquals(teacher[c], transfer[c], "digit " + c + " keeps all its images");
            }
        }
        assertEquals(d.teacherSet().size() - teacher[3], d.transfer().size());
        assertEquals(java.util.Set.of(3), d.hidden());
    }

    @Test
    void onlySevensAndEightsWhenEveryOtherDigitIsOmitted() throws Exception {
        DarkKnowledgeData d = prepare(DarkKnowledgeConfig.defaults(Experiment.OMITTED)
                .withOmit(List.of(0, 1, 2, 3, 4, 5, 6, 9)));
        int[] transfer = d.transfer().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(c == 7 || c == 8, transfer[c] > 0, "digit " + c);
        }
    }

    @Test
    void theSmallShareHasItsShareOfEveryDigit() throws Exception {
        DarkKnowledgeData d = prepare(DarkKnowledgeConfig.defaults(Experiment.SMALL_TRANSFER));
        int[] all = digits.train().classCounts();
        int[] small = d.small().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(0.03 * all[c]), small[c], "digit " + c);
        }
        assertEquals(digits.train().size(), d.transfer().size(), "the whole transfer set beside it");
    }

    private String refusal(DarkKnowledgeConfig c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prepare(c));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void badInputIsOneSentenceEach() throws Exception {
        DarkKnowledgeConfig omitted = DarkKnowledgeConfig.defaults(Experiment.OMITTED);
        assertEquals("--omit 11: the mnist data set has no digit 11 (its classes are 0 to 9)",
                refusal(omitted.withOmit(List.of(11))));
        assertTrue(refusal(omitted.withOmit(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)))
                .startsWith("--omit 0,1,2,3,4,5,6,7,8,9 leaves out every digit"));
        assertTrue(refusal(DarkKnowledgeConfig.defaults(Experiment.SMALL_TRANSFER).withTransferShare(0.0002))
                .matches("--transfer-share 2.0E-4 leaves digit \\d with no image .*; use at least .*"));
        Path other = dir.resolve("teacher-20x20.tlck");
        Checkpoint.save("mlp-large", Map.of("fc1/W", Nd4j.zeros(400, 1200)), other, Map.of());
        assertTrue(refusal(omitted.withTeacher(other.toString())).startsWith("--teacher " + other
                + " takes inputs of 400 values, but the digits have 784 pixels (28×28)"));
        Path cnn = dir.resolve("cnn.tlck");
        Checkpoint.save("cnn-small", Map.of("w", Nd4j.zeros(2, 2)), cnn, Map.of());
        assertTrue(refusal(omitted.withTeacher(cnn.toString())).contains("holds a cnn-small, not an mlp-large teacher"));
    }
}
