package org.transferlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What differs between operating systems: the Java launcher, the security manager option, renames on Windows. */
class PlatformsTest {

    @Test
    void theJavaLauncherHasItsWindowsNameOnWindows() {
        assertEquals(Path.of("jdk", "bin", "java.exe"), Platforms.javaExecutable("jdk", true));
        assertEquals(Path.of("jdk", "bin", "java"), Platforms.javaExecutable("jdk", false));
        assertTrue(Files.isExecutable(Path.of(Platforms.javaExecutable())), "this JVM's launcher exists: "
                + Platforms.javaExecutable());
    }

    @Test
    void theSecurityManagerIsAllowedUpToJava23Only() {
        assertEquals("-Djava.security.manager=allow", Platforms.securityManagerOption(17));
        assertEquals("-Djava.security.manager=allow", Platforms.securityManagerOption(21));
        assertEquals("-Djava.security.manager=allow", Platforms.securityManagerOption(23));
        assertNull(Platforms.securityManagerOption(24), "Java 24 refuses to start with it (JEP 486)");
        assertNull(Platforms.securityManagerOption(25));
    }

    @Test
    void aRenameRefusedBecauseTheFileIsOpenIsTriedAgain(@TempDir Path dir) throws Exception {
        Path tmp = Files.writeString(dir.resolve("new.tmp"), "new");
        Path target = Files.writeString(dir.resolve("metrics.csv"), "old");
        AtomicInteger calls = new AtomicInteger();
        AtomicFiles.Mover busyTwice = (from, to) -> {
            if (calls.incrementAndGet() <= 2) { // what Windows says while a scanner or a spreadsheet holds the file
                throw new FileSystemException(from.toString(), to.toString(),
                        "The process cannot access the file because it is being used by another process");
            }
            AtomicFiles.MOVE.move(from, to);
        };
        AtomicFiles.replace(tmp, target, 5, busyTwice);
        assertEquals(3, calls.get());
        assertEquals("new", Files.readString(target));
    }

    @Test
    void withoutRetriesOrForOtherFailuresTheRenameFailsAtOnce(@TempDir Path dir) throws Exception {
        Path tmp = Files.writeString(dir.resolve("new.tmp"), "new");
        Path target = dir.resolve("metrics.csv");
        AtomicInteger calls = new AtomicInteger();
        assertThrows(AccessDeniedException.class, () -> AtomicFiles.replace(tmp, target, 0, (a, b) -> {
            calls.incrementAndGet();
            throw new AccessDeniedException(b.toString());
        }));
        assertEquals(1, calls.get(), "Linux and macOS: no retries");
        calls.set(0);
        assertThrows(FileSystemException.class, () -> AtomicFiles.replace(tmp, target, 5, (a, b) -> {
            calls.incrementAndGet();
            throw new FileSystemException(b.toString(), null, "Read-only file system");
        }));
        assertEquals(1, calls.get(), "a read-only disk is not waited for");
    }
}
