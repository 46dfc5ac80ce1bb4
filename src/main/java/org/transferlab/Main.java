package org.transferlab;

import org.transferlab.cli.TransferLabCommand;

/**
 * Entry point: with no arguments (or {@code app}) the desktop app opens on the embedded data; with a command,
 * the command line runs it. Main does not extend {@code Application}, so the app starts from a plain class
 * path ({@code java -jar}) without the JavaFX module launcher.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        org.transferlab.engine.Backend.select(); // before anything loads ND4J: keeps it off GPUs it cannot run
        if (args.length == 0 || args[0].equals("app")) {
            org.transferlab.ui.TransferLabApp.open();
            System.exit(0);
        }
        System.exit(TransferLabCommand.execute(args));
    }
}
