package org.transferlab.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.transferlab.engine.LiveRun;
import org.transferlab.engine.RunControl;
import org.transferlab.engine.RunResult;
import org.transferlab.engine.RunSummary;
import org.transferlab.engine.TrainingConfig;
import org.transferlab.engine.TrainingListener;
import org.transferlab.part2.MultiTaskConfig;
import org.transferlab.part2.MultiTaskListener;
import org.transferlab.part2.MultiTaskResult;

/**
 * A run that trains with a student's code in the sandbox process, seen from the app like any other run: its
 * listeners get the same events (replayed from the sandbox's messages), pause/resume/stop go to the sandbox,
 * and the sandbox writes the run folder (config, metrics, summary, checkpoints) itself. If the sandbox dies, or
 * one step takes longer than the stall limit (default 120 s: a loop that never ends), it is stopped and the run
 * ends as failed with the reason; what it recorded so far stays on disk.
 */
public final class StudentRun implements LiveRun {
    public static final double STALL_LIMIT_SECONDS = 120;
    private volatile double stallLimitSeconds = STALL_LIMIT_SECONDS;

    private final String cardId;
    private final String source;
    private final Object config;
    private final Path runDir;
    private final RunControl control = new RunControl();
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final List<MultiTaskListener> multiTaskListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Object ending;
    private volatile String error;
    private volatile RunResult result;
    private volatile MultiTaskResult multiTaskResult;

    /** A part-1 card (kd, at, kd-at) trained with {@code config}. */
    public static StudentRun part1(String cardId, String source, TrainingConfig config, Path runDir) {
        return new StudentRun(cardId, source, config, runDir);
    }

    /** A part-2 card (two heads, independent BN, uncertainty weighting) trained with {@code config}. */
    public static StudentRun part2(String cardId, String source, MultiTaskConfig config, Path runDir) {
        return new StudentRun(cardId, source, config, runDir);
    }

    private StudentRun(String cardId, String source, Object config, Path runDir) {
        this.cardId = cardId;
        this.source = source;
        this.config = config;
        this.runDir = runDir;
    }

    @Override
    public TrainingConfig config() {
        return config instanceof TrainingConfig c ? c : null;
    }

    public MultiTaskConfig multiTaskConfig() {
        return config instanceof MultiTaskConfig c ? c : null;
    }

    /** Stops the run when no message arrives for this long while it is not paused (default 120 s). */
    public StudentRun stallLimit(double seconds) {
        this.stallLimitSeconds = seconds;
        return this;
    }

    public String cardId() {
        return cardId;
    }

    public Path runDir() {
        return runDir;
    }

    @Override
    public RunControl control() {
        return control;
    }

    @Override
    public StudentRun addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    public StudentRun addListener(MultiTaskListener l) {
        multiTaskListeners.add(l);
        return this;
    }

    @Override
    public Thread start() {
        Thread t = new Thread(this::run, "transferlab-student-run");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public RunResult await() throws InterruptedException {
        finished.await();
        return result;
    }

    public MultiTaskResult awaitMultiTask() throws InterruptedException {
        finished.await();
        return multiTaskResult;
    }

    private void onMessage(JsonNode msg) {
        try {
            switch (msg.path("type").asText()) {
                case "error" -> error = msg.path("message").asText();
                case "event" -> {
                    String kind = msg.path("kind").asText();
                    if (kind.equals("end")) {
                        ending = Protocol.replay(msg, new TrainingListener() { });
                    } else if (kind.equals("mt-end")) {
                        ending = Protocol.replay(msg, new MultiTaskListener() { });
                    } else if (kind.startsWith("mt-")) {
                        for (MultiTaskListener l : multiTaskListeners) {
                            Protocol.replay(msg, l);
                        }
                    } else {
                        for (TrainingListener l : listeners) {
                            Protocol.replay(msg, l);
                        }
                    }
                }
                default -> {
                }
            }
        } catch (IOException | RuntimeException e) {
            error = "a message from the training process could not be read: " + e.getMessage();
        }
    }

    private void run() {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("mode", "train");
        req.put("card", cardId);
        req.put("source", source);
        req.put("runDir", runDir.toString());
        req.put("config", config);
        String failure = null;
        SandboxProcess p = null;
        try {
            p = new SandboxProcess(req, this::onMessage);
            boolean paused = false;
            boolean stopSent = false;
            while (!p.waitFor(100)) {
                if (control.stopRequested() && !stopSent) {
                    p.command("stop");
                    stopSent = true;
                }
                if (control.isPaused() != paused) {
                    paused = control.isPaused();
                    p.command(paused ? "pause" : "resume");
                }
                if (!paused && p.secondsSinceLastMessage() > stallLimitSeconds) {
                    p.kill();
                    failure = String.format("your code took more than %.0f s for one training step and was stopped "
                            + "(look for a loop that never ends); the metrics so far are in %s", stallLimitSeconds, runDir);
                    break;
                }
            }
            if (failure == null && ending == null) {
                failure = error != null ? error : p.endedWithoutAnswer();
            }
        } catch (IOException e) {
            failure = "could not start the training process: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (p != null) {
                p.kill();
            }
            failure = "the run was cancelled";
        }
        finish(failure);
    }

    private void finish(String failure) {
        if (config instanceof TrainingConfig c) {
            RunResult r = ending instanceof RunResult rr && failure == null ? rr
                    : new RunResult(RunResult.Status.FAILED, failure, emptySummary(c));
            result = r;
            listeners.forEach(l -> l.onEnd(r));
        } else {
            MultiTaskResult r = ending instanceof MultiTaskResult mr && failure == null ? mr
                    : new MultiTaskResult(RunResult.Status.FAILED, failure, List.of(), 0);
            multiTaskResult = r;
            multiTaskListeners.forEach(l -> l.onEnd(r));
        }
        finished.countDown();
    }

    private static RunSummary emptySummary(TrainingConfig c) {
        return new RunSummary(c.exercise().id(), "failed", c.dataset().id(), "", c.trainedModel(), c.teacher(),
                Double.NaN, null, c.trainSize(), c.epochs(), 0, 0, 0, 0, "", c.seed(), Double.NaN);
    }
}
