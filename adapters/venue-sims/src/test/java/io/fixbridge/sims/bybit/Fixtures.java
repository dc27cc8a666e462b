package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;

/** Shared test fixtures: accounts, keys, order bodies. */
final class Fixtures {
    static final String ALICE_KEY = "alice-api-key";
    static final String ALICE_SECRET = "alice-secret";
    static final String BOB_KEY = "bob-api-key";
    static final String BOB_SECRET = "bob-secret";

    private Fixtures() {
    }

    /** alice: USDT 100000, BTC 2, ETH 10; bob: USDT 1000, no BTC (for insufficient-balance cases). */
    static BybitSimulator.Builder builder() {
        return BybitSimulator.builder()
                .account(SimAccount.hmac("alice", ALICE_KEY, ALICE_SECRET)
                        .balance("USDT", "100000").balance("BTC", "2").balance("ETH", "10").build())
                .account(SimAccount.hmac("bob", BOB_KEY, BOB_SECRET).balance("USDT", "1000").build());
    }

    static BybitClient alice(BybitSimulator sim) {
        return new BybitClient(sim, ALICE_KEY, ALICE_SECRET);
    }

    static BybitClient bob(BybitSimulator sim) {
        return new BybitClient(sim, BOB_KEY, BOB_SECRET);
    }

    /** bob's client on a test clock. */
    static BybitClient builderless(BybitSimulator sim, TestClock clock) {
        return new BybitClient(sim.baseUrl(), BOB_KEY, BOB_SECRET, clock::millis);
    }

    /** A JSON body from alternating field names and raw JSON values ("\"text\"", "1", "true"). */
    static String body(String... fieldsAndRawValues) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < fieldsAndRawValues.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(fieldsAndRawValues[i]).append("\":").append(fieldsAndRawValues[i + 1]);
        }
        return sb.append('}').toString();
    }

    static String q(String text) {
        return "\"" + text + "\"";
    }

    /** A limit order body. */
    static String limit(String category, String symbol, String side, String qty, String price, String linkId) {
        return body("category", q(category), "symbol", q(symbol), "side", q(side), "orderType", q("Limit"),
                "qty", q(qty), "price", q(price), "orderLinkId", q(linkId));
    }

    /** A market order body. */
    static String market(String category, String symbol, String side, String qty, String linkId) {
        return body("category", q(category), "symbol", q(symbol), "side", q(side), "orderType", q("Market"),
                "qty", q(qty), "orderLinkId", q(linkId));
    }

    /** The single order of a realtime answer for {@code orderLinkId}. */
    static JsonNode realtime(BybitClient c, String category, String orderLinkId) {
        BybitClient.Resp r = c.get("/v5/order/realtime", "category=" + category + "&orderLinkId=" + orderLinkId);
        if (r.retCode() != 0 || r.list().size() != 1) {
            throw new AssertionError("no single order " + orderLinkId + ": " + r);
        }
        return r.list().get(0);
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }
}
