package org.transferlab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;

/**
 * The snapshots a run keeps, one per epoch it chose, in {@code snapshots/epoch-NNNN.json} beside its
 * {@code snapshot.json}: what the attention maps and softened outputs looked like at the end of that epoch, so a
 * run trained the night before can be shown in class at any epoch it kept.
 *
 * <p>At most {@code kept} files stay (each about 125 KB with eight test images): when one more would exceed it,
 * the epochs kept thin to every 2nd, 4th, 8th… epoch, always with the first and the newest. The size of a run
 * folder's snapshots is therefore bounded by {@code kept} × one snapshot, whatever the number of epochs.
 */
public final class EpochSnapshots {
    /** The folder inside a run folder. */
    public static final String DIR = "snapshots";
    /** How many a run keeps unless told otherwise ({@code --keep-snapshots}). */
    public static final int DEFAULT_KEPT = 12;
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)\\.json");

    private EpochSnapshots() {
    }

    /** The file of one epoch's snapshot in a run folder. */
    public static Path file(Path runDir, int epoch) {
        return runDir.resolve(DIR).resolve(String.format(Locale.ROOT, "epoch-%04d.json", epoch));
    }

    /**
     * Writes {@code snapshot} as the one of {@code epoch} (atomically) and thins the folder to at most
     * {@code kept} (0 keeps none and writes nothing).
     */
    public static void keep(Path runDir, int epoch, Object snapshot, int kept) {
        if (kept <= 0) {
            return;
        }
        try {
            Path f = file(runDir, epoch);
            Files.createDirectories(f.getParent());
            AtomicFiles.writeString(f, Json.MAPPER.writeValueAsString(snapshot) + "\n");
            List<Integer> epochs = epochs(runDir);
            for (int e : epochs) {
                if (!chosen(epochs, kept).contains(e)) {
                    Files.deleteIfExists(file(runDir, e));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the snapshot of epoch " + epoch + ": " + e.getMessage(), e);
        }
    }

    /**
     * The epochs to keep out of {@code epochs} (sorted): all of them while they fit, else the first, the newest and
     * every {@code stride}-th epoch, for the smallest stride of 1, 2, 10, 20, 100, 200, 1000… (round epochs, each
     * stride a multiple of the one before) that fits in {@code kept}. The stride depends only on the newest epoch and
     * never shrinks as a run goes on, so an epoch thinned away is never one a later choice would keep.
     */
    public static TreeSet<Integer> chosen(List<Integer> epochs, int kept) {
        TreeSet<Integer> all = new TreeSet<>(epochs);
        if (all.size() <= kept) {
            return all;
        }
        int first = all.first();
        int last = all.last();
        for (long stride = 1; ; stride = Long.toString(stride).charAt(0) == '1' ? stride * 2 : stride * 5) {
            long n = last / stride + 2; // the multiples, the first and the newest (at most)
            if (n <= Math.max(kept, 2) || stride > last) {
                TreeSet<Integer> s = new TreeSet<>();
                for (int e : all) {
                    if (e == first || e == last || e % stride == 0) {
                        s.add(e);
                    }
                }
                return s;
            }
        }
    }

    /** The epochs whose snapshot a run folder holds, in order (none for a folder without them). */
    public static List<Integer> epochs(Path runDir) {
        Path d = runDir.resolve(DIR);
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> files = Files.list(d)) {
            files.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
