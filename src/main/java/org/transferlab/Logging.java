package org.transferlab;

/** Keeps ND4J/SameDiff's per-op INFO chatter out of the user's terminal and CI logs. */
public final class Logging {
    private Logging() {
    }

    public static void configure() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
