package org.transferlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a crash never leaves a half-written file in place of a good one:
 * the bytes go to a temporary file in the same folder, are forced to disk, and the temporary
 * file is then renamed over the target in one step.
 */
public final class AtomicFiles {

    /** Writes the content of one file; the callback receives a stream to the temporary file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code target} atomically. A failure of the disk (full, read-only, not permitted, a size limit) is an
     * {@link IOException} whose message names the file, the reason and what to do; the previous file is unchanged.
     * An exception the writer itself throws passes through as it was.
     */
    public static void write(Path target, Writer writer) throws IOException {
        try {
            writeOrFail(target, writer);
        } catch (WriterFailure e) {
            throw e.original;
        } catch (DiskFailure e) {
            throw describe(target, e.getCause().getMessage(), (IOException) e.getCause());
        } catch (java.nio.file.FileSystemException e) {
            throw describe(target, e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(), e);
        } catch (IOException e) {
            throw describe(target, e.getMessage(), e);
        }
    }

    /** "cannot write FILE: REASON (WHAT TO DO); the previous version of the file, if any, is unchanged". */
    static WriteFailedException describe(Path target, String reason, IOException cause) {
        String r = reason == null ? "unknown error" : reason;
        String lower = r.toLowerCase(java.util.Locale.ROOT);
        String advice;
        if (lower.contains("no space") || lower.contains("quota") || lower.contains("too large")) {
            advice = "the disk is full or a size limit was reached: free some space, or save to another folder";
        } else if (lower.contains("read-only") || lower.contains("access denied") || lower.contains("permission")) {
            advice = "the folder is read-only: save to a writable folder";
        } else {
            advice = "check that the disk is writable and has space";
        }
        return new WriteFailedException(target, r, advice, cause);
    }

    /** A file that could not be written because of the disk: which file, why, and what to do. */
    public static final class WriteFailedException extends IOException {
        private final Path target;
        private final String reason;
        private final String advice;

        WriteFailedException(Path target, String reason, String advice, IOException cause) {
            super("cannot write " + target + ": " + reason + " (" + advice + "); the previous version of the file, "
                    + "if any, is unchanged", cause);
            this.target = target;
            this.reason = reason;
            this.advice = advice;
        }

        public Path target() {
            return target;
        }

        /** The system's words, e.g. "No space left on device". */
        public String reason() {
            return reason;
        }

        /** What the user can do about it. */
        public String advice() {
            return advice;
        }
    }

    /** Carries an exception the caller's writer threw past the disk-failure wrapping. */
    private static final class WriterFailure extends IOException {
        final IOException original;

        WriterFailure(IOException original) {
            super(original);
            this.original = original;
        }
    }

    /** An exception of the stream to the temporary file: the disk failed, not the writer. */
    private static final class DiskFailure extends IOException {
        DiskFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The temporary file's stream, marking its failures as the disk's. */
    private static final class DiskStream extends java.io.FilterOutputStream {
        DiskStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new DiskFailure(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new DiskFailure(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new DiskFailure(e);
            }
        }
    }

    /** How often a rename refused on Windows is tried again, 50 ms apart: about 2.5 s in all. */
    static final int WINDOWS_RETRIES = 50;

    /** Renames {@code tmp} over {@code target}, as one step where the file system can. */
    @FunctionalInterface
    interface Mover {
        void move(Path tmp, Path target) throws IOException;
    }

    static final Mover MOVE = (tmp, target) -> {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    };

    static void replace(Path tmp, Path target, int retries) throws IOException {
        replace(tmp, target, retries, MOVE);
    }

    /**
     * On Windows a file cannot be replaced while another program holds it open without delete sharing (a virus
     * scanner or the search indexer looking at the file just written, an editor or a spreadsheet showing a CSV):
     * the rename fails with "access denied" or "being used by another process", and succeeds moments later once
     * the other program lets go. So a refused rename is tried again {@code retries} times, 50 ms apart, before the
     * failure is reported (with the same advice as any other). Linux and macOS replace open files: no retries.
     */
    static void replace(Path tmp, Path target, int retries, Mover mover) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                mover.move(tmp, target);
                return;
            } catch (java.nio.file.FileSystemException e) {
                if (attempt >= retries || !(e instanceof java.nio.file.AccessDeniedException || inUse(e))) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Windows' words for a file another process holds open. */
    static boolean inUse(java.nio.file.FileSystemException e) {
        String r = String.valueOf(e.getReason()).toLowerCase(java.util.Locale.ROOT);
        return r.contains("being used by another process") || r.contains("access is denied");
    }

    private static void writeOrFail(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            // Temporary files are created owner-only; the result should read like any other file.
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
        boolean done = false;
        try {
            try (var channel = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
                try {
                    writer.write(new DiskStream(out));
                } catch (DiskFailure e) {
                    throw e;
                } catch (IOException e) {
                    throw new WriterFailure(e);
                }
                out.flush();
                channel.force(true);
            }
            replace(tmp, target, Platforms.isWindows() ? WINDOWS_RETRIES : 0);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

}
