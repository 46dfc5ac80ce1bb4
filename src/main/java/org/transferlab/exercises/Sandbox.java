package org.transferlab.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks student code in a separate JVM ({@link SandboxMain}) with a time limit. Blocking: call it off the
 * JavaFX thread. Whatever the code does (throw, loop forever, call System.exit, crash the JVM), the answer is a
 * {@link CheckResult}, never an exception in the app.
 */
public final class Sandbox {
    /** Default time for one check, including the sandbox's start (~3–5 s on 2 cores). */
    public static final Duration CHECK_LIMIT = Duration.ofSeconds(Integer.getInteger("transferlab.checkLimitSeconds", 60));

    private Sandbox() {
    }

    public static CheckResult check(String cardId, String source) {
        return check(cardId, List.of(source), CHECK_LIMIT).get(0);
    }

    /**
     * Checks several submissions of one card in one sandbox (tests use it to share the start-up); each gets a
     * result. If the sandbox is stopped at the limit or dies, the submissions not answered get that outcome.
     */
    public static List<CheckResult> check(String cardId, List<String> sources, Duration limit) {
        Cards.get(cardId); // unknown ids fail here, in the app, with the list of cards
        CheckResult[] results = new CheckResult[sources.size()];
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("mode", "check");
        req.put("card", cardId);
        req.put("sources", sources);
        long t0 = System.nanoTime();
        SandboxProcess p;
        try {
            p = new SandboxProcess(req, msg -> store(msg, results));
        } catch (IOException e) {
            Arrays.fill(results, CheckResult.of(CheckResult.Status.CRASHED, "Could not start the checking process: "
                    + e.getMessage()));
            return List.of(results);
        }
        CheckResult missing;
        try {
            if (p.waitFor(limit.toMillis())) {
                missing = CheckResult.of(CheckResult.Status.CRASHED, p.endedWithoutAnswer());
            } else {
                p.kill();
                missing = CheckResult.of(CheckResult.Status.TIMED_OUT, "Your code did not finish within "
                        + limit.toSeconds() + " s and was stopped (the app is fine). Look for a loop that never ends, "
                        + "or a graph far larger than the inputs need.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.kill();
            missing = CheckResult.of(CheckResult.Status.TIMED_OUT, "The check was cancelled.");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        List<CheckResult> out = new ArrayList<>();
        for (CheckResult r : results) {
            out.add(r != null ? r : missing.withTiming("", secs));
        }
        return out;
    }

    /** Stores a sandbox's result message in {@code results}; returns its index, or -1 for any other message. */
    static int store(JsonNode msg, CheckResult[] results) {
        if (!msg.path("type").asText().equals("result")) {
            return -1;
        }
        try {
            int i = msg.path("index").asInt();
            results[i] = Protocol.JSON.treeToValue(msg.path("result"), CheckResult.class);
            return i;
        } catch (IOException | RuntimeException e) {
            return -1; // a malformed answer counts as none
        }
    }
}
