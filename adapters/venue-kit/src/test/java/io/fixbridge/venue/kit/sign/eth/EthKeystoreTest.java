package io.fixbridge.venue.kit.sign.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fixbridge.venue.kit.sign.eth.KeyManagementException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V3 keystore files: the two test vectors of the Web3 Secret Storage Definition
 * (ethereum.org/developers/docs/data-structures-and-encoding/web3-secret-storage, password
 * "testpassword", key 7a28b5ba...fe9d), and create / import / load / rotate round trips at LIGHT
 * strength, with every message checked for key material and passphrases.
 */
class EthKeystoreTest {
    private static final char[] PASS = "correct horse battery staple".toCharArray();
    private static final String SPEC_KEY = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

    @TempDir
    Path dir;

    @Test
    void readsTheSpecificationPbkdf2Vector() throws Exception {
        Path file = dir.resolve("pbkdf2.json");
        Files.writeString(file, """
                {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
                 "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
                 "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
                 "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
                 "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""");
        EthSigningKey key = EthKeystore.load(file, "testpassword".toCharArray());
        assertThat(key.address()).isEqualTo(EthSigningKey.fromHex(SPEC_KEY.toCharArray()).address());
    }

    @Test
    void refusesTheSpecificationScryptVectorWhoseParametersBreakRfc7914() throws Exception {
        // n = 2^18 with r = 1 exceeds RFC 7914's bound N < 2^(16r); Bouncy Castle refuses it. Wallets
        // write r = 8 (see the round trips below), so only such hand-made files are unreadable.
        Path file = dir.resolve("scrypt.json");
        Files.writeString(file, """
                {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
                 "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
                 "kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
                 "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
                 "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""");
        assertThatThrownBy(() -> EthKeystore.load(file, "testpassword".toCharArray()))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("scrypt parameters n=262144, r=1, p=8 are not supported");
        assertThatThrownBy(() -> EthKeystore.address(file)).isInstanceOf(KeyManagementException.class)
                .hasMessageContaining("no address field");
    }

    @Test
    void createWritesAnOwnerOnlyV3FileThatLoadsBack() throws Exception {
        Path file = dir.resolve("sub/hl.json");
        EthAddress address = EthKeystore.create(file, PASS, KdfStrength.LIGHT);
        assertThat(EthKeystore.address(file)).isEqualTo(address);
        assertThat(EthKeystore.load(file, PASS).address()).isEqualTo(address);
        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 3", "\"kdf\" : \"scrypt\"", "\"n\" : 4096", "\"cipher\" : \"aes-128-ctr\"",
                "\"address\" : \"" + address.hex().substring(2) + "\"");
        assertThat(json).doesNotContain(new String(PASS));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void importKeepsTheKeyAndRefusesToOverwrite() {
        Path file = dir.resolve("imported.json");
        EthSigningKey key = EthSigningKey.fromHex(EthCryptoTest.PY_KEY.toCharArray());
        assertThat(EthKeystore.importKey(file, key, PASS, KdfStrength.LIGHT)).isEqualTo(key.address());
        EthSigningKey loaded = EthKeystore.load(file, PASS);
        byte[] digest = Keccak.keccak256(new byte[] {1, 2, 3});
        assertThat(loaded.signDigest(digest)).isEqualTo(key.signDigest(digest));

        assertThatThrownBy(() -> EthKeystore.importKey(file, key, PASS, KdfStrength.LIGHT))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
                .hasMessageContaining(file.toString()).hasMessageContaining("refusing to overwrite");
        assertThatThrownBy(() -> EthKeystore.create(file, PASS, KdfStrength.LIGHT))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
        assertThat(EthKeystore.load(file, PASS).address()).isEqualTo(key.address());
    }

    @Test
    void wrongPassphraseIsNamedWithoutSecrets() {
        Path file = dir.resolve("k.json");
        EthKeystore.importKey(file, EthSigningKey.fromHex(EthCryptoTest.PY_KEY.toCharArray()), PASS, KdfStrength.LIGHT);
        String wrong = "not the passphrase";
        assertThatThrownBy(() -> EthKeystore.load(file, wrong.toCharArray()))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE))
                .hasMessage("wrong passphrase for keystore " + file)
                .satisfies(e -> assertNoSecrets(e, wrong));
    }

    @Test
    void missingCorruptAndTamperedFilesFailClearly() throws Exception {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> EthKeystore.load(missing, PASS))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(missing.toString()).hasMessageContaining("keystore create");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{not json");
        assertThatThrownBy(() -> EthKeystore.load(garbage, PASS))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));

        Path file = dir.resolve("k.json");
        EthKeystore.create(file, PASS, KdfStrength.LIGHT);
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, Files.readString(file).replaceFirst("\"address\" : \"[0-9a-f]{40}\"",
                "\"address\" : \"" + "1".repeat(40) + "\""));
        assertThatThrownBy(() -> EthKeystore.load(tampered, PASS))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("does not match");
    }

    @Test
    void rotateRetiresTheOldFileAndWritesANewKeyInPlace() {
        Path file = dir.resolve("hl.json");
        EthSigningKey old = EthSigningKey.fromHex(EthCryptoTest.RS_KEY.toCharArray());
        EthKeystore.importKey(file, old, PASS, KdfStrength.LIGHT);
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);

        EthKeystore.Rotation rotation = EthKeystore.rotate(file, PASS, KdfStrength.LIGHT, clock);

        assertThat(rotation.previous()).isEqualTo(old.address());
        assertThat(rotation.current()).isNotEqualTo(old.address());
        assertThat(rotation.retiredFile()).isEqualTo(dir.resolve("hl.json.20261121T101530123Z.retired"));
        assertThat(EthKeystore.load(file, PASS).address()).isEqualTo(rotation.current());
        assertThat(EthKeystore.load(rotation.retiredFile(), PASS).address()).isEqualTo(old.address());

        EthKeystore.Rotation again = EthKeystore.rotate(file, PASS, KdfStrength.LIGHT, clock);
        assertThat(again.previous()).isEqualTo(rotation.current());
        assertThat(again.retiredFile()).isEqualTo(dir.resolve("hl.json.20261121T101530123Z-1.retired"));

        assertThatThrownBy(() -> EthKeystore.rotate(file, "wrong".toCharArray(), KdfStrength.LIGHT))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
        assertThat(EthKeystore.address(file)).isEqualTo(again.current());
    }

    @Test
    void aStagedRotationLeavesTheKeyInPlaceUntilItIsActivated() {
        Path file = dir.resolve("agent.json");
        EthSigningKey old = EthSigningKey.fromHex(EthCryptoTest.RS_KEY.toCharArray());
        EthKeystore.importKey(file, old, PASS, KdfStrength.LIGHT);
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);

        EthAddress staged = EthKeystore.stage(file, PASS, KdfStrength.LIGHT);

        assertThat(EthKeystore.address(file)).as("still the old key").isEqualTo(old.address());
        assertThat(EthKeystore.address(EthKeystore.stagedFile(file))).isEqualTo(staged);
        assertThatThrownBy(() -> EthKeystore.stage(file, PASS, KdfStrength.LIGHT))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));

        EthKeystore.Rotation rotation = EthKeystore.activate(file, PASS, clock);

        assertThat(rotation.previous()).isEqualTo(old.address());
        assertThat(rotation.current()).isEqualTo(staged);
        assertThat(EthKeystore.load(file, PASS).address()).isEqualTo(staged);
        assertThat(EthKeystore.load(rotation.retiredFile(), PASS).address()).isEqualTo(old.address());
        assertThat(EthKeystore.stagedFile(file)).doesNotExist();
        assertThatThrownBy(() -> EthKeystore.activate(file, PASS, clock))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("rotate --stage");
    }

    @Test
    void passphraseSourcesNameTheirOriginAndStripTheNewline() throws Exception {
        Path passFile = dir.resolve("pass.txt");
        Files.write(passFile, "s3cret-phrase\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(PassphraseSource.fromFile(passFile).passphrase()).isEqualTo("s3cret-phrase".toCharArray());
        assertThat(PassphraseSource.fromFile(passFile).toString()).doesNotContain("s3cret");

        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> PassphraseSource.fromFile(missing).passphrase())
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(missing.toString());
        Files.writeString(dir.resolve("empty.txt"), "\n");
        assertThatThrownBy(() -> PassphraseSource.fromFile(dir.resolve("empty.txt")).passphrase())
                .hasMessageContaining("is empty");

        Map<String, String> env = Map.of("HL_PASS", "env-phrase");
        assertThat(PassphraseSource.fromEnv("HL_PASS", env::get).passphrase()).isEqualTo("env-phrase".toCharArray());
        assertThatThrownBy(() -> PassphraseSource.fromEnv("FIXBRIDGE_TEST_SURELY_UNSET_VARIABLE").passphrase())
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("FIXBRIDGE_TEST_SURELY_UNSET_VARIABLE with the keystore passphrase is not set")
                .hasMessageContaining("export FIXBRIDGE_TEST_SURELY_UNSET_VARIABLE=");
        char[] source = "abc".toCharArray();
        PassphraseSource fixed = PassphraseSource.of(source);
        source[0] = 'x';
        assertThat(fixed.passphrase()).isEqualTo("abc".toCharArray());
    }

    @Test
    void emptyPassphraseIsRefused() {
        assertThatThrownBy(() -> EthKeystore.create(dir.resolve("e.json"), new char[0], KdfStrength.LIGHT))
                .isInstanceOfSatisfying(KeyManagementException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThat(dir.resolve("e.json")).doesNotExist();
    }

    private static void assertNoSecrets(Throwable e, String... secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String s : Set.of(EthCryptoTest.PY_KEY.substring(2), EthCryptoTest.RS_KEY, new String(PASS))) {
                assertThat(message).doesNotContain(s);
            }
            for (String s : secrets) {
                assertThat(message).doesNotContain(s);
            }
        }
    }
}
