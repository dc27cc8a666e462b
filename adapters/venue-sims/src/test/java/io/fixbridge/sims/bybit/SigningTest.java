package io.fixbridge.sims.bybit;

import io.fixbridge.sims.bybit.BybitClient.Resp;
import io.fixbridge.sims.common.Hmac;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bybit v5 request signing. The vectors are from venue-reference/bybit/signing_notes_and_vectors.json
 * ("derived_here_NOT_OFFICIAL": Bybit's documented pre-sign strings signed with the secret
 * "XXXXXXXXXX", recomputed there with Python and openssl); Bybit's own example signatures cannot be
 * checked because their secret is not published.
 */
class SigningTest {
    private static final String DOC_KEY = "XXXXXXXXXX";
    private static final String DOC_SECRET = "XXXXXXXXXX";
    private static final String GET_TIMESTAMP = "1658384314791";
    private static final String GET_QUERY = "category=option&symbol=BTC-29JUL22-25000-C";
    private static final String GET_SIGNATURE = "c00720f96c5934ca7057ac28ae65b823f83b8b67a8fe784e7795ca0fa3c148ec";
    private static final String POST_TIMESTAMP = "1658385579423";
    private static final String POST_BODY = "{\"category\": \"option\"}";
    private static final String POST_SIGNATURE = "fbb4648b585b3e62de2c4eaecc8f3b6066aa18e98cc300eaff4d87f15b55724a";
    private static final long WS_EXPIRES = 1662350400000L;
    private static final String WS_SIGNATURE = "3d6cbbfa4569aab894f661add824ff3f06090d0edba388f1e47dc15e6a7b5a8b";

    private BybitSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private BybitSimulator start(long now) throws Exception {
        sim = Fixtures.builder().clock(new TestClock(now))
                .account(SimAccount.hmac("docs", DOC_KEY, DOC_SECRET).balance("USDT", "10").build()).build();
        sim.start();
        return sim;
    }

    private static Map<String, String> headers(String timestamp, String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("X-BAPI-API-KEY", DOC_KEY);
        h.put("X-BAPI-TIMESTAMP", timestamp);
        h.put("X-BAPI-RECV-WINDOW", "5000");
        h.put("X-BAPI-SIGN", signature);
        return h;
    }

    @Test
    void theReferenceVectorsAreHmacSha256OfTheDocumentedPreSignStrings() {
        assertThat(Hmac.hex(DOC_SECRET, GET_TIMESTAMP + DOC_KEY + "5000" + GET_QUERY)).isEqualTo(GET_SIGNATURE);
        assertThat(Hmac.hex(DOC_SECRET, POST_TIMESTAMP + DOC_KEY + "5000" + POST_BODY)).isEqualTo(POST_SIGNATURE);
        assertThat(Hmac.hex(DOC_SECRET, "GET/realtime" + WS_EXPIRES)).isEqualTo(WS_SIGNATURE);
    }

    @Test
    void aGetSignedOverTheExactQueryStringPassesTheSignatureCheck() throws Exception {
        start(Long.parseLong(GET_TIMESTAMP) + 200);
        BybitClient raw = new BybitClient(sim.baseUrl(), DOC_KEY, DOC_SECRET, () -> 0);

        Resp r = raw.send("GET", "/v5/order/realtime", GET_QUERY, "", headers(GET_TIMESTAMP, GET_SIGNATURE));

        // the signature is accepted; then the simulator refuses the option category it does not serve
        assertThat(r.retCode()).as(r.toString()).isEqualTo(10001);
        assertThat(r.retMsg()).isEqualTo("params error: Illegal category");
        Resp reordered = raw.send("GET", "/v5/order/realtime", "symbol=BTC-29JUL22-25000-C&category=option", "",
                headers(GET_TIMESTAMP, GET_SIGNATURE));
        assertThat(reordered.retCode()).as("the query string is signed as sent, not re-sorted").isEqualTo(10004);
    }

    @Test
    void aPostSignedOverTheRawBodyPassesTheSignatureCheck() throws Exception {
        start(Long.parseLong(POST_TIMESTAMP) + 200);
        BybitClient raw = new BybitClient(sim.baseUrl(), DOC_KEY, DOC_SECRET, () -> 0);

        Resp r = raw.send("POST", "/v5/order/create", "", POST_BODY, headers(POST_TIMESTAMP, POST_SIGNATURE));

        assertThat(r.retCode()).as(r.toString()).isEqualTo(10001);
        Resp compact = raw.send("POST", "/v5/order/create", "", "{\"category\":\"option\"}",
                headers(POST_TIMESTAMP, POST_SIGNATURE));
        assertThat(compact.retCode()).as("the body is signed byte for byte").isEqualTo(10004);
        assertThat(compact.status()).isEqualTo(200);
        assertThat(compact.retMsg()).isEqualTo("Error sign, please check your signature generation algorithm.");
    }

    @Test
    void thePrivateWebSocketAcceptsTheReferenceAuthVector() throws Exception {
        start(WS_EXPIRES - 5_000);
        try (PrivateWs ws = new PrivateWs(sim.privateWsUrl())) {
            ws.send("{\"req_id\":\"10001\",\"op\":\"auth\",\"args\":[\"" + DOC_KEY + "\"," + WS_EXPIRES + ",\""
                    + WS_SIGNATURE + "\"]}");
            var answer = ws.awaitMessage(m -> "auth".equals(m.path("op").asText()));
            assertThat(answer.path("success").asBoolean()).as(answer.toString()).isTrue();
            assertThat(answer.path("req_id").asText()).isEqualTo("10001");
            assertThat(answer.path("ret_msg").asText()).isEmpty();
            assertThat(answer.path("conn_id").asText()).isNotBlank();
        }
    }

    @Test
    void unknownKeyBadSignatureAndStaleTimestampsAreRefusedWithBybitsCodes() throws Exception {
        sim = Fixtures.builder().build();
        sim.start();
        BybitClient alice = Fixtures.alice(sim);

        Resp unknown = new BybitClient(sim, "nobody", "x").get("/v5/account/wallet-balance", "accountType=UNIFIED");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.retCode()).isEqualTo(10003);
        assertThat(unknown.retMsg()).isEqualTo("API key is invalid.");
        assertThat(unknown.json().has("result")).isTrue();

        Resp wrongSecret = new BybitClient(sim, Fixtures.ALICE_KEY, "not-the-secret")
                .get("/v5/account/wallet-balance", "accountType=UNIFIED");
        assertThat(wrongSecret.retCode()).isEqualTo(10004);

        long now = System.currentTimeMillis();
        for (long timestamp : new long[] {now - 6_000, now + 1_500}) {
            String t = Long.toString(timestamp);
            String query = "accountType=UNIFIED";
            Map<String, String> h = Map.of("X-BAPI-API-KEY", Fixtures.ALICE_KEY, "X-BAPI-TIMESTAMP", t,
                    "X-BAPI-RECV-WINDOW", "5000",
                    "X-BAPI-SIGN", Hmac.hex(Fixtures.ALICE_SECRET, t + Fixtures.ALICE_KEY + "5000" + query));
            Resp stale = alice.send("GET", "/v5/account/wallet-balance", query, "", h);
            assertThat(stale.retCode()).as(stale.toString()).isEqualTo(10002);
            assertThat(stale.retMsg()).startsWith("invalid request, please check your server timestamp or recv_window"
                    + " param. req_timestamp[" + t + "],server_timestamp[").endsWith("],recv_window[5000]");
        }
        String old = Long.toString(now - 6_000);
        Resp wider = alice.send("GET", "/v5/account/wallet-balance", "accountType=UNIFIED", "",
                Map.of("X-BAPI-API-KEY", Fixtures.ALICE_KEY, "X-BAPI-TIMESTAMP", old, "X-BAPI-RECV-WINDOW", "20000",
                        "X-BAPI-SIGN", Hmac.hex(Fixtures.ALICE_SECRET, old + Fixtures.ALICE_KEY + "20000"
                                + "accountType=UNIFIED")));
        assertThat(wider.retCode()).as("a wider recv window admits it").isZero();
        assertThat(alice.get("/v5/account/wallet-balance", "accountType=UNIFIED").retCode()).isZero();
    }
}
