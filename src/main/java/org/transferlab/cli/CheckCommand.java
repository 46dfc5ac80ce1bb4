package org.transferlab.cli;

import org.transferlab.chapters.ProgressLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.transferlab.exercises.BatchCheck;
import org.transferlab.exercises.Cards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check --card ID FILE|DIR...}: checks a class's submissions of one exercise card, one line per file, an
 * optional grade book; the exit code says whether all passed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check exercise submissions (Solution.java files, or folders of them, one per student) against "
                + "a card, in sandboxes: one line per file, --csv writes a grade book. Exit code 0 when every "
                + "submission passes, 1 otherwise.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--card", required = true, description = "the card: ${COMPLETION-CANDIDATES}",
            completionCandidates = CardIds.class)
    String card;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "submissions, or folders searched for *.java")
    List<Path> paths;

    @Option(names = "--csv", paramLabel = "OUT", description = "write the grade book (file, card, result, mistake, "
            + "checks passed/total, seconds) there")
    Path csv;

    @Option(names = "--jobs", description = "sandboxes side by side (default: the processors, at most 4)")
    Integer jobs;

    @Option(names = "--time-limit", defaultValue = "30", description = "seconds one submission may take (default: ${DEFAULT-VALUE})")
    int timeLimit;

    static final class CardIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Cards.all().keySet().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Cards.all().containsKey(card)) {
            throw new IllegalArgumentException("--card: unknown card '" + card + "'; choose one of "
                    + Cards.all().keySet());
        }
        if (timeLimit < 1) {
            throw new IllegalArgumentException("--time-limit must be at least 1 second, got " + timeLimit);
        }
        List<Path> files = BatchCheck.files(paths);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no submissions: the folders given hold no .java file");
        }
        if (Runtime.version().feature() >= 24) {
            System.err.println("warning: this Java (" + Runtime.version() + ") has no security manager: submissions "
                    + "will run without the sandbox's file, network and process protection; use Java 17 to check "
                    + "other people's code");
        }
        int workers = jobs != null ? jobs : Math.min(4, Runtime.getRuntime().availableProcessors());
        ProgressLine line = new ProgressLine(System.err);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        long t0 = System.nanoTime();
        System.err.printf(Locale.ROOT, "checking %d submission(s) of %s in %d sandbox(es)%n", files.size(), card,
                Math.min(workers, files.size()));
        List<BatchCheck.Row> rows = BatchCheck.run(card, files, workers, Duration.ofSeconds(timeLimit), r -> {
            synchronized (line) {
                int d = done.incrementAndGet();
                if (r.result().status().passed()) {
                    passed.incrementAndGet();
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                line.show(String.format(Locale.ROOT, "checked %d/%d · %d passed · %s left", d, files.size(),
                        passed.get(), ProgressLine.duration(elapsed / d * (files.size() - d))));
            }
        });
        line.done(String.format(Locale.ROOT, "checked %d submission(s) in %.1f s", files.size(),
                (System.nanoTime() - t0) / 1e9));
        for (BatchCheck.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-14s %s  %s (%d/%d checks, %.1f s)%n", r.status(), r.file(),
                    BatchCheck.detail(r.result()), r.checksPassed(), r.result().checks().size(), r.result().seconds());
        }
        long ok = rows.stream().filter(r -> r.result().status().passed()).count();
        System.out.printf(Locale.ROOT, "%d of %d passed%n", ok, rows.size());
        if (csv != null) {
            BatchCheck.writeCsv(rows, csv);
            System.err.println("grade book: " + csv.toAbsolutePath());
        }
        return ok == rows.size() ? 0 : 1;
    }
}
