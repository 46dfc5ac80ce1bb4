package org.transferlab.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.transferlab.engine.RunControl;
import org.transferlab.engine.RunRecorder;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingRun;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskRecorder;
import org.transferlab.part2.MultiTaskRun;
import org.transferlab.exercises.checks.CardChecker;
import org.transferlab.exercises.checks.Outcome;
import org.transferlab.exercises.training.StudentLossTerm;
import org.transferlab.exercises.training.StudentModel;
import org.transferlab.exercises.training.StudentUncertainty;

/**
 * The sandbox process: compiles and runs student code so that nothing it does reaches the app. Started by
 * {@link Sandbox} with one argument, a request file: {@code {"mode": "check", "card": id, "sources": [...]}} or
 * {@code {"mode": "train", "card": id, "source": ..., "runDir": ..., "config": {...}}}. Answers in
 * {@link Protocol} messages on the real standard output; what the student's code prints is captured and
 * returned with its result instead.
 */
public final class SandboxMain {
    private static volatile boolean finished;

    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        org.transferlab.engine.Backend.select(); // before ND4J loads, as in Main
        PrintStream real = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Protocol protocol = new Protocol(real);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new BoundedStream(printed, 20_000), true, StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished) {
                protocol.send("exit", Map.of());
            }
        }));
        JsonNode req = Protocol.JSON.readTree(Files.readString(Path.of(args[0])));
        // ND4J and the compiler start before the guard goes up (they read and extract files); the student's code
        // runs after it, with only its scratch folder
        org.nd4j.linalg.factory.Nd4j.create(1);
        javax.tools.ToolProvider.getSystemJavaCompiler();
        String scratch = System.getProperty("transferlab.sandbox.scratch");
        String unguarded = scratch == null ? "no scratch folder was given" : StudentGuard.install(Path.of(scratch));
        protocol.send("guard", Map.of("active", unguarded == null, "why", unguarded == null ? "" : unguarded));
        String card = req.path("card").asText();
        if (req.path("mode").asText().equals("check")) {
            int i = 0;
            for (JsonNode src : req.path("sources")) {
                printed.reset();
                long t0 = System.nanoTime();
                CheckResult r = check(Cards.get(card), src.asText());
                protocol.send("result", Map.of("index", i++, "result",
                        r.withTiming(printedText(printed), (System.nanoTime() - t0) / 1e9)));
            }
        } else {
            train(req, card, protocol);
        }
        finished = true;
        real.flush();
        System.exit(0);
    }

    static CheckResult check(Card card, String source) {
        StudentCode code;
        try {
            code = StudentCode.compile(source);
        } catch (StudentCode.CompileError e) {
            return new CheckResult(CheckResult.Status.COMPILE_ERROR, "Does not compile: " + e.getMessage()
                    + (e.diagnostics().isEmpty() ? "" : " (first at line " + e.diagnostics().get(0).line() + ")"),
                    List.of(), null, e.diagnostics(), "", 0);
        }
        try {
            Outcome o = CardChecker.forCard(card.id()).check(code);
            if (o.passed()) {
                return new CheckResult(CheckResult.Status.PASSED, "All " + o.checks().size()
                        + " checks pass: " + (card.part() < 3 ? "values and gradients match the reference."
                        : "every answer matches the reference's.")
                        + (o.note() != null ? " Note: " + o.note() + "." : ""), o.checks(), null, List.of(), "", 0);
            }
            Card.Mistake m = o.mistake() == null ? null : card.mistake(o.mistake());
            String summary = m != null ? "Not yet: " + m.title() + "." : "Not yet: " + o.failure()
                    + (o.finding() != null ? ". What the numbers show: " + o.finding() + "." : "");
            return new CheckResult(CheckResult.Status.FAILED, summary, o.checks(), m, List.of(), "", 0);
        } catch (StudentCode.StudentException e) {
            return CheckResult.of(CheckResult.Status.RUNTIME_ERROR, capitalise(e.getMessage()));
        } catch (StackOverflowError e) {
            return CheckResult.of(CheckResult.Status.RUNTIME_ERROR, "Your code recursed without end (stack overflow).");
        } catch (OutOfMemoryError e) {
            return CheckResult.of(CheckResult.Status.RUNTIME_ERROR, "Your code ran out of memory: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return CheckResult.of(CheckResult.Status.RUNTIME_ERROR,
                    capitalise(StudentCode.explain(e, "checking your code").getMessage()));
        }
    }

    private static void train(JsonNode req, String cardId, Protocol protocol) throws Exception {
        Card card = Cards.get(cardId);
        StudentCode code;
        try {
            code = StudentCode.compile(req.path("source").asText());
        } catch (StudentCode.CompileError e) {
            protocol.send("error", Map.of("message", "Your code does not compile: " + e.getMessage()
                    + "; press Check to see where.", "diagnostics", e.diagnostics()));
            return;
        }
        Path runDir = Path.of(req.path("runDir").asText());
        RunControl[] control = new RunControl[1];
        Runnable work;
        try {
            if (card.part() == 1) {
                TrainingConfig config = Protocol.JSON.treeToValue(req.path("config"), TrainingConfig.class);
                Method m = CardChecker.entryPoint(cardId, code);
                TrainingRun run = new TrainingRun(config)
                        .terms(c -> List.of(new StudentLossTerm(cardId, m, c.transfer())))
                        .outputDir(runDir).snapshotEvery(10).snapshotShare(0.05)
                        .addListener(new RunRecorder(runDir)).addListener(protocol.trainingListener());
                control[0] = run.control();
                work = run::run;
            } else {
                MultiTaskConfig config = Protocol.JSON.treeToValue(req.path("config"), MultiTaskConfig.class);
                MultiTaskRun run = new MultiTaskRun(config).addListener(new MultiTaskRecorder(runDir))
                        .addListener(protocol.multiTaskListener());
                Method m = CardChecker.entryPoint(cardId, code);
                if (card.isModel()) {
                    run.model((shared, perTaskBn, widths, classes, seed) -> new StudentModel(m, shared, perTaskBn,
                            widths, classes, seed));
                } else {
                    run.weighting(tasks -> new StudentUncertainty(m, tasks, config.initialS(), config.learningRate()));
                }
                control[0] = run.control();
                work = run::run;
            }
        } catch (StudentCode.StudentException e) {
            protocol.send("error", Map.of("message", capitalise(e.getMessage())));
            return;
        }
        Thread commands = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    switch (line.trim()) {
                        case "pause" -> control[0].pause();
                        case "resume" -> control[0].resume();
                        case "stop" -> control[0].stop();
                        default -> {
                        }
                    }
                }
                control[0].stop(); // the app went away: stop cleanly so the run folder is complete
            } catch (java.io.IOException e) {
                control[0].stop();
            }
        }, "sandbox-commands");
        commands.setDaemon(true);
        commands.start();
        work.run();
    }

    private static String printedText(ByteArrayOutputStream printed) {
        String s = printed.toString(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            if (!line.startsWith("Added differentiated op") && !line.isBlank()) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "Your code failed." : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Keeps the first {@code limit} bytes a student's code prints; the rest is dropped. */
    private static final class BoundedStream extends java.io.OutputStream {
        private final ByteArrayOutputStream target;
        private final int limit;

        BoundedStream(ByteArrayOutputStream target, int limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            if (target.size() < limit) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int room = Math.max(0, limit - target.size());
            target.write(b, off, Math.min(room, len));
        }
    }
}
