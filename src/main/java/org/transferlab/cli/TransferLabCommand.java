package org.transferlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code transferlab} command and its subcommands. */
@Command(name = "transferlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "TransferLab: transfer learning and multi-task learning you can touch.%n"
                + "Run with a command for headless use.",
        subcommands = {TrainCommand.class, MethodsCommand.class, EvaluateCommand.class, BenchCommand.class, ModelsCommand.class, DownloadCommand.class, ScreenshotsCommand.class, ExportCommand.class, MakeEmbeddedDataCommand.class, MakeSourceCommand.class, FineTuneTableCommand.class, GeneralityCommand.class, NeighboursCommand.class, CheckCommand.class, FrontCommand.class})
public final class TransferLabCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("The TransferLab window is not part of this build yet; use a command:");
        spec.commandLine().usage(out);
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failed run, 2 bad usage or settings. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new TransferLabCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }
}
