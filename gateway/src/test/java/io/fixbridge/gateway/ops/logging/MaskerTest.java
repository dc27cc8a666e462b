package io.fixbridge.gateway.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link Masker}, {@link SecretRegistry} (an instance of its own) and {@link SecretValueMasker} without logback. */
class MaskerTest {

    @Test
    void textWithoutSecretsIsReturnedAsTheSameInstance() {
        Masker masker = new Masker(Set.of("abcdef123"));
        String text = "nothing to hide here";
        assertThat(masker.mask(text)).isSameAs(text);
        assertThat(Masker.NONE.mask(text)).isSameAs(text);
        assertThat(masker.mask(null)).isNull();
        assertThat(masker.mask("abc")).isEqualTo("abc");
    }

    @Test
    void aFixPasswordInARawMessageIsMaskedThoughNoSecretIsRegistered() {
        String logon = "8=FIX.4.4\u00019=80\u000135=A\u000149=EVIL\u0001553=oms1\u0001554=the-typed-password\u000110=123\u0001";
        assertThat(Masker.NONE.mask(logon)).doesNotContain("the-typed-password").contains("553=oms1").contains("554=***");
    }

    @Test
    void everyOccurrenceOfEverySecretIsMasked() {
        Masker masker = new Masker(Set.of("abcdef123", "zyxwvu987"));
        assertThat(masker.mask("abcdef123 and zyxwvu987, again abcdef123.")).isEqualTo("**** and ****, again ****.");
        assertThat(masker.mask("abcdef123abcdef123")).isEqualTo("****");
    }

    @Test
    void overlappingSecretsBecomeOneMaskSoNoPartOfEitherShows() {
        Masker masker = new Masker(Set.of("abcdef123", "def123xyz"));
        assertThat(masker.mask("<abcdef123xyz>")).isEqualTo("<****>");
        assertThat(masker.mask("<def123xyz abcdef123>")).isEqualTo("<**** ****>");
    }

    @Test
    void aSecretInsideALongerSecretIsCoveredByTheLongerOne() {
        Masker masker = new Masker(Set.of("long-secret-value", "secret-val"));
        assertThat(masker.mask("x long-secret-value y secret-val z")).isEqualTo("x **** y **** z");
    }

    @Test
    void theRegistryIgnoresShortAndBlankSecretsAndNamesOnlyTheMaskedOnes() {
        SecretRegistry registry = new SecretRegistry();
        registry.register("a", "12345");
        registry.register("b", "   ");
        registry.register("c", null);
        registry.register("d", "123456");
        assertThat(registry.mask("12345 123456")).isEqualTo("12345 ****");
        assertThat(registry.names()).containsExactly("d");
        assertThat(registry.tooShort()).containsExactly("a");
        assertThat(registry.toString()).doesNotContain("123456");
    }

    @Test
    void theRegistryMasksTheEncodedFormsOfASecretAndEachLineOfAPemBody() {
        SecretRegistry registry = new SecretRegistry();
        registry.register("s", "a b/c+d~e*f");
        assertThat(registry.mask("q=a+b%2Fc%2Bd%7Ee*f")).isEqualTo("q=****");
        assertThat(registry.mask("q=a%20b%2Fc%2Bd~e%2Af")).isEqualTo("q=****");
        assertThat(registry.mask("YSBiL2MrZH5lKmY=")).isEqualTo("****=");
        String line1 = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";
        String pem = "-----BEGIN PRIVATE KEY-----\n" + line1 + "\nAbCdEf==\n-----END PRIVATE KEY-----\n";
        registry.register("venues[binance].accounts[main].privateKey", pem);
        assertThat(registry.mask(pem)).isEqualTo("****");
        assertThat(registry.mask("key line " + line1)).isEqualTo("key line ****");
        assertThat(registry.mask("body " + line1 + "AbCdEf==")).isEqualTo("body ****");
        assertThat(registry.mask(pem.replace("\n", "\\n"))).isEqualTo("****");
    }

    @Test
    void theJsonValueMaskerMasksStringsAndNumbersAndLeavesTheRestAlone() {
        SecretRegistry registry = new SecretRegistry();
        SecretValueMasker masker = new SecretValueMasker(registry);
        assertThat(masker.mask(null, "value 98765432")).isNull();
        registry.register("pin", "98765432");
        assertThat(masker.mask(null, "value 98765432")).isEqualTo("value ****");
        assertThat(masker.mask(null, new StringBuilder("98765432"))).isEqualTo("****");
        assertThat(masker.mask(null, 98765432L)).isEqualTo("****");
        assertThat(masker.mask(null, new BigDecimal("98765432.5"))).isEqualTo("****.5");
        assertThat(masker.mask(null, "other")).isNull();
        assertThat(masker.mask(null, 12L)).isNull();
        assertThat(masker.mask(null, Boolean.TRUE)).isNull();
    }
}
