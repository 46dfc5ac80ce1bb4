package org.transferlab.chapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.transferlab.engine.EpochSnapshots;
import org.transferlab.engine.RunFiles;
import org.transferlab.export.RunFigures;
import org.transferlab.io.Csv;

/**
 * A saved run as it was at the end of one of its epochs: the same figures its chapter draws from the folder
 * ({@link Chapter#figures}), drawn from a copy of the folder cut at that epoch. Every table with an {@code epoch}
 * column keeps its rows up to the epoch, and {@code snapshot.json} is the one the run kept for the epoch
 * ({@link EpochSnapshots}). The live views drew from the same rows and the same snapshot at that moment, so the
 * figures are what the room saw then, for every chapter, without a chapter knowing about epochs.
 */
public final class RunAtEpoch {
    private RunAtEpoch() {
    }

    /**
     * The epochs a folder can be shown at: the epochs its {@code metrics.csv} completed, and (when it kept
     * snapshots) only those it kept a snapshot for, so that the attention maps exist at every one offered.
     */
    public static List<Integer> epochs(Path runDir) throws IOException {
        List<Integer> kept = EpochSnapshots.epochs(runDir);
        if (!kept.isEmpty()) {
            return kept;
        }
        TreeSet<Integer> done = new TreeSet<>();
        Path metrics = runDir.resolve(RunFiles.METRICS);
        if (!Files.isRegularFile(metrics)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(metrics);
        if (lines.isEmpty()) {
            return List.of();
        }
        int col = Csv.parse(lines.get(0)).indexOf("epoch");
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = Csv.parse(l);
            if (col >= 0 && f.size() > col && f.get(0).equals("epoch")) {
                try {
                    done.add(Integer.parseInt(f.get(col)));
                } catch (NumberFormatException e) {
                    // a damaged row: not offered
                }
            }
        }
        return new ArrayList<>(done);
    }

    /** The chapter's figures of {@code runDir} as they were at the end of {@code epoch}. */
    public static List<RunFigures.Figure> figures(Chapter chapter, Path runDir, int epoch) throws IOException {
        Path copy = Files.createTempDirectory("transferlab-epoch-");
        try {
            cut(runDir, copy, epoch);
            return chapter.figures(copy);
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes into {@code to} the files of {@code from} cut at {@code epoch} (see the class comment). */
    static void cut(Path from, Path to, int epoch) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".csv")) {
                    Files.write(to.resolve(name), upTo(Files.readAllLines(f), epoch));
                } else if (!name.endsWith(".tlck") && !name.equals(RunFiles.SNAPSHOT)) {
                    Files.copy(f, to.resolve(name));
                }
            }
        }
        Path kept = EpochSnapshots.file(from, epoch);
        if (Files.isRegularFile(kept)) {
            Files.copy(kept, to.resolve(RunFiles.SNAPSHOT));
        } else if (Files.isRegularFile(from.resolve(RunFiles.SNAPSHOT)) && epochs(from).stream()
                .allMatch(e -> e <= epoch)) {
            Files.copy(from.resolve(RunFiles.SNAPSHOT), to.resolve(RunFiles.SNAPSHOT)); // the last epoch's
        }
    }

    /**
     * A table's header and the rows whose epoch is at most {@code epoch}: its {@code run_epoch} column where it has
     * one (a table of several networks, each counting its own epochs), else its {@code epoch} column; a table with
     * neither is a result of the whole run and is kept whole.
     */
    static List<String> upTo(List<String> lines, int epoch) {
        if (lines.isEmpty()) {
            return lines;
        }
        List<String> header = Csv.parse(lines.get(0));
        int col = header.contains("run_epoch") ? header.indexOf("run_epoch") : header.indexOf("epoch");
        if (col < 0) {
            return lines;
        }
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = Csv.parse(l);
            if (f.size() <= col) {
                continue;
            }
            try {
                if (f.get(col).isEmpty() || Integer.parseInt(f.get(col)) <= epoch) {
                    out.add(l);
                }
            } catch (NumberFormatException e) {
                // not a row of an epoch
            }
        }
        return out;
    }
}
