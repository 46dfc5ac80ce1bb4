package org.transferlab.chapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.data.DataKind;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.EpochSnapshots;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.Snapshot;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.engine.TrainingRun;
import org.transferlab.export.RunFigures;
import org.transferlab.transfer.Softmax;

/** A saved run shown at an epoch it kept draws what the live views showed at the end of that epoch. */
class RunAtEpochTest {
    @TempDir
    static Path root;
    static Path dir;
    /** What a live view held at the end of each epoch: the newest snapshot it was given. */
    static final Map<Integer, Snapshot> live = new HashMap<>();

    @BeforeAll
    static void train() {
        dir = root.resolve("run");
        TrainingConfig c = TrainingConfig.builder().exercise(Exercise.Q2).data(DataKind.EMBEDDED).trainSize(256)
                .epochs(5).batchSize(64).seed(3).build();
        TrainingListener view = new TrainingListener() {
            Snapshot last;

            @Override
            public void onSnapshot(Snapshot s) {
                last = s;
            }

            @Override
            public void onEpoch(EpochMetrics e) {
                live.put(e.epoch(), last);
            }
        };
        RunResult r = new TrainingRun(c).outputDir(dir).snapshotEvery(3)
                .addListener(new RunRecorder(dir).keepSnapshots(4)).addListener(view).run();
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.message());
    }

    @Test
    void keptSnapshotsAreBoundedAndThinnedEvenly() {
        // five epochs, four kept: the first, the newest and every 2nd epoch
        assertEquals(List.of(1, 2, 4, 5), EpochSnapshots.epochs(dir));
        List<Integer> hundred = new ArrayList<>();
        for (int e = 1; e <= 100; e++) {
            hundred.add(e);
        }
        var kept = EpochSnapshots.chosen(hundred, 12);
        // a hundred epochs in twelve: every 10th, and the first
        assertEquals(List.of(1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100), List.copyOf(kept));
        // thinning as the run goes keeps the same set as choosing at the end
        java.util.TreeSet<Integer> going = new java.util.TreeSet<>();
        for (int e = 1; e <= 100; e++) {
            going.add(e);
            going = EpochSnapshots.chosen(List.copyOf(going), 12);
            assertTrue(going.size() <= 12, e + ": " + going);
        }
        assertEquals(kept, going);
        assertEquals(5, EpochSnapshots.chosen(List.of(1, 2, 3, 4, 5), 5).size());
    }

    @Test
    void theFiguresAtAnEpochAreTheLiveViewsOfThatEpoch() throws Exception {
        Chapter part1 = Chapters.find("part1").orElseThrow();
        assertEquals(List.of(1, 2, 4, 5), RunAtEpoch.epochs(dir));
        for (int epoch : List.of(1, 4)) {
            Map<String, RunFigures.Figure> f = new HashMap<>();
            RunAtEpoch.figures(part1, dir, epoch).forEach(x -> f.put(x.name(), x));
            // the accuracy curve stops at the epoch
            XYDataset acc = f.get("accuracy").chart().getXYPlot().getDataset();
            double lastX = 0;
            for (int s = 0; s < acc.getSeriesCount(); s++) {
                lastX = Math.max(lastX, acc.getXValue(s, acc.getItemCount(s) - 1));
            }
            assertEquals(epoch, lastX, 1e-9);
            // the softened outputs are the live snapshot's logits at T = 4 (Q2's temperature)
            Snapshot s = live.get(epoch);
            assertEquals(epoch, s.epoch());
            JFreeChart t = f.get("temperature").chart();
            CategoryPlot plot = t.getCategoryPlot();
            double[] student = Softmax.softmax(s.studentLogits()[0], 4);
            double[] teacher = Softmax.softmax(s.teacherLogits()[0], 4);
            for (int k = 0; k < 10; k++) {
                assertEquals(student[k], plot.getDataset().getValue("student", String.valueOf(k)).doubleValue(), 1e-6);
                assertEquals(teacher[k], plot.getDataset().getValue("teacher", String.valueOf(k)).doubleValue(), 1e-6);
            }
            assertTrue(f.keySet().stream().anyMatch(n -> n.startsWith("attention-")), f.keySet().toString());
            assertTrue(f.get(f.keySet().stream().filter(n -> n.startsWith("attention-")).findFirst().orElseThrow())
                    .title().contains("Attention"), "the attention figure is drawn");
        }
        // the figures at epoch 1 and epoch 4 differ: the run learned in between
        assertTrue(!java.util.Arrays.equals(live.get(1).studentLogits()[0], live.get(4).studentLogits()[0]));
        // the folder itself is untouched by drawing it at an epoch
        assertTrue(Files.isRegularFile(dir.resolve("snapshot.json")));
        assertEquals(List.of(1, 2, 4, 5), EpochSnapshots.epochs(dir));
    }

    @Test
    void tablesAreCutAtTheEpochAndRowsWithoutOneKept() {
        List<String> cut = RunAtEpoch.upTo(List.of("kind,epoch,x", "step,1,a", "step,2,b", "epoch,2,c", "epoch,,d",
                "step,3,e"), 2);
        assertEquals(List.of("kind,epoch,x", "step,1,a", "step,2,b", "epoch,2,c", "epoch,,d"), cut);
        assertEquals(List.of("a,b", "1,2"), RunAtEpoch.upTo(List.of("a,b", "1,2"), 0));
        // several networks, each counting its epochs: the run's epoch decides
        assertEquals(List.of("network,epoch,run_epoch", "teacher,1,1", "teacher,2,2", "student,1,3"),
                RunAtEpoch.upTo(List.of("network,epoch,run_epoch", "teacher,1,1", "teacher,2,2", "student,1,3",
                        "student,2,4"), 3));
    }
}
