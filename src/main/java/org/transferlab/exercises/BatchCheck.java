package org.transferlab.exercises;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.transferlab.io.AtomicFiles;

/**
 * Checks a class's submissions of one card: each file gets one result, whatever it holds. Submissions are
 * checked in sandboxes shared by several files (a sandbox starts in seconds, a check takes a fraction of one);
 * when a file stops a sandbox (an endless loop stopped at the time limit, System.exit, a crash, memory), that file
 * gets that result and the ones after it go on in a new sandbox. Files that are not Java source get their own
 * line without a sandbox. Several sandboxes run side by side, one per worker.
 */
public final class BatchCheck {
    /** One file's result. */
    public record Row(Path file, String card, CheckResult result) {
        /** {@code passed}, {@code not yet}, {@code compile error}, … */
        public String status() {
            if (result.status() == CheckResult.Status.COMPILE_ERROR && result.summary().startsWith(NOT_JAVA)) {
                return "not java";
            }
            if (result.status() == CheckResult.Status.RUNTIME_ERROR && result.summary().startsWith("Refused:")) {
                return "refused";
            }
            return switch (result.status()) {
                case PASSED -> "passed";
                case FAILED -> "not yet";
                case COMPILE_ERROR -> "compile error";
                case RUNTIME_ERROR -> "runtime error";
                case TIMED_OUT -> "timed out";
                case CRASHED -> "crashed";
            };
        }

        public long checksPassed() {
            return result.checks().stream().filter(CheckResult.Check::passed).count();
        }
    }

    static final String NOT_JAVA = "Not a Java source file";

    private BatchCheck() {
    }

    /**
     * The files to check: each {@code FILE} as given, each {@code DIR}'s {@code *.java} files below it (one per
     * student, in path order). Throws when a path does not exist.
     */
    public static List<Path> files(List<Path> args) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path a : args) {
            if (Files.isDirectory(a)) {
                try (var walk = Files.walk(a)) {
                    walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".java"))
                            .sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(a)) {
                out.add(a);
            } else {
                throw new IOException(a + " is neither a file nor a folder");
            }
        }
        return out;
    }

    /**
     * Checks {@code files} against {@code card} with {@code workers} sandboxes side by side, at most
     * {@code limit} per submission; {@code progress} hears each row as it is known (from worker threads).
     * Returns the rows in the order of {@code files}.
     */
    public static List<Row> run(String card, List<Path> files, int workers, Duration limit, Consumer<Row> progress)
            throws InterruptedException {
        Cards.get(card);
        Row[] rows = new Row[files.size()];
        List<Integer> toCheck = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String refusal = null;
            String source = null;
            Path f = files.get(i);
            try {
                byte[] bytes = Files.readAllBytes(f);
                source = new String(bytes, StandardCharsets.UTF_8);
                if (!f.getFileName().toString().endsWith(".java") || looksBinary(bytes)) {
                    refusal = NOT_JAVA + " (" + (looksBinary(bytes) ? "binary content" : "no .java name")
                            + "): hand in Solution.java.";
                }
            } catch (IOException e) {
                refusal = "Cannot read the file: " + e.getMessage();
            }
            if (refusal != null) {
                rows[i] = new Row(f, card, CheckResult.of(CheckResult.Status.COMPILE_ERROR, refusal));
                progress.accept(rows[i]);
            } else {
                toCheck.add(i);
                sources.add(source);
            }
        }
        int n = Math.max(1, Math.min(workers, toCheck.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "transferlab-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < n; w++) {
                List<Integer> mine = new ArrayList<>();
                for (int k = w; k < toCheck.size(); k += n) {
                    mine.add(k);
                }
                jobs.add(pool.submit(() -> {
                    checkInSandboxes(card, mine, toCheck, sources, files, rows, limit, progress);
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                try {
                    j.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("checking failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.of(rows);
    }

    /** Checks one worker's submissions, a sandbox at a time, restarting after the file that stopped one. */
    private static void checkInSandboxes(String card, List<Integer> mine, List<Integer> toCheck, List<String> sources,
                                         List<Path> files, Row[] rows, Duration limit, Consumer<Row> progress)
            throws InterruptedException {
        List<Integer> left = mine;
        while (!left.isEmpty()) {
            List<Integer> chunk = left;
            CheckResult[] results = new CheckResult[chunk.size()];
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("mode", "check");
            req.put("card", card);
            req.put("sources", chunk.stream().map(sources::get).toList());
            SandboxProcess p;
            long[] last = {System.nanoTime()};
            try {
                p = new SandboxProcess(req, msg -> {
                    int i = Sandbox.store(msg, results);
                    if (i >= 0) {
                        long now = System.nanoTime();
                        CheckResult r = results[i].seconds() > 0 ? results[i]
                                : results[i].withTiming(results[i].output(), (now - last[0]) / 1e9);
                        last[0] = now;
                        int at = toCheck.get(chunk.get(i));
                        rows[at] = new Row(files.get(at), card, r);
                        progress.accept(rows[at]);
                    }
                });
            } catch (IOException e) {
                for (int k : chunk) {
                    int at = toCheck.get(k);
                    rows[at] = new Row(files.get(at), card, CheckResult.of(CheckResult.Status.CRASHED,
                            "Could not start the checking process: " + e.getMessage()));
                    progress.accept(rows[at]);
                }
                return;
            }
            // the first answer may take the sandbox's start-up too; each next one at most the limit
            double startUp = 60;
            boolean timedOut = false;
            while (!p.waitFor(200)) {
                boolean answered = java.util.Arrays.stream(results).anyMatch(java.util.Objects::nonNull);
                if (p.secondsSinceLastMessage() > limit.toSeconds() + (answered ? 0 : startUp)) {
                    p.kill();
                    timedOut = true;
                    break;
                }
            }
            int first = 0;
            while (first < results.length && results[first] != null) {
                first++;
            }
            if (first == results.length) {
                return;
            }
            int at = toCheck.get(chunk.get(first));
            double took = (System.nanoTime() - last[0]) / 1e9;
            CheckResult r = timedOut ? CheckResult.of(CheckResult.Status.TIMED_OUT, "Did not finish within "
                    + limit.toSeconds() + " s and was stopped: a loop that never ends, or a graph far larger than the "
                    + "inputs need.").withTiming("", took)
                    : CheckResult.of(CheckResult.Status.CRASHED, p.endedWithoutAnswer()).withTiming("", took);
            rows[at] = new Row(files.get(at), card, r);
            progress.accept(rows[at]);
            // the files after it were not reached (or not answered): they go on in a new sandbox
            List<Integer> rest = new ArrayList<>();
            for (int k = first + 1; k < results.length; k++) {
                if (results[k] == null) {
                    rest.add(chunk.get(k));
                }
            }
            left = rest;
        }
    }


    private static boolean looksBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The named mistake's title, the first failing check, or the first line of the summary. */
    public static String detail(CheckResult r) {
        if (r.mistake() != null) {
            return r.mistake().title();
        }
        if (!r.diagnostics().isEmpty()) {
            CheckResult.Diagnostic d = r.diagnostics().get(0);
            return "line " + d.line() + ": " + d.message().lines().findFirst().orElse("");
        }
        return r.summary().lines().findFirst().orElse("");
    }

    /** The grade book: {@code file,card,result,mistake,checks_passed,checks_total,seconds}, one row per file. */
    public static void writeCsv(List<Row> rows, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("file,card,result,mistake,checks_passed,checks_total,seconds\n");
        for (Row r : rows) {
            sb.append(org.transferlab.io.Csv.row(List.of(r.file().toString(), r.card(), r.status(),
                    r.result().mistake() == null ? "" : r.result().mistake().id(), String.valueOf(r.checksPassed()),
                    String.valueOf(r.result().checks().size()), String.format(Locale.ROOT, "%.2f",
                            r.result().seconds())))).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
