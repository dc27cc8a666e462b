package io.fixbridge.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthKeystore;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.KdfStrength;
import io.fixbridge.venue.kit.sign.eth.KeyManagementException;
import io.fixbridge.venue.kit.sign.eth.PassphraseSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fixbridge keystore create | import | address | rotate}: manages the encrypted Ethereum V3
 * keystore that signs Hyperliquid requests. Passphrases come from {@code --passphrase-env},
 * {@code --passphrase-file} or a console prompt; a private key to import from
 * {@code --private-key-env} or {@code --private-key-stdin}, never from an argument (arguments end
 * up in shell history and process listings). Output names files and addresses only; no key or
 * passphrase is ever printed or logged.
 *
 * <p>Exit codes: 0 done, 1 I/O failure, 2 usage or invalid input, 3 file or variable not found,
 * 4 keystore already exists, 5 wrong passphrase, 6 not a valid keystore.
 */
@Command(name = "keystore", mixinStandardHelpOptions = true,
        description = "Manage the encrypted key file (Ethereum V3 keystore) that signs Hyperliquid requests.",
        subcommands = {KeystoreCommand.Create.class, KeystoreCommand.Import.class, KeystoreCommand.Address.class,
                KeystoreCommand.Rotate.class})
final class KeystoreCommand implements Runnable {
    static final int IO_ERROR = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int ALREADY_EXISTS = 4;
    static final int WRONG_PASSPHRASE = 5;
    static final int INVALID_KEYSTORE = 6;

    /** Reads a hidden line from the terminal; null when there is no console. */
    interface Prompter {
        char[] readPassword(String prompt);
    }

    final UnaryOperator<String> environment;
    final InputStream stdin;
    final Prompter prompter;

    @Spec
    CommandSpec spec;

    /** As run from the shell: the process environment, standard input and {@link System#console()}. */
    KeystoreCommand() {
        this(System::getenv, System.in, System.console() == null ? null : prompt -> System.console().readPassword("%s", prompt));
    }

    /** With the environment, standard input and console given (tests). */
    KeystoreCommand(UnaryOperator<String> environment, InputStream stdin, Prompter prompterOrNull) {
        this.environment = environment;
        this.stdin = stdin;
        this.prompter = prompterOrNull;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the passphrase comes from: exactly one option, or the console prompt when neither is given. */
    static final class PassphraseOptions {
        @Option(names = "--passphrase-env", paramLabel = "NAME",
                description = "environment variable holding the passphrase")
        String env;

        @Option(names = "--passphrase-file", paramLabel = "PATH",
                description = "file holding the passphrase (first line; keep it chmod 600)")
        Path file;
    }

    /** What the subcommands share: the file, the passphrase options, output and error mapping. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        KeystoreCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "PATH", description = "the keystore file")
        Path file;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        PassphraseOptions passphrase;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public final Integer call() {
            try {
                return execute();
            } catch (KeyManagementException e) {
                err().println("fixbridge keystore: " + e.getMessage());
                return switch (e.reason()) {
                    case NOT_FOUND -> NOT_FOUND;
                    case ALREADY_EXISTS -> ALREADY_EXISTS;
                    case WRONG_PASSPHRASE -> WRONG_PASSPHRASE;
                    case INVALID -> INVALID_KEYSTORE;
                    case IO -> IO_ERROR;
                };
            } catch (UsageError e) {
                err().println("fixbridge keystore: " + e.getMessage());
                return USAGE;
            } finally {
                out().flush();
                err().flush();
            }
        }

        abstract int execute();

        boolean passphraseGiven() {
            return passphrase != null && (passphrase.env != null || passphrase.file != null);
        }

        /** The passphrase from the options, else from the console (twice when {@code confirm}). */
        char[] passphrase(boolean confirm) {
            if (passphrase != null && passphrase.env != null) {
                return PassphraseSource.fromEnv(passphrase.env, parent.environment).passphrase();
            }
            if (passphrase != null && passphrase.file != null) {
                return PassphraseSource.fromFile(passphrase.file).passphrase();
            }
            if (parent.prompter == null) {
                throw new UsageError("no console to ask for the passphrase; pass --passphrase-env NAME or --passphrase-file PATH");
            }
            char[] first = parent.prompter.readPassword("Passphrase for " + file + ": ");
            if (first == null || first.length == 0) {
                throw new UsageError("no passphrase entered");
            }
            if (!confirm) {
                return first;
            }
            char[] second = parent.prompter.readPassword("Repeat the passphrase: ");
            try {
                if (!Arrays.equals(first, second)) {
                    Arrays.fill(first, '\0');
                    throw new UsageError("the two passphrases differ; nothing was written");
                }
                return first;
            } finally {
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }

        void printNextSteps(EthAddress address) {
            out().println("next steps:");
            out().println("  - keep a backup of " + file + " and, separately, of its passphrase: without both the key is lost");
            out().println("  - as an API (agent) wallet: approve " + address.checksummed()
                    + " for your Hyperliquid account (app.hyperliquid.xyz > More > API, or an approveAgent action");
            out().println("    signed by the account) before it signs, and set the account's `user:` to the account address");
            out().println("  - as the account itself: deposit to " + address.checksummed() + " before trading");
            out().println("  - in gateway.yaml, under the Hyperliquid account: keystore: " + file
                    + " and passphraseEnv: NAME or passphraseFile: PATH");
        }
    }

    /** A user mistake reported on stderr with exit code 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** {@code --kdf standard|light}. */
    enum Kdf {
        standard(KdfStrength.STANDARD), light(KdfStrength.LIGHT);

        final KdfStrength strength;

        Kdf(KdfStrength strength) {
            this.strength = strength;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Generate a new key into a new keystore file and print its address.")
    static final class Create extends Base {
        @Option(names = "--kdf", defaultValue = "standard", paramLabel = "standard|light",
                description = "scrypt cost: standard (geth default, n=262144) or light (n=4096, tests only); default ${DEFAULT-VALUE}")
        Kdf kdf;

        @Override
        int execute() {
            char[] pass = passphrase(true);
            try {
                EthAddress address = EthKeystore.create(file, pass, kdf.strength);
                out().println("created keystore " + file);
                out().println("address: " + address.checksummed());
                printNextSteps(address);
                return 0;
            } finally {
                Arrays.fill(pass, '\0');
            }
        }
    }

    /** Where the private key to import comes from. */
    static final class KeyInput {
        @Option(names = "--private-key-env", paramLabel = "NAME", required = true,
                description = "environment variable holding the private key (64 hex digits, optional 0x)")
        String env;

        @Option(names = "--private-key-stdin", required = true, description = "read the private key from standard input")
        boolean stdin;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Encrypt an existing private key into a new keystore file.")
    static final class Import extends Base {
        @ArgGroup(exclusive = true, multiplicity = "1")
        KeyInput key;

        @Option(names = "--kdf", defaultValue = "standard", paramLabel = "standard|light",
                description = "scrypt cost: standard (geth default) or light (tests only); default ${DEFAULT-VALUE}")
        Kdf kdf;

        @Override
        int execute() {
            EthSigningKey signingKey = readKey();
            char[] pass = passphrase(true);
            try {
                EthAddress address = EthKeystore.importKey(file, signingKey, pass, kdf.strength);
                out().println("imported into keystore " + file);
                out().println("address: " + address.checksummed());
                out().println("remove the plain private key from where it came from (environment, files, history)");
                printNextSteps(address);
                return 0;
            } finally {
                Arrays.fill(pass, '\0');
            }
        }

        private EthSigningKey readKey() {
            char[] chars;
            if (key.env != null) {
                String value = parent.environment.apply(key.env);
                if (value == null || value.isBlank()) {
                    throw new UsageError("the environment variable " + key.env + " with the private key is not set");
                }
                chars = value.toCharArray();
            } else {
                chars = readAll(parent.stdin);
            }
            try {
                return EthSigningKey.fromHex(chars);
            } catch (IllegalArgumentException e) {
                throw new UsageError("the private key is not valid: " + e.getMessage());
            } finally {
                Arrays.fill(chars, '\0');
            }
        }

        private static char[] readAll(InputStream in) {
            char[] buffer = new char[256];
            int length = 0;
            try {
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                int n;
                while ((n = reader.read(buffer, length, buffer.length - length)) > 0) {
                    length += n;
                    if (length == buffer.length) {
                        throw new UsageError("standard input is too long for a private key");
                    }
                }
            } catch (IOException e) {
                Arrays.fill(buffer, '\0');
                throw new KeyManagementException(KeyManagementException.Reason.IO,
                        "cannot read the private key from standard input: " + e.getClass().getSimpleName(), e);
            }
            char[] out = Arrays.copyOf(buffer, length);
            Arrays.fill(buffer, '\0');
            if (length == 0) {
                throw new UsageError("standard input was empty; pipe the private key in (e.g. from a password manager)");
            }
            return out;
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Print the keystore's address (no passphrase needed; with one, the file is decrypted to check it).")
    static final class Address extends Base {
        @Override
        int execute() {
            EthAddress address;
            if (passphraseGiven()) {
                char[] pass = passphrase(false);
                try {
                    address = EthKeystore.load(file, pass).address();
                } finally {
                    Arrays.fill(pass, '\0');
                }
                out().println(address.checksummed() + "  (passphrase verified)");
            } else {
                address = EthKeystore.address(file);
                out().println(address.checksummed());
            }
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Replace the key in the keystore by a new one (same passphrase); the old file is kept as <file>.<UTC time>.retired.",
                    "For an API wallet the venue must approve first: --stage writes the new key to <file>.next and prints its address,",
                    "the running gateway keeps the old key; after the approval, --activate puts the staged key in place."})
    static final class Rotate extends Base {
        @Option(names = "--kdf", defaultValue = "standard", paramLabel = "standard|light",
                description = "scrypt cost of the new file: standard or light (tests only); default ${DEFAULT-VALUE}")
        Kdf kdf;

        @Option(names = "--stage", description = "write the new key to <file>.next, leaving the key in use as it is")
        boolean stage;

        @Option(names = "--activate", description = "put the key staged with --stage in place of the one in use")
        boolean activate;

        @Override
        int execute() {
            if (stage && activate) {
                throw new UsageError("--stage and --activate are two steps: run rotate --stage, approve the new address, "
                        + "then rotate --activate");
            }
            char[] pass = passphrase(false);
            try {
                if (stage) {
                    EthAddress next = EthKeystore.stage(file, pass, kdf.strength);
                    out().println("staged a new key in " + EthKeystore.stagedFile(file) + " (the key in use is unchanged)");
                    out().println("staged address:   " + next.checksummed());
                    out().println("next steps:");
                    out().println("  - approve " + next.checksummed() + " as an API (agent) wallet of the account");
                    out().println("  - then: fixbridge keystore rotate --activate --file " + file
                            + "  (a running gateway switches within its keystorePollInterval)");
                    return 0;
                }
                EthKeystore.Rotation rotation = activate
                        ? EthKeystore.activate(file, pass, java.time.Clock.systemUTC())
                        : EthKeystore.rotate(file, pass, kdf.strength);
                printRotation(rotation, !activate);
                return 0;
            } finally {
                Arrays.fill(pass, '\0');
            }
        }

        private void printRotation(EthKeystore.Rotation rotation, boolean unapproved) {
            out().println("rotated keystore " + file);
            out().println("previous address: " + rotation.previous().checksummed());
            out().println("new address:      " + rotation.current().checksummed());
            out().println("old key kept in:  " + rotation.retiredFile());
            out().println("next steps:");
            if (unapproved) {
                out().println("  - as an API (agent) wallet: approve " + rotation.current().checksummed()
                        + " for the account NOW; a running gateway signs with the new key");
                out().println("    within its keystorePollInterval, and the venue refuses it until it is approved");
                out().println("    (next time: rotate --stage, approve, rotate --activate)");
                out().println("  - as the account itself: the new address is a different account; move funds to it first");
            }
            out().println("  - once nothing signs with " + rotation.previous().checksummed() + " any more, revoke it and delete "
                    + rotation.retiredFile() + " securely");
        }
    }
}
