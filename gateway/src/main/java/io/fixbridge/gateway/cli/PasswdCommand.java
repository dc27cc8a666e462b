package io.fixbridge.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.fixbridge.gateway.config.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fixbridge passwd}: makes the salted hash of a FIX session password for gateway.yaml
 * ({@code sessions[].passwordHash}). The password is read from the console without echo (asked
 * twice), or with {@code --stdin} from the first line of standard input (for scripts); never from
 * an argument, which would end up in shell history and process listings. Standard output gets
 * the hash line only, so {@code $(fixbridge passwd --stdin)} captures it; the hint goes to
 * standard error. The password is never printed.
 *
 * <p>Exit codes: 0 done, 1 standard input cannot be read, 2 no console, passwords differ or
 * the password is too short.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Make the salted hash (PBKDF2-HMAC-SHA256) of a FIX session password for gateway.yaml:",
                "sessions[].passwordHash. Reads the password from the console without echo, or with --stdin",
                "from the first line of standard input; prints the hash."})
final class PasswdCommand implements Callable<Integer> {
    static final int IO_ERROR = 1;
    static final int USAGE = 2;
    /** Shorter passwords are refused. */
    static final int MIN_LENGTH = 8;

    /** Reads a hidden line from the terminal. */
    interface Prompter {
        char[] readPassword(String prompt);
    }

    private final InputStream stdin;
    private final Prompter prompter;

    @Spec
    CommandSpec spec;

    @Option(names = "--stdin", description = "read the password from the first line of standard input instead of the console")
    boolean fromStdin;

    /** As run from the shell: standard input and {@link System#console()}. */
    PasswdCommand() {
        this(System.in, System.console() == null ? null : prompt -> System.console().readPassword("%s", prompt));
    }

    /** With standard input and console given (tests); {@code prompterOrNull} null means no console. */
    PasswdCommand(InputStream stdin, Prompter prompterOrNull) {
        this.stdin = stdin;
        this.prompter = prompterOrNull;
    }

    @Override
    public Integer call() {
        char[] password = null;
        try {
            password = fromStdin ? firstLine() : prompted();
            if (password.length < MIN_LENGTH) {
                return usage("the password is shorter than " + MIN_LENGTH + " characters; nothing was made");
            }
            String hash = PasswordHash.create(password).encoded();
            spec.commandLine().getOut().println(hash);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("put it under the session in gateway.yaml, quoted: passwordHash: '" + hash + "'");
            return 0;
        } catch (UsageError e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            spec.commandLine().getErr().println("fixbridge passwd: cannot read standard input: " + e.getMessage());
            return IO_ERROR;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("fixbridge passwd: " + message);
        return USAGE;
    }

    private char[] prompted() {
        if (prompter == null) {
            throw new UsageError("no console to ask for the password; pipe it in with --stdin");
        }
        char[] first = prompter.readPassword("FIX session password: ");
        if (first == null) {
            throw new UsageError("no password entered");
        }
        char[] second = prompter.readPassword("Repeat the password: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new UsageError("the two passwords differ; nothing was made");
            }
            return first;
        } finally {
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    /** The first line of standard input without its line end; nothing else is read. */
    private char[] firstLine() throws IOException {
        Reader in = new InputStreamReader(stdin, StandardCharsets.UTF_8);
        char[] buffer = new char[64];
        int length = 0;
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (length == buffer.length) {
                char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                Arrays.fill(buffer, '\0');
                buffer = bigger;
            }
            buffer[length++] = (char) c;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        char[] line = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return line;
    }

    /** A user mistake reported on stderr with exit code 2. */
    private static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
