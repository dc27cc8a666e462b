package io.fixbridge.venue.kit.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.kit.http.QueryString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published vectors from /work/shared/venue-reference/binance/signing_vectors.json (Binance spot API
 * docs and binance-connector-java tests, all marked verified there), copied here by hand.
 */
class SigningTest {
    private static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    // binance-connector-java clients/spot/src/test/resources/test-ed25519-prv-key.pem
    private static final String ED25519_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEILpXm6EtDzSzPJWHTbP904h5R3bzb0QsLjTf1tAt2OlB\n"
            + "-----END PRIVATE KEY-----\n";
    // test-ed25519-pass-prv-key.pem, password test123
    private static final String ED25519_ENCRYPTED_PEM = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + "MIGjMF8GCSqGSIb3DQEFDTBSMDEGCSqGSIb3DQEFDDAkBBBlYhnjnkypriNPf007\n"
            + "OTExAgIIADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQQWqxMnW6Y9N+GMoG\n"
            + "Tb+tvARA/4zAVMN8vStz6kORV1BTxqLsGGm6LafPUOyJTeAYfOWb0w+kNu3ZyJzi\n"
            + "LfC/BCSwjpxqdfVg041XDD8NXZCipA==\n"
            + "-----END ENCRYPTED PRIVATE KEY-----\n";
    // test-rsa-prv-key.pem
    private static final String RSA_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDWE0troEjIapZp\n"
            + "cy1guvMCy6zYK4p5zPdc08peBBAY3sSBWsflvzxGR6t92By74TXyNZzBXlVrErix\n"
            + "PrJgCI1WNDo34AlGBjdAjrkjIxt8expcBAhSQwNA2uKcdywxHUazOBq6ojV4kw8H\n"
            + "2WGtFNeRZS9p2JSbG85bwpO+vImeucPLAr7ZzpAiGZoTIWs+Db02XTNtRfQLzc8Z\n"
            + "ollhEU8vt9Xrj61H+BT96n4+9L3KLX+26/+2AA9+321ehmZiEMP16GOeyhP+QIlb\n"
            + "VJidx9yzn2tpxodXGNOvuX4B1uKJoMcG4+VKF2tmavQO7JFcQxkc099XIqVt1Vsr\n"
            + "kIetTIgbAgMBAAECggEAFnSWrDb3e4Jmva/1uhhSJmBsBI7oqycbaXLT3vHJKHqx\n"
            + "nSoDHu/k6DBbZkt1lCWnDX2fME9vYVho5DrB5j3vaXP4CWVoQ56iTBTMicmEeBXH\n"
            + "qZBIuSxLWpG7RJNhoNND18fSUfJy7m9qm7WrP8cYZ6l4BD/SMsUDa++opNDNFMeR\n"
            + "i7vQmkGWpDW6ZVSMOl5BC9RTi7gLrFPPf7Zf4oUxtlbIdukBrCCpSTyL4rglB/a2\n"
            + "vnFVufPvhmoXleDk+UZTlf3X5u/1Df1S5kUp5MFJ4ICx8uTr6tkfqp6cIuHZBvok\n"
            + "+ji1l/B7eTjBYjKKN8SE4Kzj9qgLuBUIyxINyTnaDQKBgQDqzmXYKv29FUDYP1k1\n"
            + "FbiKID2TINp3vY5cersm4MwxCws3okDd9CjtfO13yICHx0u74HZWYbeZXEqVISUu\n"
            + "F9XiSr2NpCdr+ZXo70uouh7WDSQ9fCN4vhmx2SFmKh16nTdi/Hwpr+qdPKIW31v5\n"
            + "ErqETMjPW9sHJndeqpkiv+tuPwKBgQDpZd/TaLS//cUNwWzhbFT/eE8hFpGakS+I\n"
            + "1T1Yo0WTF2FPQgKUEzSiTbKiugEmy4kXTaPsuKLlukB2ARJj6MOg6qmex8DgSde1\n"
            + "a91vjEDdBlm4zt0Z48Ck/DbCYRmKv6AT+0w9GHfwOrhJ6DLxF0oIagRMYa/WIfN3\n"
            + "90yaQwYnJQKBgDK2BNTc5BQUJP8PH2sRl9ts/x9pdwVpUPe0IftRjYgCBJgtWKkW\n"
            + "9EfmNTsreGbaqgaXgbdCP27Fue3fTLJZv32x+qI+k60EKFY4aDS2jbZY/DyzNM38\n"
            + "8Huykz4HVnqGvdGJCh/OuHLhB3i9IJX4b4PnOW9fPTycGCe/3Hbe0C/tAoGBALZq\n"
            + "7zN2xL7CAv+rTAQr/YrmZ0I/N3INQ4+4yoe6pKhAP8gImadOE3c/Lv1MT5YYwn86\n"
            + "KYLdFERk+/i/AbaguDXO8t+s1Cz4yeV79sg2YIPfcMSmudyAS5MnpUzrQ2FUQDMd\n"
            + "2ApwU12pJ1xsZVRVlYFaCx3/w8SjKH19BZwUAn0ZAoGAUNie83RSPJchIWGLhoSb\n"
            + "HUy6mlKXgdBMJR6LytIK63ytn1tZgZ3VJUtdGMrYBFMA3a/BVRR5yoMzMwSTAkbF\n"
            + "gNkV12JcaUgFyB4+oVyYqnaKxBEaJK9aJuiyaKZVzHS4JycfX/jIFxl3ZOpLpqxP\n"
            + "dZzHBbqxbsCooYF2QgV5T5A=\n"
            + "-----END PRIVATE KEY-----\n";

    @Test
    void hmacRestAscii() {
        assertThat(HmacSha256.of(SECRET).sign("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
                + "&recvWindow=5000&timestamp=1499827319559"))
                .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    @Test
    void hmacRestNonAsciiIsSignedPercentEncoded() {
        QueryString q = QueryString.builder().add("symbol", "１２３４５６").add("side", "BUY").add("type", "LIMIT")
                .add("timeInForce", "GTC").add("quantity", 1).add("price", new java.math.BigDecimal("0.1"))
                .add("recvWindow", 5000).add("timestamp", 1499827319559L).build();
        String payload = q.encoded();
        assertThat(payload).isEqualTo("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
        assertThat(HmacSha256.of(SECRET).sign(payload))
                .isEqualTo("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
    }

    @Test
    void hmacWebSocketApiOrderPlaceSortsParams() {
        QueryString params = QueryString.builder().add("symbol", "BTCUSDT").add("side", "SELL").add("type", "LIMIT")
                .add("timeInForce", "GTC").add("quantity", "0.01000000").add("price", "52000.00").add("recvWindow", 100)
                .add("timestamp", 1645423376532L).add("apiKey", API_KEY).build();
        String payload = params.sortedRaw("signature");
        assertThat(payload).isEqualTo("apiKey=" + API_KEY + "&price=52000.00&quantity=0.01000000&recvWindow=100"
                + "&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT");
        assertThat(new HmacSha256(SECRET.toCharArray()).sign(payload))
                .isEqualTo("aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24");
    }

    @Test
    void hmacWebSocketApiNonAsciiIsRawUtf8() {
        assertThat(HmacSha256.of(SECRET).sign("apiKey=" + API_KEY + "&price=0.10000000&quantity=1.00000000&recvWindow=5000"
                + "&side=BUY&symbol=１２３４５６&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"))
                .isEqualTo("b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd");
    }

    @Test
    void hmacWebSocketSessionLogon() {
        HmacSha256 hmac = HmacSha256.of(SECRET);
        String payload = "apiKey=" + API_KEY + "&timestamp=1649729878532";
        assertThat(hmac.sign(payload)).isEqualTo("1cf54395b336b0a9727ef27d5d98987962bc47aca6e13fe978612d0adee066ed");
        assertThat(hmac.verify(payload, "1CF54395B336B0A9727EF27D5D98987962BC47ACA6E13FE978612D0ADEE066ED")).isTrue();
        assertThat(hmac.verify(payload, "00")).isFalse();
        assertThat(hmac.verify(payload, "not hex")).isFalse();
    }

    @Test
    void ed25519ConnectorVectors() {
        Ed25519Signer signer = Ed25519Signer.fromPem(ED25519_PEM);
        assertThat(signer.sign("timestamp=1736393892000"))
                .isEqualTo("1KohSdsEYUHEO2qTbkkjbmFdufaUTF9dKat6oUwE2RHT+zThFX4i1MMeNC5nqH0Eya07jbRN9/Lq1HaTgjD2Aw==");
        assertThat(signer.sign("apiKey=apiKey&timestamp=1736393892000"))
                .isEqualTo("w5VdScCUjVCBg8gmima0WOwDjnL0BaNQ0Boi0A4rSSa8oszi1Ul+MWr5JH3JJ2zEduiEV781IxQg61lz3c+9BA==");
        QueryString orderPlace = QueryString.builder().add("symbol", "BTCUSDT").add("side", "BUY").add("type", "LIMIT")
                .add("apiKey", "apiKey").add("timestamp", "1736393892000").build();
        assertThat(signer.sign(orderPlace.sortedRaw("signature")))
                .isEqualTo("NY2J8Gl6ma79oNKejRwyRmuKvymgH5ybfEZ3fqC+wGnnfrIPNKY5iDB+btYVmBZq88HDZFMNHhjbxC+J7o3DBA==");
        assertThat(signer.sign("aboveType=STOP_LOSS&apiKey=apiKey&belowPrice=0&belowType=TAKE_PROFIT&quantity=0&side=BUY"
                + "&symbol=BTCUSDT&timestamp=1736393892000"))
                .isEqualTo("iuJFRKcXvmoF1c0bxhSrNrCbq314Th86woSILSx0hABEx80SIZfh76HmcYPPl/s1N+W4VKgEKiofqWvN4QnrDQ==");
        assertThat(signer.algorithm()).isEqualTo("Ed25519");
    }

    @Test
    void ed25519EncryptedKey() {
        Ed25519Signer signer = Ed25519Signer.fromPem(ED25519_ENCRYPTED_PEM.toCharArray(), "test123".toCharArray());
        assertThat(signer.sign("timestamp=1736393892000"))
                .isEqualTo("1bVUk5CQDr3yqpmiIUmV6lXeIoC6PLDNnc8bca4RFR7SChr2RJi5AtgppEfEPyBxO25lm9iapCiINN9+rhJ1AQ==");
        assertThatThrownBy(() -> Ed25519Signer.fromPem(ED25519_ENCRYPTED_PEM.toCharArray(), "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> Ed25519Signer.fromPem(ED25519_ENCRYPTED_PEM.toCharArray(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted");
    }

    @Test
    void rsaConnectorVector() {
        RsaSha256Signer signer = RsaSha256Signer.fromPem(RSA_PEM);
        assertThat(signer.sign("timestamp=1736393892000")).isEqualTo(
                "dmfJCWBD/6umdoUkRniOlyxvHo4eZaFRarnva+ElB7kAfLdWa8AcwSyiDS13WZZmKIbCKHanbkfzjoZCTUzd10PpA2hX+uvAPaRYQh460eLZ"
                + "faKF3fg30gSa9PRwsGR/DcUDI415rafzoDbxOgwRTehSTg7eT7+RWx9iv2V8GWW+fVULu406XoWv7jfffXdP28GiuKBS40XZScb4vgINlaSk"
                + "MyAlMhwrLnXp5+Oga84uOlb6UFvClXa8CaL5Sn3xExc5YT6fKYcGZby5Hntdb1EmXglK3RwZqJiP4PsCcigciw7NIHB12gXMrkpcqi9STokC"
                + "zdXXzfN5BQSeC26UcQ==");
        assertThatThrownBy(() -> Ed25519Signer.fromPem(RSA_PEM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA");
    }

    @Test
    void bybitStyleDerivedHmacVector() {
        // derived (not official) vector from bybit/signing_notes_and_vectors.json: proves the pre-hash concatenation
        assertThat(HmacSha256.of("XXXXXXXXXX").sign("1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C"))
                .isEqualTo("c00720f96c5934ca7057ac28ae65b823f83b8b67a8fe784e7795ca0fa3c148ec");
    }

    @Test
    void badPemIsRefusedWithoutEchoingIt() {
        String secretish = "-----BEGIN RSA PRIVATE KEY-----\nTOPSECRETBYTES\n-----END RSA PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PemKeys.readPrivateKey(secretish, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8").hasMessageNotContaining("TOPSECRET");
        assertThatThrownBy(() -> PemKeys.readPrivateKey("MC4CAQAwBQYDK2Vw", null)).hasMessageContaining("no -----BEGIN");
        String garbage = "-----BEGIN PRIVATE KEY-----\nAAAAsecretAAAA\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PemKeys.readPrivateKey(garbage, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void toStringNeverRevealsKeyMaterial() {
        HmacSha256 hmac = HmacSha256.of(SECRET);
        Ed25519Signer ed = Ed25519Signer.fromPem(ED25519_PEM);
        RsaSha256Signer rsa = RsaSha256Signer.fromPem(RSA_PEM);
        ApiCredentials creds = new ApiCredentials(API_KEY, hmac);
        for (Object o : new Object[] {hmac, ed, rsa, creds}) {
            assertThat(o.toString()).contains("redacted").doesNotContain(SECRET).doesNotContain(API_KEY)
                    .doesNotContain("MC4CAQAw").doesNotContain("MIIEvQ").doesNotContain("NhqPtmd");
        }
        assertThat(creds.toString()).isEqualTo("ApiCredentials[apiKey=<redacted>, signer=HMAC-SHA256]");
    }

    @Test
    void destroyedHmacRefusesToSign() {
        HmacSha256 hmac = HmacSha256.of(SECRET);
        hmac.destroy();
        assertThat(hmac.isDestroyed()).isTrue();
        assertThatThrownBy(() -> hmac.sign("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void credentialsFromConfig(@TempDir Path dir) throws Exception {
        ApiCredentials hmac = ApiCredentials.fromConfig(new ConfigView("venues[binance].accounts[main]",
                Map.of("apiKey", API_KEY, "apiSecret", SECRET)));
        assertThat(hmac.apiKey()).isEqualTo(API_KEY);
        assertThat(hmac.sign("apiKey=" + API_KEY + "&timestamp=1649729878532"))
                .isEqualTo("1cf54395b336b0a9727ef27d5d98987962bc47aca6e13fe978612d0adee066ed");

        Path keyFile = dir.resolve("ed25519.pem");
        Files.writeString(keyFile, ED25519_ENCRYPTED_PEM);
        ApiCredentials ed = ApiCredentials.fromConfig(new ConfigView("a",
                Map.of("apiKey", "apiKey", "privateKeyFile", keyFile.toString(), "privateKeyPassword", "test123")));
        assertThat(ed.signer()).isInstanceOf(Ed25519Signer.class);
        assertThat(ed.sign("timestamp=1736393892000"))
                .isEqualTo("1bVUk5CQDr3yqpmiIUmV6lXeIoC6PLDNnc8bca4RFR7SChr2RJi5AtgppEfEPyBxO25lm9iapCiINN9+rhJ1AQ==");

        ApiCredentials rsa = ApiCredentials.fromConfig(new ConfigView("a", Map.of("apiKey", "k", "privateKey", RSA_PEM)));
        assertThat(rsa.signer()).isInstanceOf(RsaSha256Signer.class);

        assertThatThrownBy(() -> ApiCredentials.fromConfig(new ConfigView("a", Map.of("apiKey", "k"))))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("a.apiSecret: missing");
        assertThatThrownBy(() -> ApiCredentials.fromConfig(new ConfigView("a",
                Map.of("apiKey", "k", "apiSecret", SECRET, "privateKey", RSA_PEM))))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("only one").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ApiCredentials.fromConfig(new ConfigView("a",
                Map.of("apiKey", "k", "privateKey", ED25519_ENCRYPTED_PEM, "privateKeyPassword", "nope"))))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith("a.privateKey: ")
                .hasMessageNotContaining("MIGjMF8G");
        assertThatThrownBy(() -> ApiCredentials.fromConfig(new ConfigView("a",
                Map.of("apiKey", "k", "privateKeyFile", dir.resolve("missing.pem").toString()))))
                .isInstanceOf(VenueConfigException.class).hasMessageContaining("cannot read the key file");
    }
}
