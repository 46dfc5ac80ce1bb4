package org.transferlab.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The kernelspec Jupyter finds the TransferLab kernel by: {@code kernels/transferlab/kernel.json} (the command
 * that starts it with {@code {connection_file}}, its display name, language java, interrupts as messages) and
 * two logos, in Jupyter's standard folders: {@code PREFIX/share/jupyter/kernels/transferlab}, or the user's
 * data folder ({@code ~/.local/share/jupyter} on Linux or {@code $XDG_DATA_HOME/jupyter},
 * {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows).
 */
public final class KernelSpec {
    /** The kernel's name: what notebooks' {@code metadata.kernelspec.name} says. */
    public static final String NAME = "transferlab";
    public static final String DISPLAY_NAME = "TransferLab (Java 17)";

    private KernelSpec() {
    }

    /** {@code PREFIX/share/jupyter/kernels/transferlab}. */
    public static Path underPrefix(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels").resolve(NAME);
    }

    /** The user's kernel folder on this system. */
    public static Path forUser() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        Path data;
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            data = (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("jupyter");
        } else if (os.contains("mac")) {
            data = home.resolve("Library").resolve("Jupyter");
        } else {
            String xdg = System.getenv("XDG_DATA_HOME");
            data = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
                    .resolve("jupyter");
        }
        return data.resolve("kernels").resolve(NAME);
    }

    /**
     * The command that starts the kernel: this Java, this JVM's class path (absolute; a jar's manifest brings its
     * {@code lib/}), {@code org.transferlab.Main kernel start {connection_file}}.
     */
    public static List<String> argv() {
        return argv(System.getProperty("java.class.path"));
    }

    /**
     * The command with another class path (a test's, whose JVM may see only a launcher jar). When this JVM was
     * started with {@code -Dtransferlab.home=DIR}, the kernel and its cells use that home too (its runs folder),
     * so {@code java -Dtransferlab.home=/tmp/h -jar transferlab.jar kernel install} makes a kernel that keeps its
     * runs apart.
     */
    public static List<String> argv(String classPath) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String home = System.getProperty("transferlab.home");
        if (home != null && !home.isBlank()) {
            argv.add("-Dtransferlab.home=" + Path.of(home).toAbsolutePath().normalize());
        }
        argv.add("-cp");
        argv.add(absoluteClassPath(classPath));
        argv.add("org.transferlab.Main");
        argv.add("kernel");
        argv.add("start");
        if (home != null && !home.isBlank()) {
            argv.add("--cells-vm-option=-Dtransferlab.home=" + Path.of(home).toAbsolutePath().normalize());
        }
        argv.add("{connection_file}");
        return argv;
    }

    static String absoluteClassPath(String classPath) {
        return Stream.of(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                .reduce((a, b) -> a + File.pathSeparator + b).orElse("");
    }

    /** Writes the kernelspec into {@code dir} (made if missing, files replaced); returns {@code dir}. */
    public static Path install(Path dir) throws IOException {
        return install(dir, argv());
    }

    /** Writes the kernelspec with this start command (see {@link #argv(String)}) into {@code dir}. */
    public static Path install(Path dir, List<String> argv) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec = json.createObjectNode();
        argv.forEach(spec.putArray("argv")::add);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message"); // Jupyter's SIGINT would end the JVM; a message stops the cell
        spec.putObject("metadata");
        Files.writeString(dir.resolve("kernel.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
        ImageIO.write(logo(32), "png", dir.resolve("logo-32x32.png").toFile());
        ImageIO.write(logo(64), "png", dir.resolve("logo-64x64.png").toFile());
        return dir;
    }

    /** Removes {@code dir} (a kernelspec folder); false if there was none. */
    public static boolean uninstall(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return true;
    }

    /** "TL" on TransferLab's blue: drawn, so no image file to ship. */
    static BufferedImage logo(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x1f, 0x5f, 0xa8));
        g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size / 2));
        var fm = g.getFontMetrics();
        String text = "TL";
        g.drawString(text, (size - fm.stringWidth(text)) / 2, (size - fm.getHeight()) / 2 + fm.getAscent());
        g.dispose();
        return img;
    }
}
