package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's signature checks against the published vectors of signing_vectors.json. */
class SigningTest {
    // rest_hmac_ascii / wsapi_*: binance-spot-api-docs example key (published, never funded)
    static final String DOC_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    @Test
    void restHmacVectors() {
        SignatureVerifier v = SignatureVerifier.hmac(DOC_SECRET);
        String ascii = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                + "&timestamp=1499827319559";
        assertThat(SignatureVerifier.hmacHex(DOC_SECRET.getBytes(StandardCharsets.UTF_8), ascii))
                .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        assertThat(v.verify(ascii, "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")).isTrue();
        assertThat(v.verify(ascii, "C8DB56825AE71D6D79447849E617115F4A920FA2ACDCAB2B053C4B2838BD6B71"))
                .as("Binance compares hex case-insensitively").isTrue();
        assertThat(v.verify(ascii.replace("0.1", "0.2"),
                "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")).isFalse();
        String nonAscii = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        assertThat(v.verify(nonAscii, "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3")).isTrue();
    }

    @Test
    void restRequestSignedOverQueryThenBody() {
        Authenticator auth = new Authenticator(Map.of(DOC_KEY, SimAccount.hmac("doc", DOC_KEY, DOC_SECRET).build()),
                fixed(1499827319559L));
        // rest-api.md "Example 3: Mixed query string and request body"
        RestRequest mixed = new RestRequest("POST", "/api/v3/order",
                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
                "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                        + "&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77",
                Map.of("x-mbx-apikey", DOC_KEY, "content-type", "application/x-www-form-urlencoded"));
        assertThat(auth.signed(mixed, Params.of(mixed)).name()).isEqualTo("doc");
        RestRequest inQuery = new RestRequest("POST", "/api/v3/order",
                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                        + "&timestamp=1499827319559"
                        + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
                "", Map.of("x-mbx-apikey", DOC_KEY));
        assertThat(auth.signed(inQuery, Params.of(inQuery)).name()).isEqualTo("doc");
        RestRequest tampered = new RestRequest("POST", "/api/v3/order",
                "symbol=LTCBTC&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                        + "&timestamp=1499827319559"
                        + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
                "", Map.of("x-mbx-apikey", DOC_KEY));
        assertThatThrownBy(() -> auth.signed(tampered, Params.of(tampered)))
                .isInstanceOfSatisfying(BinanceException.class, e -> assertThat(e.code()).isEqualTo(-1022));
    }

    @Test
    void webSocketApiHmacVector() {
        Authenticator auth = new Authenticator(Map.of(DOC_KEY, SimAccount.hmac("doc", DOC_KEY, DOC_SECRET).build()),
                fixed(1645423376532L));
        JsonNode params = Json.parse("{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"type\":\"LIMIT\","
                + "\"timeInForce\":\"GTC\",\"quantity\":\"0.01000000\",\"price\":\"52000.00\",\"recvWindow\":100,"
                + "\"timestamp\":1645423376532,\"apiKey\":\"" + DOC_KEY + "\","
                + "\"signature\":\"aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24\"}");
        assertThat(auth.signedWs(params).name()).isEqualTo("doc");
    }

    @Test
    void ed25519Vectors() {
        SignatureVerifier v = SignatureVerifier.ed25519(Sims.BOB_PUBLIC);
        assertThat(v.verify("timestamp=1736393892000",
                "1KohSdsEYUHEO2qTbkkjbmFdufaUTF9dKat6oUwE2RHT+zThFX4i1MMeNC5nqH0Eya07jbRN9/Lq1HaTgjD2Aw==")).isTrue();
        assertThat(v.verify("timestamp=1736393892001",
                "1KohSdsEYUHEO2qTbkkjbmFdufaUTF9dKat6oUwE2RHT+zThFX4i1MMeNC5nqH0Eya07jbRN9/Lq1HaTgjD2Aw==")).isFalse();
        assertThat(v.verify("timestamp=1736393892000", "not base64!")).isFalse();

        Authenticator auth = new Authenticator(Map.of("apiKey", SimAccount.ed25519("ed", "apiKey", Sims.BOB_PUBLIC)
                .build()), fixed(1736393892000L));
        JsonNode logon = Json.parse("{\"apiKey\":\"apiKey\",\"timestamp\":\"1736393892000\",\"signature\":"
                + "\"w5VdScCUjVCBg8gmima0WOwDjnL0BaNQ0Boi0A4rSSa8oszi1Ul+MWr5JH3JJ2zEduiEV781IxQg61lz3c+9BA==\"}");
        assertThat(auth.signedWs(logon).name()).isEqualTo("ed");
    }

    @Test
    void unusableKeysAreRefusedAtConfiguration() {
        assertThatThrownBy(() -> SimAccount.ed25519("x", "k", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimAccount.hmac("x", "k", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SimAccount.hmac("x", "k", "secret").build().toString()).doesNotContain("secret");
    }

    private static Clock fixed(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
