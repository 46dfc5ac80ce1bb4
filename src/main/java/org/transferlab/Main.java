package org.transferlab;

import org.transferlab.cli.TransferLabCommand;

/** Entry point: with no arguments the app (once it exists) opens; with a command, the CLI runs it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        System.exit(TransferLabCommand.execute(args));
    }
}
