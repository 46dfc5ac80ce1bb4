package org.transferlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferlab.cli.TransferLabCommand;

/** {@code kernel install --prefix DIR} writes Jupyter's standard layout; {@code kernel uninstall} removes it. */
class KernelSpecTest {
    @Test
    void installAndUninstallUnderAPrefix(@TempDir Path prefix) throws Exception {
        assertEquals(0, TransferLabCommand.execute("kernel", "install", "--prefix", prefix.toString()));
        Path dir = prefix.resolve("share/jupyter/kernels/transferlab");
        JsonNode spec = new ObjectMapper().readTree(dir.resolve("kernel.json").toFile());
        assertEquals("TransferLab (Java 17)", spec.get("display_name").asText());
        assertEquals("java", spec.get("language").asText());
        assertEquals("message", spec.get("interrupt_mode").asText());
        List<String> argv = new ObjectMapper().convertValue(spec.get("argv"), List.class);
        assertTrue(Path.of(argv.get(0)).isAbsolute() && Files.isExecutable(Path.of(argv.get(0))), argv.get(0));
        assertEquals(List.of("org.transferlab.Main", "kernel", "start", "{connection_file}"),
                argv.subList(argv.size() - 4, argv.size()));
        assertTrue(Files.size(dir.resolve("logo-64x64.png")) > 0);

        assertEquals(0, TransferLabCommand.execute("kernel", "uninstall", "--prefix", prefix.toString()));
        assertFalse(Files.exists(dir));
    }

    @Test
    void userFolderIsJupytersOnLinux() {
        if (System.getProperty("os.name").toLowerCase().contains("linux") && System.getenv("XDG_DATA_HOME") == null) {
            assertEquals(Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels/transferlab"),
                    KernelSpec.forUser());
        }
    }
}
