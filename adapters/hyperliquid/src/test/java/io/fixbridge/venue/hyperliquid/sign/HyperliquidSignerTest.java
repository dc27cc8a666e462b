package io.fixbridge.venue.hyperliquid.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.sign.eth.EthAddress;
import io.fixbridge.venue.kit.sign.eth.EthKeystore;
import io.fixbridge.venue.kit.sign.eth.EthRecovery;
import io.fixbridge.venue.kit.sign.eth.EthSigningKey;
import io.fixbridge.venue.kit.sign.eth.KdfStrength;
import io.fixbridge.venue.kit.sign.eth.PassphraseSource;
import io.fixbridge.venue.kit.sign.eth.SigningKeySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request body, key rotation through the signer, and what toString shows. */
class HyperliquidSignerTest {
    private static final String KEY_HEX = "0123456789012345678901234567890123456789012345678901234567890123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode order() throws Exception {
        return (ObjectNode) JSON.readTree("{\"type\":\"order\",\"orders\":[{\"a\":0,\"b\":true,\"p\":\"100\",\"s\":\"0.01\","
                + "\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\"0x00000000000000000000000000000001\"}],\"grouping\":\"na\"}");
    }

    @Test
    void requestBodyHasTheWireKeyOrder() throws Exception {
        HyperliquidSigner signer = new HyperliquidSigner(SigningKeySource.fixed(EthSigningKey.fromHex(KEY_HEX.toCharArray())), false);
        EthAddress vault = EthAddress.parse("0x1719884EB866CB12B2287399B15F7DB5E7D775EA");
        SignedAction signed = signer.signL1(order(), 1_700_000_000_123L, vault, 1_700_000_060_000L);

        ObjectNode body = signed.toRequestBody(JSON);
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("action", "nonce", "signature", "vaultAddress", "expiresAfter");
        assertThat(body.get("action")).isEqualTo(order());
        assertThat(body.get("nonce").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(body.get("vaultAddress").asText()).isEqualTo("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        assertThat(body.get("expiresAfter").asLong()).isEqualTo(1_700_000_060_000L);
        assertThat(body.get("signature").get("r").asText()).matches("0x[0-9a-f]{64}");
        assertThat(body.get("signature").get("s").asText()).matches("0x[0-9a-f]{64}");
        assertThat(body.get("signature").get("v").asInt()).isIn(27, 28);

        byte[] digest = L1Signing.agentDigest(L1Signing.connectionId(order(), 1_700_000_000_123L, vault, 1_700_000_060_000L), false);
        assertThat(EthRecovery.recover(digest, signed.signature())).isEqualTo(signer.signer());

        SignedAction plain = signer.signL1(order(), 1, null, null);
        List<String> plainKeys = new ArrayList<>();
        plain.toRequestBody(JSON).fieldNames().forEachRemaining(plainKeys::add);
        assertThat(plainKeys).containsExactly("action", "nonce", "signature", "vaultAddress");
        assertThat(plain.toRequestBody(JSON).get("vaultAddress").isNull()).isTrue();
    }

    @Test
    void theSignedCopyIsIndependentOfTheCallersNode() throws Exception {
        HyperliquidSigner signer = new HyperliquidSigner(SigningKeySource.fixed(EthSigningKey.generate()), true);
        ObjectNode action = order();
        SignedAction signed = signer.signL1(action, 7, null, null);
        action.put("grouping", "normalTpsl");
        assertThat(signed.action().get("grouping").asText()).isEqualTo("na");
    }

    @Test
    void aRotatedKeystoreSignsTheNextRequest() throws Exception {
        Path file = dir.resolve("hl.json");
        char[] pass = "signer-test-pass".toCharArray();
        EthAddress first = EthKeystore.create(file, pass, KdfStrength.LIGHT);
        try (SigningKeySource keys = SigningKeySource.keystore(file, PassphraseSource.of(pass), Duration.ofHours(1))) {
            HyperliquidSigner signer = new HyperliquidSigner(keys, true);
            assertThat(signer.signL1(order(), 1, null, null).signer()).isEqualTo(first);
            EthKeystore.Rotation rotation = EthKeystore.rotate(file, pass, KdfStrength.LIGHT);
            assertThat(keys.refresh()).isTrue();
            SignedAction after = signer.signL1(order(), 2, null, null);
            assertThat(after.signer()).isEqualTo(rotation.current()).isNotEqualTo(first);
            byte[] digest = L1Signing.agentDigest(L1Signing.connectionId(order(), 2, null, null), true);
            assertThat(EthRecovery.recover(digest, after.signature())).isEqualTo(rotation.current());
        }
    }

    @Test
    void userSignedActionsCheckTheChainAndTheirNonce() throws Exception {
        HyperliquidSigner testnet = new HyperliquidSigner(SigningKeySource.fixed(EthSigningKey.fromHex(KEY_HEX.toCharArray())), false);
        ObjectNode approve = (ObjectNode) JSON.readTree("{\"type\":\"approveAgent\",\"signatureChainId\":\"0x66eee\","
                + "\"hyperliquidChain\":\"Testnet\",\"agentAddress\":\"0x1719884eb866cb12b2287399b15f7db5e7d775ea\","
                + "\"agentName\":\"fixbridge\",\"nonce\":1700000000000}");
        SignedAction signed = testnet.signUserAction(approve);
        assertThat(signed.nonce()).isEqualTo(1_700_000_000_000L);
        assertThat(EthRecovery.recover(UserSignedActions.digest(approve), signed.signature())).isEqualTo(testnet.signer());

        HyperliquidSigner mainnet = new HyperliquidSigner(SigningKeySource.fixed(EthSigningKey.fromHex(KEY_HEX.toCharArray())), true);
        assertThatThrownBy(() -> mainnet.signUserAction(approve)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hyperliquidChain \"Testnet\"");
        ObjectNode unknown = approve.deepCopy().put("type", "somethingNew");
        assertThatThrownBy(() -> testnet.signUserAction(unknown)).hasMessageContaining("unknown user-signed action type");
        ObjectNode noNonce = approve.deepCopy();
        noNonce.remove("nonce");
        assertThatThrownBy(() -> testnet.signUserAction(noNonce)).hasMessageContaining("nonce");
    }

    @Test
    void toStringShowsAddressesNeverTheKey() throws Exception {
        HyperliquidSigner signer = new HyperliquidSigner(SigningKeySource.fixed(EthSigningKey.fromHex(KEY_HEX.toCharArray())), true);
        SignedAction signed = signer.signL1(order(), 1, null, null);
        assertThat(signer.toString()).isEqualTo("HyperliquidSigner[signer=0x14791697260e4c9a71f18484c9f997b308e59325, mainnet]");
        for (String text : List.of(signer.toString(), signed.toString(), signed.toRequestBody(JSON).toString())) {
            assertThat(text).doesNotContain(KEY_HEX).doesNotContain(KEY_HEX.substring(0, 16));
        }
    }
}
