package org.transferlab.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What differs between Windows, macOS and Linux where TransferLab starts processes: the name of the Java
 * launcher, and whether a child JVM may be asked to allow a security manager.
 */
public final class Platforms {
    private Platforms() {
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** This JVM's own {@code java} launcher ({@code java.exe} on Windows), for starting a child JVM like it. */
    public static String javaExecutable() {
        return javaExecutable(System.getProperty("java.home"), isWindows()).toString();
    }

    static Path javaExecutable(String javaHome, boolean windows) {
        return Path.of(javaHome, "bin", windows ? "java.exe" : "java");
    }

    /**
     * The option that lets a child JVM of Java version {@code feature} install a security manager, or null: Java
     * 17 to 23 need {@code -Djava.security.manager=allow} (from 18 on they refuse otherwise); from Java 24 on there is
     * no security manager and the option stops the JVM from starting at all (JEP 486).
     */
    public static String securityManagerOption(int feature) {
        return feature >= 24 ? null : "-Djava.security.manager=allow";
    }
}
