package org.transferlab.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One sandbox JVM seen from the app: started with the app's own Java and class path and a request file, its
 * messages handed to a consumer as they arrive, its standard error kept (last 8 kB) to explain a crash, and
 * killed on demand. The student's code cannot reach the app: only these lines come back.
 */
final class SandboxProcess {
    private final Process process;
    private final Path request;
    private final Path scratch;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread reader;
    private volatile boolean exitCalled;
    private volatile boolean killed;
    private volatile long lastMessageNanos = System.nanoTime();
    private final Writer commands;

    SandboxProcess(Map<String, Object> request, Consumer<JsonNode> onMessage) throws IOException {
        this.request = Files.createTempFile("transferlab-sandbox-", ".json");
        Files.writeString(this.request, Protocol.JSON.writeValueAsString(request));
        List<String> cmd = new ArrayList<>();
        cmd.add(org.transferlab.io.Platforms.javaExecutable()); // java.exe on Windows
        cmd.add("-Xmx" + Integer.getInteger("transferlab.sandboxHeapMb", 1536) + "m");
        cmd.add("-Djava.awt.headless=true");
        // the student's code runs under Java's security policy (StudentGuard), in a scratch folder of its own
        scratch = Files.createTempDirectory("transferlab-scratch-");
        String allowGuard = org.transferlab.io.Platforms.securityManagerOption(Runtime.version().feature());
        if (allowGuard != null) { // Java 24+ has none: StudentGuard then says the checks run unprotected
            cmd.add(allowGuard);
        }
        cmd.add("-Dtransferlab.sandbox.scratch=" + scratch.toAbsolutePath());
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("transferlab.") || k.startsWith("org.bytedeco."))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-cp");
        // absolute: the sandbox starts in its scratch folder
        cmd.add(java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        cmd.add(SandboxMain.class.getName());
        cmd.add(this.request.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile());
        this.process = pb.start();
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread err = new Thread(() -> drain(process.getErrorStream()), "sandbox-stderr");
        err.setDaemon(true);
        err.start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lastMessageNanos = System.nanoTime();
                    JsonNode msg;
                    try {
                        msg = Protocol.JSON.readTree(line);
                    } catch (IOException e) {
                        continue; // not a protocol line (a native library writing to stdout)
                    }
                    if (msg.path("type").asText().equals("exit")) {
                        exitCalled = true;
                    } else {
                        onMessage.accept(msg);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "sandbox-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void drain(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                    if (stderr.length() > 8192) {
                        stderr.delete(0, stderr.length() - 8192);
                    }
                }
            }
        } catch (IOException e) {
            // ended
        }
    }

    /** Waits up to {@code millis} for the process to end; false if it is still running. */
    boolean waitFor(long millis) throws InterruptedException {
        boolean ended = process.waitFor(millis, TimeUnit.MILLISECONDS);
        if (ended) {
            reader.join(5000);
            cleanUp();
        }
        return ended;
    }

    /** Waits for the process and all its messages. */
    int waitFor() throws InterruptedException {
        int code = process.waitFor();
        reader.join(5000);
        cleanUp();
        return code;
    }

    void kill() {
        killed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cleanUp();
    }

    /** Sends a command line (pause, resume, stop) to a training sandbox. */
    synchronized void command(String line) {
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            // already ended
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean exitCalled() {
        return exitCalled;
    }

    boolean killed() {
        return killed;
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    double secondsSinceLastMessage() {
        return (System.nanoTime() - lastMessageNanos) / 1e9;
    }

    /** The last lines the process wrote to standard error that look like an error, for a crash message. */
    String errorTail() {
        String s;
        synchronized (stderr) {
            s = stderr.toString();
        }
        List<String> lines = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (l.contains("Exception") || l.contains("Error") || l.startsWith("#") || l.contains("error")) {
                lines.add(l.strip());
            }
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    }

    /** Why the process ended without answering, in words. */
    String endedWithoutAnswer() {
        if (exitCalled) {
            return "Your code called System.exit, which ended the checking process (the app is fine). "
                    + "Remove the System.exit call and return a value instead.";
        }
        String tail = errorTail();
        return "The checking process ended unexpectedly (exit code " + exitCode() + ") before answering; the app "
                + "is fine." + (tail.isEmpty() ? "" : " Its last error:\n" + tail);
    }

    private void cleanUp() {
        try {
            Files.deleteIfExists(request);
            if (!process.isAlive() && Files.isDirectory(scratch)) {
                try (var walk = Files.walk(scratch)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            // temp files; the OS cleans them
        }
    }
}
