package org.transferlab.exercises;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.transferlab.io.AtomicFiles;

/**
 * Keeps each card's code as the student left it: {@code <home>/exercises/<card>/Solution.java}, written
 * atomically (a crash never leaves half a file), so closing the app or switching cards loses nothing.
 */
public final class ExerciseStore {
    private final Path root;

    public ExerciseStore(Path root) {
        this.root = root;
    }

    /** {@code $transferlab.home/exercises}, default {@code ~/.transferlab/exercises}. */
    public static ExerciseStore standard() {
        String home = System.getProperty("transferlab.home");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".transferlab");
        return new ExerciseStore(base.resolve("exercises"));
    }

    public Path file(String cardId) {
        return root.resolve(cardId).resolve(StudentCode.CLASS_NAME + ".java");
    }

    /** The saved code of a card, if any (an unreadable file counts as none, with the reason thrown). */
    public Optional<String> load(String cardId) throws IOException {
        Path f = file(cardId);
        return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
    }

    public void save(String cardId, String source) throws IOException {
        Path f = file(cardId);
        Files.createDirectories(f.getParent());
        AtomicFiles.writeString(f, source);
    }
}
