package org.transferlab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Csv;
import org.transferlab.io.Json;

/**
 * A run folder's files as every chapter writes them: {@code config.json} at the start, {@code metrics.csv} (one
 * row per step and per epoch, the whole file rewritten after every epoch and at the end), {@code summary.json}
 * and {@code snapshot.json} at the end; every write atomic, a write that fails an {@link UncheckedIOException}
 * naming the file, and the end files written one by one so one failure does not cost the others. A chapter's
 * recorder turns its events into rows and JSON; this class does the rest, the same way for all.
 */
public final class RunFiles {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    /** The last snapshot of the run (test samples, logits, attention maps), for figures made after the run. */
    public static final String SNAPSHOT = "snapshot.json";

    private final Path dir;
    private final List<String> rows = new ArrayList<>();
    private String header;

    public RunFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The metrics header; {@link #writeMetrics} writes nothing before it is known. */
    public void header(String h) {
        header = h;
    }

    /** Adds one metrics row (fields already formatted, comma-separated). */
    public void row(String r) {
        rows.add(r);
    }

    /** Rewrites {@value #METRICS} with the header and every row so far. */
    public void writeMetrics() {
        if (header == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        writeText(METRICS, sb.toString());
    }

    /** Writes {@code value} (a JSON tree or any object Jackson can write) as {@code name}. */
    public void writeJson(String name, Object value) {
        try {
            writeText(name, Json.MAPPER.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Writes {@code text} as {@code name} (e.g. a table of its own). */
    public void writeText(String name, String text) {
        try {
            AtomicFiles.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Continues a folder from its checkpoint: keeps the metrics rows up to the last one {@code checkpointRow}
     * accepts (the row of the epoch the checkpoint holds) and drops the rest. Where {@code required} and no row
     * matches, the folder was changed by hand: an {@link IOException} says so, naming {@code what}.
     */
    public static RunFiles resuming(Path dir, Predicate<List<String>> checkpointRow, boolean required, String what)
            throws IOException {
        RunFiles f = new RunFiles(dir);
        List<String> lines = Files.readAllLines(dir.resolve(METRICS));
        int keep = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (checkpointRow.test(Csv.parse(lines.get(i)))) {
                keep = i;
            }
        }
        if (keep == 0 && required) {
            throw new IOException(dir.resolve(METRICS) + " has no row for " + what
                    + ", the checkpoint's; the folder was changed by hand, so train this run again");
        }
        f.rows.addAll(lines.subList(Math.min(1, lines.size()), keep + 1));
        return f;
    }

    /** Runs each write on its own, in order; afterwards throws the first failure, if any. */
    public static void writeEach(Runnable... writes) {
        UncheckedIOException first = null;
        for (Runnable w : writes) {
            try {
                w.run();
            } catch (UncheckedIOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
