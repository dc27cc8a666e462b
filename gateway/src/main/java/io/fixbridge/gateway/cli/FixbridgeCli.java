package io.fixbridge.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fixbridge} command line: {@code run}, {@code client}, {@code simulate}. */
@Command(name = "fixbridge", mixinStandardHelpOptions = true, version = "fixbridge 0.1.0",
        description = "FIX 4.4 gateway to crypto venues.",
        subcommands = {RunCommand.class, ClientCommand.class, SimulateCommand.class, KeystoreCommand.class, CommandLine.HelpCommand.class})
public final class FixbridgeCli implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new FixbridgeCli()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
