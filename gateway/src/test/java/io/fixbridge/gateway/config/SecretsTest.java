package io.fixbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Secrets}: every secret of a gateway.yaml, found by the name of its setting, named by its path. */
class SecretsTest {

    @Test
    void findsVenueAccountTlsOpsAndSessionSecretsWithTheirPaths(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sessions.cfg"), "[DEFAULT]\nConnectionType=acceptor\n");
        Files.writeString(dir.resolve("fix.p12"), "not really a keystore");
        Files.writeString(dir.resolve("hl.pass"), "keystore-passphrase-1\nsecond line\n");
        String hash = PasswordHash.create("fix-password-1".toCharArray()).encoded();
        Map<String, String> env = Map.of(
                "BINANCE_KEY", "binance-api-key-1",
                "BINANCE_SECRET", "binance-secret-1",
                "HL_PASSPHRASE", "hl-env-passphrase-1",
                "TLS_PASSWORD", "tls-keystore-pw-1",
                "ADMIN_TOKEN", "admin-token-0123456789");
        Files.writeString(dir.resolve("gateway.yaml"), """
                fix:
                  sessions: sessions.cfg
                  tls: { keyStore: fix.p12, keyStorePassword: "${TLS_PASSWORD}", trustStorePassword: trust-store-pw-1 }
                dataDirectory: data
                ops: { listen: "127.0.0.1:0", adminToken: "${ADMIN_TOKEN}" }
                venues:
                  - name: binance
                    type: binance
                    spotRestUrl: http://127.0.0.1:1
                    timeouts: { requestMs: 2000 }
                    accounts:
                      - { name: main, apiKey: "${BINANCE_KEY}", secret: "${BINANCE_SECRET}" }
                      - { name: ed, apiKey: ed-api-key-1, privateKey: "-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIJ\\n-----END PRIVATE KEY-----" }
                  - name: hyperliquid
                    type: hyperliquid
                    nonceDirectory: nonces
                    accounts:
                      - { name: main, user: "0xabc", keystore: keys/agent.json, passphraseEnv: HL_PASSPHRASE }
                      - { name: file, user: "0xabc", keystore: keys/agent.json, passphraseFile: hl.pass }
                      - { name: inline, user: "0xabc", privateKey: "0x0123456789abcdef" }
                  - name: ccxt
                    type: ccxt
                    exchange: kraken
                    options: { fetchMarkets: { types: [spot] }, brokerToken: broker-token-1, nested: { walletPrivateKey: wallet-pk-1 } }
                    urls: { api: { public: http://127.0.0.1:2 } }
                    accounts:
                      - { name: main, apiKey: ccxt-key-1, secret: ccxt-secret-1, password: ccxt-password-1, uid: "12345678" }
                      - name: listed
                        credentials: { key: listed-key-1, other: [listed-item-1, listed-item-2] }
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: binance, account: main, username: oms1, passwordHash: "%s" }
                  - { senderCompId: OMS2, role: order-entry, venue: binance, account: main }
                """.formatted(hash));
        GatewayConfig config = new GatewayConfigLoader(env::get).load(dir.resolve("gateway.yaml"));

        Secrets secrets = Secrets.of(config, env::get);

        Map<String, String> byName = new LinkedHashMap<>();
        secrets.forEach(byName::put);
        assertThat(byName).containsExactly(
                Map.entry("venues[binance].accounts[main].apiKey", "binance-api-key-1"),
                Map.entry("venues[binance].accounts[main].secret", "binance-secret-1"),
                Map.entry("venues[binance].accounts[ed].apiKey", "ed-api-key-1"),
                Map.entry("venues[binance].accounts[ed].privateKey",
                        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ\n-----END PRIVATE KEY-----"),
                Map.entry("venues[hyperliquid].accounts[main].passphraseEnv ($HL_PASSPHRASE)", "hl-env-passphrase-1"),
                Map.entry("venues[hyperliquid].accounts[file].passphraseFile (" + dir.resolve("hl.pass") + ")",
                        "keystore-passphrase-1\nsecond line"),
                Map.entry("venues[hyperliquid].accounts[file].passphraseFile (" + dir.resolve("hl.pass") + ", first line)",
                        "keystore-passphrase-1"),
                Map.entry("venues[hyperliquid].accounts[inline].privateKey", "0x0123456789abcdef"),
                Map.entry("venues[ccxt].options.brokerToken", "broker-token-1"),
                Map.entry("venues[ccxt].options.nested.walletPrivateKey", "wallet-pk-1"),
                Map.entry("venues[ccxt].accounts[main].apiKey", "ccxt-key-1"),
                Map.entry("venues[ccxt].accounts[main].secret", "ccxt-secret-1"),
                Map.entry("venues[ccxt].accounts[main].password", "ccxt-password-1"),
                Map.entry("venues[ccxt].accounts[listed].credentials.key", "listed-key-1"),
                Map.entry("venues[ccxt].accounts[listed].credentials.other[0]", "listed-item-1"),
                Map.entry("venues[ccxt].accounts[listed].credentials.other[1]", "listed-item-2"),
                Map.entry("fix.tls.keyStorePassword", "tls-keystore-pw-1"),
                Map.entry("fix.tls.trustStorePassword", "trust-store-pw-1"),
                Map.entry("ops.adminToken", "admin-token-0123456789"),
                Map.entry("sessions[OMS1].passwordHash", hash));
        assertThat(secrets.names()).doesNotContain("venues[ccxt].accounts[main].uid", "venues[hyperliquid].accounts[main].keystore",
                "venues[binance].spotRestUrl", "venues[hyperliquid].nonceDirectory");
    }

    @Test
    void printsNamesNeverValues(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sessions.cfg"), "[DEFAULT]\nConnectionType=acceptor\n");
        Files.writeString(dir.resolve("gateway.yaml"), """
                fix: { sessions: sessions.cfg }
                ops: { adminToken: admin-token-abcdefghij }
                venues:
                  - { name: binance, type: binance, accounts: [ { name: main, apiKey: key-value-1, secret: secret-value-1 } ] }
                sessions:
                  - { senderCompId: OMS1, role: order-entry, venue: binance, account: main }
                """);
        Secrets secrets = Secrets.of(new GatewayConfigLoader(name -> null).load(dir.resolve("gateway.yaml")));

        assertThat(secrets.all()).extracting(Secrets.Secret::name, Secrets.Secret::value).containsExactly(
                tuple("venues[binance].accounts[main].apiKey", "key-value-1"),
                tuple("venues[binance].accounts[main].secret", "secret-value-1"),
                tuple("ops.adminToken", "admin-token-abcdefghij"));
        assertThat(secrets.toString() + secrets.all()).contains("venues[binance].accounts[main].secret")
                .doesNotContain("key-value-1").doesNotContain("secret-value-1").doesNotContain("admin-token-abcdefghij");
    }

    @Test
    void findsTheSecretsOfTheShippedConfigurations() {
        Map<String, String> env = Map.of("HYPERLIQUID_KEYSTORE_PASSPHRASE", "hl-keystore-passphrase");
        Secrets binance = Secrets.of(new GatewayConfigLoader(env::get).load(Path.of("../fix-config/binance-simulator.yaml")), env::get);
        assertThat(binance.all()).extracting(Secrets.Secret::name, Secrets.Secret::value).contains(
                tuple("venues[binance].accounts[main].apiKey", "fixbridge-demo-key"),
                tuple("venues[binance].accounts[main].secret", "fixbridge-demo-secret"));

        Secrets hyperliquid = Secrets.of(new GatewayConfigLoader(name -> "0x" + "ab".repeat(20)).load(
                Path.of("../fix-config/hyperliquid.yaml")), env::get);
        assertThat(hyperliquid.all()).extracting(Secrets.Secret::name, Secrets.Secret::value).contains(
                tuple("venues[hyperliquid].accounts[main].passphraseEnv ($HYPERLIQUID_KEYSTORE_PASSPHRASE)", "hl-keystore-passphrase"));
        assertThat(hyperliquid.names()).noneMatch(n -> n.contains(".user") || n.contains(".keystore "));
    }

    @Test
    void namesThatSaySecretAreSecretAndPlacesAreNot() {
        assertThat(Secrets.isSecretName("apiKey")).isTrue();
        assertThat(Secrets.isSecretName("secret")).isTrue();
        assertThat(Secrets.isSecretName("apiSecret")).isTrue();
        assertThat(Secrets.isSecretName("privateKey")).isTrue();
        assertThat(Secrets.isSecretName("privateKeyPassword")).isTrue();
        assertThat(Secrets.isSecretName("PASSPHRASE")).isTrue();
        assertThat(Secrets.isSecretName("keystorePassword")).isTrue();
        assertThat(Secrets.isSecretName("walletPrivateKey")).isTrue();
        assertThat(Secrets.isSecretName("sessionToken")).isTrue();
        assertThat(Secrets.isSecretName("passphraseFile")).isTrue();
        assertThat(Secrets.isSecretName("tokenUrl")).isFalse();
        assertThat(Secrets.isSecretName("secretsDirectory")).isFalse();
        assertThat(Secrets.isSecretName("keystore")).isFalse();
        assertThat(Secrets.isSecretName("user")).isFalse();
        assertThat(Secrets.isSecretName("walletAddress")).isFalse();
    }
}
