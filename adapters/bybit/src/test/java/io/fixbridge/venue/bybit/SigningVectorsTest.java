package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.kit.http.HttpRequest;
import io.fixbridge.venue.kit.sign.ApiCredentials;
import io.fixbridge.venue.kit.sign.HmacSha256;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bybit's signing rules against the reference vectors of /work/shared/venue-reference/bybit
 * (signing_notes_and_vectors.json, copied here as the expected strings): the documented pre-sign
 * strings of Bybit's guide, and the HMAC vectors derived from them with the secret
 * {@code XXXXXXXXXX} (Bybit does not publish the secret of its own examples, so those signatures
 * cannot be checked; the derived ones were computed independently with Python and openssl).
 */
class SigningVectorsTest {
    private static final String KEY = "XXXXXXXXXX";
    private static final ApiCredentials CREDS = new ApiCredentials(KEY, HmacSha256.of("XXXXXXXXXX"));

    @Test
    void getPreSignStringIsTimestampKeyRecvWindowAndTheQueryString() {
        assertThat(BybitSigning.restPayload(1658384314791L, KEY, 5000, "category=option&symbol=BTC-29JUL22-25000-C"))
                .isEqualTo("1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C");
    }

    @Test
    void postPreSignStringIsTimestampKeyRecvWindowAndTheRawBody() {
        assertThat(BybitSigning.restPayload(1658385579423L, KEY, 5000, "{\"category\": \"option\"}"))
                .isEqualTo("1658385579423XXXXXXXXXX5000{\"category\": \"option\"}");
    }

    @Test
    void getSignatureMatchesTheDerivedVector() {
        assertThat(BybitSigning.restSignature(CREDS, 1658384314791L, 5000, "category=option&symbol=BTC-29JUL22-25000-C"))
                .isEqualTo("c00720f96c5934ca7057ac28ae65b823f83b8b67a8fe784e7795ca0fa3c148ec");
    }

    @Test
    void postSignatureMatchesTheDerivedVector() {
        assertThat(BybitSigning.restSignature(CREDS, 1658385579423L, 5000, "{\"category\": \"option\"}"))
                .isEqualTo("fbb4648b585b3e62de2c4eaecc8f3b6066aa18e98cc300eaff4d87f15b55724a");
    }

    @Test
    void webSocketAuthSignsGetRealtimeAndExpires() {
        assertThat(BybitSigning.wsAuthPayload(1662350400000L)).isEqualTo("GET/realtime1662350400000");
        assertThat(BybitSigning.wsAuthSignature(CREDS, 1662350400000L))
                .isEqualTo("3d6cbbfa4569aab894f661add824ff3f06090d0edba388f1e47dc15e6a7b5a8b");
    }

    @Test
    void theSharedReferenceFileHoldsTheSameVectorsWhenPresent() throws IOException {
        Path ref = Path.of("/work/shared/venue-reference/bybit/signing_notes_and_vectors.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(ref), "the shared reference is not on this machine");
        JsonNode vectors = BybitJson.tree(Files.readString(ref, StandardCharsets.UTF_8)).get("derived_here_NOT_OFFICIAL");
        int checked = 0;
        for (JsonNode v : vectors) {
            ApiCredentials c = new ApiCredentials(KEY, HmacSha256.of(v.get("secret").asText()));
            assertThat(c.sign(v.get("prehash").asText())).isEqualTo(v.get("signature").asText());
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void signedRequestsCarryTheFourHeadersOverExactlyThePayloadSent() {
        String body = "{\"category\":\"spot\",\"symbol\":\"BTCUSDT\"}";
        HttpRequest r = BybitSigning.signed(HttpRequest.post("/v5/order/create").jsonBody(body), CREDS, 1658385579423L,
                5000, body).build();

        assertThat(r.headers().first(BybitSigning.API_KEY)).hasValue(KEY);
        assertThat(r.headers().first(BybitSigning.TIMESTAMP)).hasValue("1658385579423");
        assertThat(r.headers().first(BybitSigning.RECV_WINDOW)).hasValue("5000");
        assertThat(r.headers().first(BybitSigning.SIGN)).hasValue(
                new HmacSha256("XXXXXXXXXX".toCharArray()).sign("1658385579423XXXXXXXXXX5000" + body));
        assertThat(r.bodyText()).isEqualTo(body);
    }
}
