package org.transferlab;

import java.io.PrintStream;

/**
 * Keeps ND4J/SameDiff's chatter out of the user's terminal and CI logs: SLF4J at WARN, and the lines
 * "Added differentiated op …" that SameDiff 1.0.0-M2.1 prints with {@code System.out.println} for every op
 * when it builds a gradient graph (no switch turns them off) are dropped from standard output.
 */
public final class Logging {
    static final String SAMEDIFF_NOISE = "Added differentiated op";

    private Logging() {
    }

    public static synchronized void configure() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.log.org.nd4j.imports", "error");
        if (!(System.out instanceof QuietStream)) {
            System.setOut(new QuietStream(System.out));
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Standard output minus SameDiff's per-op lines. */
    static final class QuietStream extends PrintStream {
        QuietStream(PrintStream target) {
            super(target, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith(SAMEDIFF_NOISE)) {
                super.println(line);
            }
        }
    }
}
