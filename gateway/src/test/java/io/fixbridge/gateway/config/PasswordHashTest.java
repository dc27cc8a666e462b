package io.fixbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The salted password hash of gateway.yaml: made, read back, compared, and every bad form named. */
class PasswordHashTest {

    @Test
    void aNewHashReadsBackAndMatchesOnlyItsPassword() {
        PasswordHash made = PasswordHash.create("correct horse battery".toCharArray());
        String stored = made.encoded();
        assertThat(stored).startsWith("pbkdf2-sha256$" + PasswordHash.DEFAULT_ITERATIONS + "$");
        PasswordHash read = PasswordHash.parse(stored);
        assertThat(read).isEqualTo(made);
        assertThat(read.encoded()).isEqualTo(stored);
        assertThat(read.matches("correct horse battery".toCharArray())).isTrue();
        assertThat(read.matches("correct horse batterY".toCharArray())).isFalse();
        assertThat(read.matches("".toCharArray())).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
        String a = PasswordHash.create("same password".toCharArray()).encoded();
        String b = PasswordHash.create("same password".toCharArray()).encoded();
        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHash.parse(b).matches("same password".toCharArray())).isTrue();
    }

    @Test
    void readsAPlainPbkdf2HashMadeElsewhere() {
        String stored = PasswordHashes.pbkdf2("s3cret-pass", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), 12_345);
        PasswordHash hash = PasswordHash.parse(stored);
        assertThat(hash.matches("s3cret-pass".toCharArray())).isTrue();
        assertThat(hash.matches("s3cret-pasS".toCharArray())).isFalse();
        assertThat(hash.encoded()).isEqualTo(stored);
    }

    @Test
    void toStringShowsNeitherSaltNorHash() {
        String stored = PasswordHashes.quick("whatever-password");
        PasswordHash hash = PasswordHash.parse(stored);
        String[] parts = stored.split("\\$");
        assertThat(hash.toString()).isEqualTo("pbkdf2-sha256(10000 iterations)")
                .doesNotContain(parts[2]).doesNotContain(parts[3]);
    }

    @Test
    void anotherAlgorithmOrShapeIsRefusedSayingHowToMakeOne() {
        for (String bad : new String[] {"md5$1$2$3", "pbkdf2-sha256$10000$c2FsdA==", "plain-password", "",
                "pbkdf2-sha256$10000$a$b$c"}) {
            assertThatThrownBy(() -> PasswordHash.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pbkdf2-sha256$<iterations>$<salt>$<hash>")
                    .hasMessageContaining("fixbridge passwd");
        }
    }

    @Test
    void badIterationsAreNamed() {
        String good = PasswordHashes.quick("pw-for-iterations");
        String[] p = good.split("\\$");
        assertThatThrownBy(() -> PasswordHash.parse(p[0] + "$many$" + p[2] + "$" + p[3]))
                .hasMessage("the iteration count of the password hash is not a number");
        assertThatThrownBy(() -> PasswordHash.parse(p[0] + "$9999$" + p[2] + "$" + p[3]))
                .hasMessageContaining("uses 9999 iterations; at least 10000 are required");
    }

    @Test
    void badSaltOrHashIsNamedWithoutEchoingIt() {
        String good = PasswordHashes.quick("pw-for-base64");
        String[] p = good.split("\\$");
        String notBase64 = "###not-base64###";
        assertThatThrownBy(() -> PasswordHash.parse(p[0] + "$" + p[1] + "$" + notBase64 + "$" + p[3]))
                .hasMessage("the salt or hash of the password hash is not base64");
        String shortSalt = Base64.getEncoder().encodeToString(new byte[4]);
        assertThatThrownBy(() -> PasswordHash.parse(p[0] + "$" + p[1] + "$" + shortSalt + "$" + p[3]))
                .hasMessageContaining("salt shorter than 8 bytes").hasMessageNotContaining(shortSalt);
        String shortHash = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> PasswordHash.parse(p[0] + "$" + p[1] + "$" + p[2] + "$" + shortHash))
                .hasMessageContaining("not 32 bytes").hasMessageNotContaining(shortHash);
    }
}
