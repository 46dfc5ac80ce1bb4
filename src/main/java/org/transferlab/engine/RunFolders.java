package org.transferlab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one place run folders are named and created, for every chapter, the app and the CLI alike:
 * {@code yyyyMMdd-HHmmss-LABEL[-seedS][SUFFIX]} (no seed suffix for seed 0), with {@code -2}, {@code -3}, … when
 * taken; a folder that cannot be created is a plain message naming it and what to do.
 */
public final class RunFolders {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {
    }

    /**
     * Where the app, the notebooks and Compare runs keep runs: {@code $transferlab.home/runs}, default
     * {@code ~/.transferlab/runs}.
     */
    public static Path defaultRoot() {
        String home = System.getProperty("transferlab.home");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".transferlab");
        return base.resolve("runs");
    }

    /** A new run folder under {@code root} for a run called {@code label} (e.g. {@code kd+rkd}, {@code mtl-q2}). */
    public static Path create(Path root, String label, long seed, String suffix) throws IOException {
        String name = LocalDateTime.now().format(STAMP) + "-" + label + (seed == 0 ? "" : "-seed" + seed) + suffix;
        Path dir = root.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(name + "-" + i);
        }
        return createChosen(dir);
    }

    /** Creates a folder the user chose (the CLI's {@code --out}); throws a plain message if it cannot be. */
    public static Path createChosen(Path dir) throws IOException {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the run folder " + dir + " (" + e.getMessage()
                    + "): choose another --out, or a folder on a writable disk", e);
        }
    }
}
