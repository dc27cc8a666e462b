package io.fixbridge.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fixbridge} command line: {@code run}, {@code client}, {@code simulate}. */
@Command(name = "fixbridge", mixinStandardHelpOptions = true, version = "fixbridge 0.1.0",
        description = "FIX 4.4 gateway to crypto venues.",
        subcommands = {RunCommand.class, ClientCommand.class, SimulateCommand.class, KeystoreCommand.class, PasswdCommand.class, HarnessCommand.class, CommandLine.HelpCommand.class})
public final class FixbridgeCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its handler of {@link CommandFailure}s: one line on stderr, no stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new FixbridgeCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CommandFailure) {
                cmd.getErr().println("fixbridge: " + e.getMessage());
                return CommandFailure.EXIT_CODE;
            }
            throw e;
        });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
