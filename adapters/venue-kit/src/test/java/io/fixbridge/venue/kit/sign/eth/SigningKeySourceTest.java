package io.fixbridge.venue.kit.sign.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Hot rotation of the signing key from a watched keystore file, and what reaches the log. */
class SigningKeySourceTest {
    private static final String PASSPHRASE = "rotation-test-passphrase";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureLog() {
        logger = (Logger) LoggerFactory.getLogger(SigningKeySource.class);
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopCapture() {
        logger.detachAppender(appender);
    }

    @Test
    void rotationIsPickedUpWithoutRestartAndOnlyTheAddressIsLogged() throws Exception {
        Path file = dir.resolve("hl.json");
        Path passFile = dir.resolve("pass");
        Files.writeString(passFile, PASSPHRASE + "\n");
        EthSigningKey original = EthSigningKey.fromHex(EthCryptoTest.RS_KEY.toCharArray());
        EthKeystore.importKey(file, original, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
        List<EthAddress> rotations = new CopyOnWriteArrayList<>();

        try (SigningKeySource source = SigningKeySource.keystore(file, PassphraseSource.fromFile(passFile), Duration.ofMillis(20))) {
            source.onRotation(rotations::add);
            assertThat(source.address()).isEqualTo(original.address());
            assertThat(lines()).contains("INFO keystore " + file + ": signer is now " + original.address().hex());

            EthKeystore.Rotation rotation = EthKeystore.rotate(file, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);

            await().atMost(Duration.ofSeconds(10)).until(() -> source.address().equals(rotation.current()));
            await().atMost(Duration.ofSeconds(5)).until(() -> rotations.equals(List.of(rotation.current())));
            assertThat(lines()).contains("INFO keystore " + file + ": signer is now " + rotation.current().hex());
            byte[] digest = Keccak.keccak256(new byte[] {7});
            assertThat(EthRecovery.recover(digest, source.current().signDigest(digest))).isEqualTo(rotation.current());

            // a broken file keeps the current key, warns, and recovers on a later poll
            String good = Files.readString(file);
            Files.writeString(file, "{\"half\":");
            await().atMost(Duration.ofSeconds(10)).until(() -> lines().stream().anyMatch(l -> l.startsWith("WARN")
                    && l.contains("reload failed") && l.contains("still signing as " + rotation.current().hex())));
            assertThat(source.address()).isEqualTo(rotation.current());
            Files.writeString(passFile, "a different passphrase\n");
            Files.writeString(file, good);
            await().atMost(Duration.ofSeconds(10)).until(() -> lines().stream().anyMatch(l -> l.contains("wrong passphrase")));
            Files.writeString(passFile, PASSPHRASE + "\n");
            EthKeystore.Rotation second = EthKeystore.rotate(file, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
            await().atMost(Duration.ofSeconds(10)).until(() -> source.address().equals(second.current()));
            assertThat(rotations).containsExactly(rotation.current(), second.current());

            List<String> secrets = new ArrayList<>(List.of(EthCryptoTest.RS_KEY, PASSPHRASE, "a different passphrase",
                    Hex.encode(source.current().exportPrivateKey())));
            secrets.add(Hex.encode(EthKeystore.load(rotation.retiredFile(), PASSPHRASE.toCharArray()).exportPrivateKey()));
            for (String line : lines()) {
                for (String secret : secrets) {
                    assertThat(line.toLowerCase()).doesNotContain(secret.toLowerCase());
                }
            }
            assertThat(source.toString()).contains(second.current().hex()).doesNotContain(PASSPHRASE);
        }
    }

    @Test
    void refreshReportsWhetherANewKeyWasLoaded() {
        Path file = dir.resolve("k.json");
        EthKeystore.create(file, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
        try (SigningKeySource source = SigningKeySource.keystore(file, PassphraseSource.of(PASSPHRASE.toCharArray()),
                Duration.ofHours(1))) {
            assertThat(source.refresh()).isFalse();
            EthKeystore.Rotation r = EthKeystore.rotate(file, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
            assertThat(source.refresh()).isTrue();
            assertThat(source.address()).isEqualTo(r.current());
            assertThat(source.refresh()).isFalse();
        }
        assertThat(SigningKeySource.fixed(EthSigningKey.generate()).refresh()).isFalse();
    }

    @Test
    void constructionFailsNamingTheFileNeverThePassphrase() {
        Path file = dir.resolve("k.json");
        EthKeystore.create(file, PASSPHRASE.toCharArray(), KdfStrength.LIGHT);
        assertThatThrownBy(() -> SigningKeySource.keystore(file, PassphraseSource.of("bad-guess".toCharArray()), Duration.ofSeconds(1)))
                .isInstanceOf(KeyManagementException.class)
                .hasMessage("wrong passphrase for keystore " + file);
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> SigningKeySource.keystore(missing, PassphraseSource.of(PASSPHRASE.toCharArray()), Duration.ofSeconds(1)))
                .isInstanceOf(KeyManagementException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("keystore create")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSPHRASE));
        assertThatThrownBy(() -> SigningKeySource.keystore(file, PassphraseSource.fromEnv("FIXBRIDGE_TEST_UNSET_PASS"), Duration.ofSeconds(1)))
                .hasMessageContaining("FIXBRIDGE_TEST_UNSET_PASS");
    }

    /** Every captured event as "LEVEL message [stack trace]". */
    private List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            String line = e.getLevel() + " " + e.getFormattedMessage();
            if (e.getThrowableProxy() != null) {
                line += " " + ThrowableProxyUtil.asString(e.getThrowableProxy());
            }
            out.add(line);
        }
        return out;
    }
}
