package org.transferlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a student needs before a notebook runs, said in sentences: is Jupyter installed (the {@code jupyter}
 * command), and is there a TransferLab kernelspec whose start command still points at files that exist (a
 * kernelspec names this installation's absolute paths, so moving or deleting TransferLab breaks it).
 */
public final class JupyterCheck {
    /** The one sentence for a machine without Jupyter. */
    public static final String JUPYTER_MISSING = "Jupyter is not installed (no `jupyter` command): install it "
            + "(Debian/Ubuntu: sudo apt install jupyter-notebook jupyter-nbconvert; elsewhere: "
            + "python3 -m pip install notebook), then open a notebook and pick \"" + KernelSpec.DISPLAY_NAME + "\".";

    private JupyterCheck() {
    }

    /**
     * What {@code jupyter --version} lists of the parts a notebook needs (e.g. "jupyter_core 4.12.0, notebook
     * 6.4.12, nbconvert 6.5.3"), or empty when there is no working {@code jupyter} command.
     */
    public static Optional<String> jupyterVersion() {
        try {
            Process p = new ProcessBuilder("jupyter", "--version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(summary(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** "jupyter_core 4.12.0, notebook 6.4.12, …" from {@code jupyter --version}'s "name : version" lines. */
    static String summary(String versionOutput) {
        List<String> parts = new ArrayList<>();
        for (String line : versionOutput.split("\\R")) {
            String[] kv = line.split(":", 2);
            String name = kv[0].strip();
            if (kv.length == 2 && List.of("jupyter_core", "notebook", "jupyterlab", "nbconvert").contains(name)
                    && !kv[1].strip().equals("not installed")) {
                parts.add(name + " " + kv[1].strip());
            }
        }
        String first = versionOutput.strip().lines().findFirst().orElse("");
        return parts.isEmpty() ? (first.isEmpty() ? "jupyter" : first) : String.join(", ", parts);
    }

    /**
     * What is wrong with the kernelspec in {@code dir}, one sentence per problem; empty when it is installed and
     * every class-path entry of its start command exists.
     */
    public static List<String> problems(Path dir) {
        List<String> problems = new ArrayList<>();
        Path json = dir.resolve("kernel.json");
        if (!Files.isRegularFile(json)) {
            problems.add("No TransferLab kernel is installed in " + dir
                    + ": run `java -jar transferlab.jar kernel install` (Jupyter then lists \""
                    + KernelSpec.DISPLAY_NAME + "\").");
            return problems;
        }
        JsonNode argv;
        try {
            argv = new ObjectMapper().readTree(json.toFile()).path("argv");
        } catch (IOException e) {
            problems.add(json + " cannot be read (" + e.getMessage() + "): run `kernel install` again.");
            return problems;
        }
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).asText().equals("-cp")) {
                for (String entry : argv.get(i + 1).asText().split(File.pathSeparator)) {
                    if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                        problems.add("The kernel in " + dir + " starts TransferLab from " + entry
                                + ", which is gone (moved or deleted): run `kernel install` again from where"
                                + " TransferLab is now.");
                        return problems;
                    }
                }
            }
        }
        if (argv.size() == 0 || !Files.isExecutable(Path.of(argv.get(0).asText()))) {
            problems.add("The kernel in " + dir + " starts Java from " + (argv.size() == 0 ? "nowhere"
                    : argv.get(0).asText()) + ", which is gone: run `kernel install` again with the Java you use now.");
        }
        return problems;
    }
}
