package org.transferlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.transferlab.kernel.JupyterCheck;
import org.transferlab.kernel.KernelSpec;
import org.transferlab.kernel.TransferLabKernel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kernel install | uninstall | start}: TransferLab as a Jupyter kernel. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "The TransferLab Jupyter kernel: Java cells (JShell) with TransferLab on the class path.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Uninstall.class, KernelCommand.Status.class,
            KernelCommand.Start.class})
final class KernelCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where the kernelspec goes: the user's Jupyter folder (the default) or a prefix's. */
    static final class Where {
        @Option(names = "--user", description = "the user's Jupyter data folder (the default)")
        boolean user;
        @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter/kernels/transferlab")
        Path prefix;

        static Path of(Where w) {
            return w == null || w.prefix == null ? KernelSpec.forUser() : KernelSpec.underPrefix(w.prefix);
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write the kernelspec \"" + KernelSpec.DISPLAY_NAME + "\" (kernel.json and logos).")
    static final class Install implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where;

        @Override
        public Integer call() throws Exception {
            Path dir = KernelSpec.install(Where.of(where));
            System.out.println("Installed the kernel " + KernelSpec.NAME + " (" + KernelSpec.DISPLAY_NAME + ") in " + dir);
            if (where != null && where.prefix != null) {
                System.out.println("Jupyter finds it when it runs from that prefix, or with JUPYTER_PATH="
                        + where.prefix.toAbsolutePath().normalize().resolve("share").resolve("jupyter"));
            }
            System.out.println(JupyterCheck.jupyterVersion()
                    .map(v -> "Jupyter is here (" + v + "): open a notebook, e.g. jupyter notebook notebooks/part1.ipynb")
                    .orElse(JupyterCheck.JUPYTER_MISSING));
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove the kernelspec.")
    static final class Uninstall implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where;

        @Override
        public Integer call() throws Exception {
            Path dir = Where.of(where);
            System.out.println(KernelSpec.uninstall(dir) ? "Removed " + dir : "No kernel installed in " + dir);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Is Jupyter installed, and does the installed kernel still start? (exit 1 if not)")
    static final class Status implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where;

        @Override
        public Integer call() {
            Path dir = Where.of(where);
            var jupyter = JupyterCheck.jupyterVersion();
            System.out.println(jupyter.map(v -> "Jupyter: " + v).orElse(JupyterCheck.JUPYTER_MISSING));
            List<String> problems = JupyterCheck.problems(dir);
            if (problems.isEmpty()) {
                System.out.println("Kernel: " + KernelSpec.DISPLAY_NAME + " installed in " + dir + " and startable");
            }
            problems.forEach(System.out::println);
            return jupyter.isPresent() && problems.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Serve Jupyter's connection file (what kernel.json's argv runs; Jupyter starts it).")
    static final class Start implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE")
        Path connectionFile;

        @Option(names = "--cells-vm-option", paramLabel = "OPTION",
                description = "an option for the JVM the cells run in (e.g. -Xmx4g); repeatable")
        List<String> vmOptions = List.of();

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(connectionFile)) {
                throw new IllegalArgumentException("cannot read the connection file " + connectionFile);
            }
            TransferLabKernel.serve(KernelConnectionProperties.parse(Files.readString(connectionFile)), vmOptions);
            return 0;
        }
    }
}
