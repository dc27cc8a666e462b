package io.fixbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fixbridge.testkit.LogCapture;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthKeystore;
import picocli.CommandLine;

/**
 * {@code fixbridge keystore create | import | address | rotate} in process, on temporary files with
 * the light scrypt cost. Every test ends by checking that no private key or passphrase reached
 * stdout, stderr or any log line.
 */
class KeystoreCommandTest {
    private static final String PASS = "cli-test-passphrase-42";
    private static final String PY_KEY = "0123456789012345678901234567890123456789012345678901234567890123";
    private static final String PY_ADDRESS = "0x14791697260E4c9A71f18484C9f997B308e59325";
    private static final String RS_KEY = "e908f86dbb4d55ac876378565aafeabc187f6690f046459397b17d9b9a19688e";
    private static final String RS_ADDRESS = "0xcD49bbAc6E85fdEB167EB7cA41A945d2b8758F6F";

    @TempDir
    Path dir;

    private Path passFile;
    private LogCapture logs;
    private final List<String> outputs = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>(List.of(PASS, PY_KEY, RS_KEY, "wrong-guess", "typo-one"));

    @BeforeEach
    void setUp() throws Exception {
        passFile = dir.resolve("pass.txt");
        Files.writeString(passFile, PASS + "\n");
        logs = new LogCapture();
    }

    @AfterEach
    void noSecretsAnywhere() {
        List<String> everything = new ArrayList<>(outputs);
        everything.addAll(logs.lines());
        logs.close();
        for (String text : everything) {
            for (String secret : secrets) {
                assertThat(text.toLowerCase()).doesNotContain(secret.toLowerCase());
            }
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    /** Through {@code fixbridge} itself, as the shell runs it (no console in tests). */
    private Result cli(String... args) {
        return execute(new CommandLine(new FixbridgeCli()), args);
    }

    /** The keystore command with a given environment, stdin and console answers (null = no console). */
    private Result keystore(Map<String, String> env, String stdin, Deque<String> consoleAnswers, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        KeystoreCommand.Prompter prompter = consoleAnswers == null ? null : prompt -> {
            String answer = consoleAnswers.poll();
            return answer == null ? null : answer.toCharArray();
        };
        return execute(new CommandLine(new KeystoreCommand(env::get, in, prompter)), args);
    }

    private Result execute(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        Result r = new Result(code, out.toString(), err.toString());
        outputs.add(r.out);
        outputs.add(r.err);
        return r;
    }

    @Test
    void createPrintsTheAddressAndNextStepsAndRefusesToOverwrite() throws Exception {
        Path file = dir.resolve("keys/hl.json");
        Result r = cli("keystore", "create", "--file", file.toString(), "--passphrase-file", passFile.toString(), "--kdf", "light");

        assertThat(r.exitCode).as(r.err).isZero();
        EthAddress address = EthKeystore.address(file);
        assertThat(r.out).contains("created keystore " + file, "address: " + address.checksummed(),
                "approve " + address.checksummed(), "passphraseFile");
        assertThat(EthKeystore.load(file, PASS.toCharArray()).address()).isEqualTo(address);

        Result again = cli("keystore", "create", "--file", file.toString(), "--passphrase-file", passFile.toString(), "--kdf", "light");
        assertThat(again.exitCode).isEqualTo(KeystoreCommand.ALREADY_EXISTS);
        assertThat(again.err).contains("keystore " + file + " already exists; refusing to overwrite it");
        assertThat(EthKeystore.address(file)).isEqualTo(address);
    }

    @Test
    void addressReadsTheFileAndChecksThePassphraseWhenGiven() {
        Path file = dir.resolve("hl.json");
        assertThat(keystore(Map.of("PY_KEY", PY_KEY), "", null, "import", "--file", file.toString(),
                "--private-key-env", "PY_KEY", "--passphrase-file", passFile.toString(), "--kdf", "light").exitCode).isZero();

        Result plain = cli("keystore", "address", "--file", file.toString());
        assertThat(plain.exitCode).isZero();
        assertThat(plain.out.strip()).isEqualTo(PY_ADDRESS);

        Result verified = keystore(Map.of("HL_PASS", PASS), "", null, "address", "--file", file.toString(), "--passphrase-env", "HL_PASS");
        assertThat(verified.exitCode).isZero();
        assertThat(verified.out).contains(PY_ADDRESS + "  (passphrase verified)");

        Result wrong = keystore(Map.of("HL_PASS", "wrong-guess"), "", null, "address", "--file", file.toString(),
                "--passphrase-env", "HL_PASS");
        assertThat(wrong.exitCode).isEqualTo(KeystoreCommand.WRONG_PASSPHRASE);
        assertThat(wrong.err).contains("wrong passphrase for keystore " + file);

        Result unset = keystore(Map.of(), "", null, "address", "--file", file.toString(), "--passphrase-env", "HL_PASS");
        assertThat(unset.exitCode).isEqualTo(KeystoreCommand.NOT_FOUND);
        assertThat(unset.err).contains("HL_PASS", "not set");
    }

    @Test
    void aMissingFileIsNamedWithTheFix() {
        Path file = dir.resolve("absent.json");
        Result r = cli("keystore", "address", "--file", file.toString());
        assertThat(r.exitCode).isEqualTo(KeystoreCommand.NOT_FOUND);
        assertThat(r.err).contains("keystore " + file + " does not exist", "keystore create");
        Result rotate = cli("keystore", "rotate", "--file", file.toString(), "--passphrase-file", passFile.toString());
        assertThat(rotate.exitCode).isEqualTo(KeystoreCommand.NOT_FOUND);
        Result noPassFile = cli("keystore", "create", "--file", file.toString(), "--passphrase-file", dir.resolve("nope").toString());
        assertThat(noPassFile.exitCode).isEqualTo(KeystoreCommand.NOT_FOUND);
        assertThat(noPassFile.err).contains("passphrase file " + dir.resolve("nope") + " does not exist");
        assertThat(file).doesNotExist();
    }

    @Test
    void importFromStdinAndRefusalOfBadKeysWithoutEchoingThem() {
        Path file = dir.resolve("rs.json");
        Result ok = keystore(Map.of(), "0x" + RS_KEY + "\n", null, "import", "--file", file.toString(),
                "--private-key-stdin", "--passphrase-file", passFile.toString(), "--kdf", "light");
        assertThat(ok.exitCode).as(ok.err).isZero();
        assertThat(ok.out).contains("address: " + RS_ADDRESS, "remove the plain private key");
        assertThat(EthKeystore.load(file, PASS.toCharArray()).address()).isEqualTo(EthAddress.parse(RS_ADDRESS));

        String badKey = RS_KEY.substring(0, 60) + "zzzz";
        secrets.add(badKey);
        Result bad = keystore(Map.of(), badKey, null, "import", "--file", dir.resolve("bad.json").toString(),
                "--private-key-stdin", "--passphrase-file", passFile.toString(), "--kdf", "light");
        assertThat(bad.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(bad.err).contains("the private key is not valid");
        assertThat(dir.resolve("bad.json")).doesNotExist();

        Result empty = keystore(Map.of(), "", null, "import", "--file", dir.resolve("e.json").toString(),
                "--private-key-stdin", "--passphrase-file", passFile.toString());
        assertThat(empty.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(empty.err).contains("standard input was empty");

        Result unsetEnv = keystore(Map.of(), "", null, "import", "--file", dir.resolve("e.json").toString(),
                "--private-key-env", "HL_KEY", "--passphrase-file", passFile.toString());
        assertThat(unsetEnv.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(unsetEnv.err).contains("HL_KEY");

        Result neither = keystore(Map.of(), "", null, "import", "--file", dir.resolve("e.json").toString(),
                "--passphrase-file", passFile.toString());
        assertThat(neither.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(neither.err).contains("--private-key-env", "--private-key-stdin");
    }

    @Test
    void rotateReportsBothAddressesAndTheRetiredFile() throws Exception {
        Path file = dir.resolve("hl.json");
        keystore(Map.of("K", PY_KEY), "", null, "import", "--file", file.toString(), "--private-key-env", "K",
                "--passphrase-file", passFile.toString(), "--kdf", "light");

        Result r = cli("keystore", "rotate", "--file", file.toString(), "--passphrase-file", passFile.toString(), "--kdf", "light");

        assertThat(r.exitCode).as(r.err).isZero();
        EthAddress current = EthKeystore.address(file);
        assertThat(current).isNotEqualTo(EthAddress.parse(PY_ADDRESS));
        assertThat(r.out).contains("previous address: " + PY_ADDRESS, "new address:      " + current.checksummed(),
                "approve " + current.checksummed() + " for the account NOW");
        String retired = r.out.lines().filter(l -> l.startsWith("old key kept in:")).findFirst().orElseThrow()
                .substring("old key kept in:".length()).strip();
        assertThat(retired).startsWith(file + ".").endsWith(".retired");
        assertThat(EthKeystore.load(Path.of(retired), PASS.toCharArray()).address()).isEqualTo(EthAddress.parse(PY_ADDRESS));
        assertThat(EthKeystore.load(file, PASS.toCharArray()).address()).isEqualTo(current);

        Result wrong = keystore(Map.of("P", "wrong-guess"), "", null, "rotate", "--file", file.toString(), "--passphrase-env", "P",
                "--kdf", "light");
        assertThat(wrong.exitCode).isEqualTo(KeystoreCommand.WRONG_PASSPHRASE);
        assertThat(EthKeystore.address(file)).isEqualTo(current);
    }

    @Test
    void aStagedRotationKeepsTheKeyInUseUntilActivated() throws Exception {
        Path file = dir.resolve("agent.json");
        keystore(Map.of("K", PY_KEY), "", null, "import", "--file", file.toString(), "--private-key-env", "K",
                "--passphrase-file", passFile.toString(), "--kdf", "light");

        Result staged = cli("keystore", "rotate", "--stage", "--file", file.toString(), "--passphrase-file",
                passFile.toString(), "--kdf", "light");

        assertThat(staged.exitCode).as(staged.err).isZero();
        EthAddress next = EthKeystore.address(EthKeystore.stagedFile(file));
        assertThat(EthKeystore.address(file)).isEqualTo(EthAddress.parse(PY_ADDRESS));
        assertThat(staged.out).contains("staged address:   " + next.checksummed(), "approve " + next.checksummed(),
                "rotate --activate");

        Result activated = cli("keystore", "rotate", "--activate", "--file", file.toString(), "--passphrase-file",
                passFile.toString());

        assertThat(activated.exitCode).as(activated.err).isZero();
        assertThat(EthKeystore.load(file, PASS.toCharArray()).address()).isEqualTo(next);
        assertThat(activated.out).contains("previous address: " + PY_ADDRESS, "new address:      " + next.checksummed())
                .doesNotContain("approve " + next.checksummed() + " for the account NOW");

        Result both = cli("keystore", "rotate", "--stage", "--activate", "--file", file.toString(), "--passphrase-file",
                passFile.toString());
        assertThat(both.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(both.err).contains("two steps");
    }

    @Test
    void theConsolePromptAsksTwiceAndThereIsAClearErrorWithoutAConsole() throws Exception {
        Path file = dir.resolve("prompted.json");
        Result mismatch = keystore(Map.of(), "", new ArrayDeque<>(List.of(PASS, "typo-one")), "create", "--file", file.toString(),
                "--kdf", "light");
        assertThat(mismatch.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(mismatch.err).contains("the two passphrases differ; nothing was written");
        assertThat(file).doesNotExist();

        Result ok = keystore(Map.of(), "", new ArrayDeque<>(List.of(PASS, PASS)), "create", "--file", file.toString(), "--kdf", "light");
        assertThat(ok.exitCode).as(ok.err).isZero();
        assertThat(EthKeystore.load(file, PASS.toCharArray()).address()).isEqualTo(EthKeystore.address(file));

        Result noConsole = cli("keystore", "create", "--file", dir.resolve("other.json").toString(), "--kdf", "light");
        assertThat(noConsole.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(noConsole.err).contains("no console to ask for the passphrase; pass --passphrase-env NAME or --passphrase-file PATH");

        Result both = cli("keystore", "create", "--file", dir.resolve("other.json").toString(),
                "--passphrase-env", "X", "--passphrase-file", passFile.toString());
        assertThat(both.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(both.err).contains("mutually exclusive");

        Result badKdf = cli("keystore", "create", "--file", dir.resolve("other.json").toString(),
                "--passphrase-file", passFile.toString(), "--kdf", "extreme");
        assertThat(badKdf.exitCode).isEqualTo(KeystoreCommand.USAGE);
        assertThat(dir.resolve("other.json")).doesNotExist();
    }

    @Test
    void helpListsTheSubcommands() {
        Result r = cli("keystore", "--help");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("create", "import", "address", "rotate");
    }
}
