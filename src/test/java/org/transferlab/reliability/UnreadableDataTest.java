package org.transferlab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.data.DatasetLocator;
import org.transferlab.data.IdxWriter;

/**
 * Data the user may not read: a folder without read permission, and an image file without it. Permissions do not
 * stop root, so when the tests run as root the loading happens in a child JVM started as user {@code nobody}
 * (setpriv); otherwise in a child JVM as the same user. Either way the permission is really denied by the kernel.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX file permissions (Windows has ACLs, which Java's "
        + "setPosixFilePermissions cannot set)")
class UnreadableDataTest {
    @TempDir
    Path dir;

    @AfterEach
    void readableAgain() throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                p.toFile().setReadable(true, false);
                p.toFile().setExecutable(true, false);
            }
        }
    }

    private Path tinyData(String name) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        byte[] labels = new byte[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        IdxWriter.write(folder.resolve(DatasetLocator.TRAIN_IMAGES), new int[]{40, 28, 28}, new byte[40 * 784]);
        IdxWriter.write(folder.resolve(DatasetLocator.TRAIN_LABELS), new int[]{40}, labels);
        IdxWriter.write(folder.resolve(DatasetLocator.TEST_IMAGES), new int[]{10, 28, 28}, new byte[10 * 784]);
        IdxWriter.write(folder.resolve(DatasetLocator.TEST_LABELS), new int[]{10}, new byte[10]);
        // the child may run as another user: let it through every folder above
        for (Path p = folder; p != null && p.startsWith(dir.getParent()); p = p.getParent()) {
            p.toFile().setExecutable(true, false);
            p.toFile().setReadable(true, false);
        }
        try (var files = Files.list(folder)) {
            files.forEach(f -> f.toFile().setReadable(true, false));
        }
        return folder;
    }

    /** What the probe prints, loading {@code folder} in a child JVM whose permissions the kernel checks. */
    private static String probe(Path folder) throws Exception {
        String java = org.transferlab.io.Platforms.javaExecutable();
        String classes = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(java, "-Xmx64m", "-cp", classes, LoadDataProbe.class.getName(), folder.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe finished");
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aFolderWithoutReadPermissionIsNamed() throws Exception {
        Path folder = tinyData("locked");
        assertEquals("loaded 40", probe(folder), "readable, it loads");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
        String out = probe(folder);
        System.out.println("folder without permission: " + out);
        assertTrue(out.startsWith("java.nio.file.AccessDeniedException: " + folder), out);
        assertTrue(out.contains("cannot read data folder (check its permissions)"), out);
    }

    @Test
    void anImageFileWithoutReadPermissionIsNamed() throws Exception {
        Path folder = tinyData("one-file-locked");
        Files.setPosixFilePermissions(folder.resolve(DatasetLocator.TRAIN_IMAGES), PosixFilePermissions.fromString("---------"));
        String out = probe(folder);
        System.out.println("image file without permission: " + out);
        assertTrue(out.contains(DatasetLocator.TRAIN_IMAGES), "names the file: " + out);
        assertTrue(out.toLowerCase().contains("permission"), "says why: " + out);
    }
}
