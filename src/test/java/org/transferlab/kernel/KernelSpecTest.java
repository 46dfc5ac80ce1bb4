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
        int main = argv.indexOf("org.transferlab.Main");
        assertEquals(List.of("org.transferlab.Main", "kernel", "start"), argv.subList(main, main + 3));
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
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

    @Test
    void aHomeGivenToTheInstallerIsTheKernelsAndItsCellsHome(@TempDir Path dir) {
        String before = System.getProperty("transferlab.home");
        System.setProperty("transferlab.home", dir.resolve("h").toString());
        try {
            List<String> argv = KernelSpec.argv("a.jar");
            String home = "-Dtransferlab.home=" + dir.resolve("h").toAbsolutePath();
            assertEquals(home, argv.get(1), argv::toString);
            assertTrue(argv.contains("--cells-vm-option=" + home), argv::toString);
            assertTrue(argv.indexOf("--cells-vm-option=" + home) > argv.indexOf("start"), argv::toString);
        } finally {
            if (before == null) {
                System.clearProperty("transferlab.home");
            } else {
                System.setProperty("transferlab.home", before);
            }
        }
    }

    @Test
    void statusNamesAMissingKernelAndOneWhoseJarIsGone(@TempDir Path prefix) throws Exception {
        Path dir = KernelSpec.underPrefix(prefix);
        List<String> none = JupyterCheck.problems(dir);
        assertEquals(1, none.size());
        assertTrue(none.get(0).startsWith("No TransferLab kernel is installed in " + dir), none::toString);
        assertTrue(none.get(0).contains("kernel install"), none::toString);

        KernelSpec.install(dir);
        assertEquals(List.of(), JupyterCheck.problems(dir), "installed from this JVM's class path");

        Path gone = prefix.resolve("moved-away/transferlab.jar");
        KernelSpec.install(dir, KernelSpec.argv(gone.toString()));
        List<String> stale = JupyterCheck.problems(dir);
        assertEquals(1, stale.size(), stale::toString);
        assertTrue(stale.get(0).contains(gone.toString()) && stale.get(0).contains("which is gone"), stale::toString);
        assertEquals(1, TransferLabCommand.execute("kernel", "status", "--prefix", prefix.toString()));
    }

    @Test
    void jupyterVersionSummaryNamesWhatNotebooksNeed() {
        String out = "Selected Jupyter core packages...\nIPython          : 8.5.0\njupyter_core     : 4.12.0\n"
                + "jupyterlab       : not installed\nnbconvert        : 6.5.3\nnotebook         : 6.4.12\n";
        assertEquals("jupyter_core 4.12.0, nbconvert 6.5.3, notebook 6.4.12", JupyterCheck.summary(out));
        assertEquals("jupyter 5.0", JupyterCheck.summary("jupyter 5.0\n"));
    }
}
