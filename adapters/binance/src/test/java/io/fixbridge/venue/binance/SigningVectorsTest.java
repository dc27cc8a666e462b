package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.kit.http.QueryString;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.Ed25519Signer;
import io.fixbridge.venue.kit.sign.HmacSha256;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's signing against Binance's published vectors (values carried from
 * venue-reference/binance/signing_vectors.json): the payload the adapter builds must be the
 * documented one, and its signature the documented signature.
 */
class SigningVectorsTest {
    /** Binance's documented HMAC example key pair (rest-api.md, web-socket-api.md); never funded. */
    static final String DOC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    /** binance-connector-java's published Ed25519 test key (test-ed25519-prv-key.pem); never funded. */
    static final String ED25519_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEILpXm6EtDzSzPJWHTbP904h5R3bzb0QsLjTf1tAt2OlB\n"
            + "-----END PRIVATE KEY-----\n";

    private static final ApiCredentials HMAC = new ApiCredentials(DOC_API_KEY, HmacSha256.of(DOC_SECRET));
    private static final ApiCredentials ED25519 = new ApiCredentials("apiKey", Ed25519Signer.fromPem(ED25519_PEM));

    private static QueryString order(String symbol) {
        return QueryString.builder().add("symbol", symbol).add("side", "BUY").add("type", "LIMIT")
                .add("timeInForce", "GTC").add("quantity", "1").add("price", "0.1").build();
    }

    private static String param(QueryString q, String name) {
        return q.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void restHmacAscii() {
        QueryString signed = BinanceRest.signed(BinanceRest.withTimestamp(order("LTCBTC"), 5000, 1499827319559L), HMAC);

        assertThat(signed.encoded()).isEqualTo("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1"
                + "&price=0.1&recvWindow=5000&timestamp=1499827319559"
                + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    @Test
    void restHmacNonAsciiSignsThePercentEncodedPayload() {
        QueryString signed = BinanceRest.signed(BinanceRest.withTimestamp(order("１２３４５６"), 5000, 1499827319559L),
                HMAC);

        assertThat(signed.encoded()).startsWith("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96"
                + "&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
        assertThat(param(signed, "signature"))
                .isEqualTo("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
    }

    @Test
    void restEd25519SignatureIsBase64AndPercentEncodedOnTheWire() {
        QueryString signed = BinanceRest.signed(QueryString.builder().add("timestamp", 1736393892000L).build(),
                ED25519);
        String expected = "1KohSdsEYUHEO2qTbkkjbmFdufaUTF9dKat6oUwE2RHT+zThFX4i1MMeNC5nqH0Eya07jbRN9/Lq1HaTgjD2Aw==";

        assertThat(param(signed, "signature")).isEqualTo(expected);
        String onTheWire = signed.encoded().substring("timestamp=1736393892000&signature=".length());
        assertThat(onTheWire).doesNotContain("+", "/", "=");
        assertThat(URLDecoder.decode(onTheWire, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void wsApiHmacOrderPlaceAscii() {
        QueryString params = QueryString.builder().add("symbol", "BTCUSDT").add("side", "SELL").add("type", "LIMIT")
                .add("timeInForce", "GTC").add("quantity", "0.01000000").add("price", "52000.00")
                .add("recvWindow", 100).add("timestamp", 1645423376532L).add("apiKey", DOC_API_KEY).build();

        assertThat(params.sortedRaw("signature")).isEqualTo("apiKey=" + DOC_API_KEY + "&price=52000.00"
                + "&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC"
                + "&timestamp=1645423376532&type=LIMIT");
        assertThat(SpotUserStream.wsSignature(params, HMAC))
                .isEqualTo("aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24");
    }

    @Test
    void wsApiHmacNonAsciiSignsRawUtf8() {
        QueryString params = QueryString.builder().add("symbol", "１２３４５６").add("side", "BUY").add("type", "LIMIT")
                .add("timeInForce", "GTC").add("quantity", "1.00000000").add("price", "0.10000000")
                .add("recvWindow", 5000).add("timestamp", 1645423376532L).add("apiKey", DOC_API_KEY).build();

        assertThat(SpotUserStream.wsSignature(params, HMAC))
                .isEqualTo("b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd");
    }

    @Test
    void wsApiHmacSessionLogonPayload() {
        QueryString params = QueryString.builder().add("timestamp", 1649729878532L).add("apiKey", DOC_API_KEY).build();

        assertThat(SpotUserStream.wsSignature(params, HMAC))
                .isEqualTo("1cf54395b336b0a9727ef27d5d98987962bc47aca6e13fe978612d0adee066ed");
    }

    @Test
    void wsApiEd25519Vectors() {
        QueryString logon = QueryString.builder().add("apiKey", "apiKey").add("timestamp", "1736393892000").build();
        QueryString place = QueryString.builder().add("symbol", "BTCUSDT").add("side", "BUY").add("type", "LIMIT")
                .add("apiKey", "apiKey").add("timestamp", "1736393892000").build();
        QueryString oco = QueryString.builder().add("symbol", "BTCUSDT").add("side", "BUY").add("quantity", "0")
                .add("aboveType", "STOP_LOSS").add("belowType", "TAKE_PROFIT").add("belowPrice", "0")
                .add("apiKey", "apiKey").add("timestamp", "1736393892000").build();

        assertThat(SpotUserStream.wsSignature(logon, ED25519)).isEqualTo(
                "w5VdScCUjVCBg8gmima0WOwDjnL0BaNQ0Boi0A4rSSa8oszi1Ul+MWr5JH3JJ2zEduiEV781IxQg61lz3c+9BA==");
        assertThat(SpotUserStream.wsSignature(place, ED25519)).isEqualTo(
                "NY2J8Gl6ma79oNKejRwyRmuKvymgH5ybfEZ3fqC+wGnnfrIPNKY5iDB+btYVmBZq88HDZFMNHhjbxC+J7o3DBA==");
        assertThat(oco.sortedRaw("signature")).isEqualTo("aboveType=STOP_LOSS&apiKey=apiKey&belowPrice=0"
                + "&belowType=TAKE_PROFIT&quantity=0&side=BUY&symbol=BTCUSDT&timestamp=1736393892000");
        assertThat(SpotUserStream.wsSignature(oco, ED25519)).isEqualTo(
                "iuJFRKcXvmoF1c0bxhSrNrCbq314Th86woSILSx0hABEx80SIZfh76HmcYPPl/s1N+W4VKgEKiofqWvN4QnrDQ==");
    }

    @Test
    void userDataSubscriptionCarriesApiKeyTimestampAndTheSignatureOfThoseSorted() {
        JsonNode request = BinanceJson.tree(SpotUserStream.subscribeRequest("req-1", HMAC, 5000, 1649729878532L));

        assertThat(request.get("id").asText()).isEqualTo("req-1");
        assertThat(request.get("method").asText()).isEqualTo("userDataStream.subscribe.signature");
        JsonNode p = request.get("params");
        assertThat(p.get("apiKey").asText()).isEqualTo(DOC_API_KEY);
        assertThat(p.get("timestamp").asLong()).isEqualTo(1649729878532L);
        assertThat(p.get("recvWindow").asLong()).isEqualTo(5000);
        assertThat(p.get("signature").asText()).isEqualTo(HmacSha256.of(DOC_SECRET).sign(
                "apiKey=" + DOC_API_KEY + "&recvWindow=5000&timestamp=1649729878532"));
    }
}
