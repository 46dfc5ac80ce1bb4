package org.transferlab.darkknowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.transferlab.data.DataKind;
import org.transferlab.data.DataSplit;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.ImageSet;
import org.transferlab.engine.RunResult;

/** Short runs of each experiment on a subset of the embedded digits: every network learns. */
class DarkKnowledgeRunTest {
    static DataSplit digits;

    @BeforeAll
    static void load() throws Exception {
        digits = new DatasetLocator(null).load(DatasetId.MNIST, DataKind.EMBEDDED);
    }

    /** A short run: 1500 training digits, 400 test digits, 4 epochs for every network. */
    static DarkKnowledgeConfig shortRun(Experiment e) {
        return DarkKnowledgeConfig.defaults(e).withEpochs(4).withSizes(1500, 400).withGenerations(2);
    }

    record Trained(DarkKnowledgeResult result, Map<String, List<DarkKnowledgeListener.PhaseEpoch>> epochs) {
    }

    static Trained train(DarkKnowledgeConfig c, ImageSet test) throws Exception {
        return train(c, digits.train(), test);
    }

    static Trained train(DarkKnowledgeConfig c, ImageSet trainSet, ImageSet test) throws Exception {
        DarkKnowledgeData d = DarkKnowledgeData.prepare(c, trainSet, test, "embedded");
        Map<String, List<DarkKnowledgeListener.PhaseEpoch>> epochs = new LinkedHashMap<>();
        DarkKnowledgeResult r = new DarkKnowledgeRun(c).data(d).addListener(new DarkKnowledgeListener() {
            @Override
            public void onPhaseEpoch(PhaseEpoch e) {
                epochs.computeIfAbsent(e.phase(), k -> new ArrayList<>()).add(e);
            }
        }).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
        return new Trained(r, epochs);
    }

    /** Every network's training loss falls and its test accuracy ends well above chance (10 %). */
    static void learns(Trained t, List<String> networks) {
        assertEquals(networks, List.copyOf(t.epochs().keySet()));
        for (var e : t.epochs().entrySet()) {
            List<DarkKnowledgeListener.PhaseEpoch> l = e.getValue();
            assertTrue(l.get(l.size() - 1).trainLoss() < l.get(0).trainLoss(), e.getKey() + "'s loss falls: " + l);
            assertTrue(l.get(l.size() - 1).testAccuracy() > 0.6, e.getKey() + " learns: " + l.get(l.size() - 1));
        }
        for (DarkKnowledgeResult.Score s : t.result().networks()) {
            assertEquals(s.testErrors(), java.util.stream.IntStream.range(0, 10)
                    .map(c -> java.util.Arrays.stream(s.confusion()[c]).sum() - s.confusion()[c][c]).sum(),
                    "errors are the confusion's off-diagonal");
        }
    }

    @Test
    void hintonsTableLearnsTeacherStudentAndDistilled() throws Exception {
        Trained t = train(shortRun(Experiment.HINTON), digits.test());
        learns(t, List.of("teacher", "student", "distilled"));
        assertNotNull(t.result().teacherOutputs());
        assertEquals(3, t.result().teacherOutputs().digit());
        double[] p1 = t.result().teacherOutputs().atOne();
        double[] p20 = t.result().teacherOutputs().atT();
        assertTrue(java.util.Arrays.stream(p20).max().orElseThrow() < java.util.Arrays.stream(p1).max().orElseThrow(),
                "T = 20 is softer than T = 1");
    }

    @Test
    void theOmittedDigitIsBarelyNamedFromLabelsAndTheBiasIsChosenOnValidationOnly() throws Exception {
        DarkKnowledgeConfig c = shortRun(Experiment.OMITTED);
        Trained t = train(c, digits.test());
        learns(t, List.of("teacher", "student", "distilled"));
        DarkKnowledgeResult.Score student = t.result().score("student");
        assertTrue(student.perClass()[3] < 0.05, "from labels without a 3 the student (almost) never says 3: "
                + student.perClass()[3]);
        assertEquals(2, t.result().sweeps().size());
        DarkKnowledgeResult.Score distilled = t.result().score("distilled");
        assertTrue(distilled.perClassBiased()[3] >= distilled.perClass()[3], "the chosen bias raises the 3s");

        // the same run with the test labels scrambled: the bias cannot depend on them
        byte[] scrambled = digits.test().labels().clone();
        java.util.Random rng = new java.util.Random(1);
        for (int i = 0; i < scrambled.length; i++) {
            scrambled[i] = (byte) rng.nextInt(10);
        }
        ImageSet test = new ImageSet("scrambled", 28, 28, digits.test().pixels(), scrambled,
                digits.test().classNames());
        Trained u = train(c, test);
        for (int k = 0; k < 2; k++) {
            assertEquals(t.result().sweeps().get(k).chosen(), u.result().sweeps().get(k).chosen(), "same bias");
            assertEquals(t.result().sweeps().get(k).points(), u.result().sweeps().get(k).points(), "same sweep");
        }
        assertTrue(u.result().score("distilled").testAccuracy() < 0.3, "while the test scores do change");
    }

    @Test
    void smallTransferTrainsOnTheShareAndTheWholeSet() throws Exception {
        Trained t = train(shortRun(Experiment.SMALL_TRANSFER).withTransferShare(0.1), digits.test());
        learns(t, List.of("teacher", "student-small", "distilled-small", "student-full"));
    }

    @Test
    void bornAgainGenerationsLearnAndAreEnsembled() throws Exception {
        Trained t = train(shortRun(Experiment.BAN), digits.test());
        learns(t, List.of("gen0", "ban1", "ban2", "banl1", "banl2"));
        assertEquals(List.of("ensemble2"), t.result().ensembles().stream().map(DarkKnowledgeResult.Score::name).toList());
        assertTrue(t.result().ensembles().get(0).testAccuracy() > 0.6);
    }

    /** Part 1's setting: cnn-small on the embedded Fashion-MNIST subset; generation 0 and its two sons learn. */
    @Test
    void bornAgainOnCnnSmallWithFashionMnistLearns() throws Exception {
        DataSplit fashion = new DatasetLocator(null).load(DatasetId.FASHION_MNIST, DataKind.EMBEDDED);
        DarkKnowledgeConfig c = DarkKnowledgeConfig.defaults(Experiment.BAN).withEpochs(3).withSizes(1200, 300)
                .withGenerations(1).withBatchSize(32).withBan("cnn-small", DatasetId.FASHION_MNIST);
        Trained t = train(c, fashion.train(), fashion.test());
        assertEquals(List.of("gen0", "ban1", "banl1"), List.copyOf(t.epochs().keySet()));
        for (var e : t.epochs().entrySet()) {
            List<DarkKnowledgeListener.PhaseEpoch> l = e.getValue();
            assertTrue(l.get(l.size() - 1).trainLoss() < l.get(0).trainLoss(), e.getKey() + "'s loss falls: " + l);
            // chance is 10 %; three short epochs (38 steps of 32) on 1 200 clothes images
            assertTrue(l.get(l.size() - 1).testAccuracy() > 0.5, e.getKey() + " learns: " + l.get(l.size() - 1));
        }
        assertTrue(c.settings().endsWith(", dataset fashion-mnist"), c.settings());
    }
}
