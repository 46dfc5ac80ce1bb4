package org.transferlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.transferlab.io.Json;

class TrainCommandTest {
    @TempDir
    Path dir;

    /** Runs the CLI in-process; returns exit code and what it printed on standard error. */
    private record Result(int code, String err) {
    }

    private static Result run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            int code = TransferLabCommand.execute(args);
            return new Result(code, buf.toString());
        } finally {
            System.setErr(old);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--temperature=0|--temperature: kd.temperature must be between 0.05 and 100, got 0",
            "--alpha=1.5|--alpha: kd.alpha must be between 0 and 1, got 1.5",
            "--exercise=q3 --beta=-2|--beta: at.beta must be between 0 and 1000000, got -2",
            "--exercise=a1 --pairs=group1,group9|has no attention point group9",
            "--exercise=q3 --student=mlp-tiny|AT needs CNNs on both sides",
            "--exercise=teacher --student=cnn-small|--exercise teacher trains the teacher alone; drop --student",
            "--exercise=q5|unknown exercise 'q5'",
            "--epochs=0|--epochs must be at least 1",
            "--lr=-1|--lr must be > 0",
            "--teacher=vgg|--teacher: unknown model 'vgg'",
            "--method=kd,distill|unknown transfer method 'distill'",
            "--method=kd --set=kd.temp=3|method kd has no setting 'temp'",
            "--method=kd --set=kdtemperature|--set needs METHOD.KEY=VALUE",
            "--method=at --set=at.form=fancy|at.form: 'fancy' is not one of [tutorial, paper]",
            "--method=kd --set=kd.alpha=lots|kd.alpha: 'lots' is not a number",
            "--exercise=q2 --method=at|--method and --exercise q2 both name methods",
            "--kernels=cuda|--kernels (or transferlab.kernels) must be java, nd4j or auto, not 'cuda'",
            "--chapter=multimnist --architecture=cross-stitch --weighting=mgda-ub|--weighting mgda-ub needs one representation Z",
            "--chapter=multimnist --architecture=separate --weighting=pcgrad|separate networks share nothing",
            "--chapter=multimnist --tasks=left,digits|--tasks: unknown task 'digits'; choose two of left, right, sum",
            "--chapter=multimnist --tasks=sum,sum|--tasks: give two different tasks",
            "--chapter=multimnist --widths=8,16|--widths: give three channel counts",
            "--chapter=multimnist --jitter=3|--jitter must be 0, 1 or 2 pixels",
            "--chapter=multimnist --task-weights=1,1,1|--task-weights needs 2 numbers",
            "--chapter=l2t --method=l2t|--method: unknown L2T method 'l2t'; choose one of [scratch, at, fm-single",
            "--chapter=l2t --inner-steps=0|--inner-steps (T) must be between 1 and 10, got 0",
            "--chapter=l2t --meta-lr=2|--meta-lr must be in (0, 1], got 2.0",
            "--chapter=l2t --target=mlp-large|--target must be one of [cnn-small, cnn-large]",
            "--chapter=l2t --source=nowhere.tlck|--source: nowhere.tlck is neither a shipped source",
    })
    void invalidOptionsFailBeforeTrainingWithOneClearLine(String options, String message) {
        String[] extra = options.split(" ");
        String[] args = new String[extra.length + 3];
        args[0] = "train";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[extra.length + 1] = "--data=embedded";
        args[extra.length + 2] = "--out=" + dir.resolve("never");
        Result r = run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(!Files.exists(dir.resolve("never").resolve("summary.json")));
    }

    /** An L2T-ww run from the command line writes λ per evaluated epoch and the final λ matrix. */
    @Test
    void anL2tRunWritesItsLambdas() throws Exception {
        Path out = dir.resolve("l2t");
        Result r = run("train", "--chapter", "l2t", "--method", "l2t-ww", "--per-class", "5", "--epochs", "4",
                "--evaluations", "2", "--inner-steps", "1", "--data", "embedded", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        var lambda = Files.readAllLines(out.resolve("lambda.csv"));
        assertEquals("epoch,source,target,lambda,matching_loss", lambda.get(0));
        assertEquals(1 + 2 * 9, lambda.size(), "nine pairs at each of two evaluations");
        var summary = org.transferlab.io.Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("completed", summary.path("status").asText());
        assertEquals(3, summary.path("lambda_matrix").size());
        assertEquals(3, summary.path("lambda_matrix").path("group2").size());
        assertTrue(summary.path("lambda_matrix").path("group2").path("group3").asDouble() >= 0);
        var figures = org.transferlab.export.RunFigures.of(out).stream().map(f -> f.name()).toList();
        assertTrue(figures.containsAll(java.util.List.of("lambda", "lambda-curves", "pair-losses", "channel-weights")),
                figures.toString());
        Result resume = run("train", "--resume", out.toString());
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("already finished"), resume.err());
    }

    /** An L2T run stopped in its third epoch goes on with train --resume, in its folder, to the end. */
    @Test
    void aStoppedL2tRunResumesFromTheCommandLine() throws Exception {
        Path out = dir.resolve("l2t-stopped");
        Files.createDirectories(out);
        var c = new org.transferlab.l2t.L2tConfig(org.transferlab.l2t.L2tMethod.L2T_W, 10, 4, 25, 1e-3, 0.5, 1e-4, 1,
                0.1, 0, 4, org.transferlab.data.DataKind.EMBEDDED);
        var run = new org.transferlab.l2t.L2tRun(c).outputDir(out);
        run.addListener(new org.transferlab.l2t.L2tRecorder(out)).addListener(new org.transferlab.l2t.L2tListener() {
            @Override
            public void onStep(org.transferlab.engine.StepMetrics s) {
                if (s.epoch() == 3) {
                    run.control().stop();
                }
            }
        });
        assertEquals(org.transferlab.engine.RunResult.Status.STOPPED, run.run().status());
        Result r = run("train", "--resume", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("resuming " + out + " after epoch 2 of 4"), r.err());
        var summary = org.transferlab.io.Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("completed", summary.path("status").asText());
        assertEquals(4, summary.path("epochs_completed").asInt());
        assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).stream().filter(l -> l.startsWith("epoch,"))
                .count(), "one row per epoch, none twice");
    }

    /** A MultiMNIST run stopped after its first epoch goes on with train --resume, in its folder, to the end. */
    @Test
    void aStoppedMultiMnistRunResumesFromTheCommandLine() throws Exception {
        Path out = dir.resolve("mm");
        var c = new org.transferlab.multimnist.MultiMnistConfig("hard", "uncertainty", new double[]{1, 1},
                new double[]{0, 0}, 1.5, 256, 100, 2, 64, 2e-3, 0, new int[]{8, 16, 32}, 10);
        var run = new org.transferlab.multimnist.MultiMnistRun(c).outputDir(out);
        Files.createDirectories(out);
        run.addListener(new org.transferlab.multimnist.MultiMnistRecorder(out)).addListener(
                new org.transferlab.multimnist.MultiMnistListener() {
                    @Override
                    public void onStep(org.transferlab.part2.MultiTaskListener.Step s) {
                        if (s.epoch() == 2) {
                            run.control().stop();
                        }
                    }
                });
        assertEquals(org.transferlab.engine.RunResult.Status.STOPPED, run.run().status());
        Result r = run("train", "--resume", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("resuming " + out + " after epoch 1 of 2"), r.err());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"completed\""));
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).stream().filter(l -> l.startsWith("epoch,")).count());
        Result again = run("train", "--resume", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already finished"), again.err());
    }

    @Test
    void unreadableTeacherCheckpointIsRefusedBeforeTraining() throws Exception {
        Path bogus = Files.writeString(dir.resolve("teacher.tlck"), "garbage");
        Result r = run("train", "--exercise=q2", "--data=embedded", "--teacher-checkpoint=" + bogus,
                "--out=" + dir.resolve("never"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not a TransferLab checkpoint"), r.err());
        assertTrue(!Files.exists(dir.resolve("never")));
    }

    @Test
    void trainWritesTheRunFolder() throws Exception {
        Path out = dir.resolve("run");
        Result r = run("train", "--exercise=q1", "--data=embedded", "--train-size=256", "--epochs=1", "--batch=64",
                "--out=" + out);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("backend: CPU"), r.err());
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("q1", s.get("exercise").asText());
        assertEquals("completed", s.get("status").asText());
        assertTrue(s.get("test_accuracy").asDouble() > 0.1);
        assertTrue(Files.exists(out.resolve("config.json")));
        assertTrue(Files.exists(out.resolve("metrics.csv")));
        assertTrue(Files.exists(out.resolve("checkpoint.tlck")));
    }
}
