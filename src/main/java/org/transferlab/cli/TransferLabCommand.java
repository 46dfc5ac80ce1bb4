package org.transferlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code transferlab} command and its subcommands. */
@Command(name = "transferlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "TransferLab: transfer learning and multi-task learning you can touch.%n"
                + "Run with a command for headless use.",
        subcommands = {ChaptersCommand.class, TrainCommand.class, MethodsCommand.class, EvaluateCommand.class, BenchCommand.class, ModelsCommand.class, DownloadCommand.class, ScreenshotsCommand.class, ExportCommand.class, MakeEmbeddedDataCommand.class, MakeSourceCommand.class, FineTuneTableCommand.class, GeneralityCommand.class, NeighboursCommand.class, CheckCommand.class, FrontCommand.class, KernelCommand.class})
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
        CommandLine train = cl.getSubcommands().get("train");
        train.setStopAtUnmatched(true); // the options of `train --method kd …` go to the chapter's command
        for (org.transferlab.chapters.Chapter c : org.transferlab.chapters.Chapters.training()) {
            train.addSubcommand(c.id(), c.trainCommand());
        }
        return configure(cl, null).execute(chapterFirst(args));
    }

    /**
     * {@code train … --chapter ID …} (the form of earlier versions) as {@code train ID …}: picocli would read a
     * chapter's id after {@code --chapter} as the subcommand, not as the option's value.
     */
    static String[] chapterFirst(String[] args) {
        if (args.length < 2 || !args[0].equals("train")) {
            return args;
        }
        java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String id = a.equals("--chapter") && i + 1 < rest.size() ? rest.get(i + 1)
                    : a.startsWith("--chapter=") ? a.substring("--chapter=".length()) : null;
            if (id != null && org.transferlab.chapters.Chapters.training().stream().anyMatch(c -> c.id().equals(id))) {
                rest.subList(i, a.equals("--chapter") ? i + 2 : i + 1).clear();
                rest.add(0, id);
                break;
            }
        }
        rest.add(0, "train");
        return rest.toArray(String[]::new);
    }

    /**
     * One error line for a failed command (exit 2 for bad settings, 1 for a failed run), for this command line and
     * its subcommands; the streams of {@code parent} where given.
     */
    static CommandLine configure(CommandLine cl, CommandLine parent) {
        if (parent != null) {
            cl.setOut(parent.getOut());
            cl.setErr(parent.getErr());
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }
}
