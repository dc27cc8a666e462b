package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TestClient.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v3/ticker/bookTicker} and {@code GET /fapi/v1/ticker/bookTicker}: Binance's field
 * sets, number formats and weights, one symbol or all of them, the book's top as it moves, -1121
 * for an unknown symbol.
 */
class BookTickerTest {
    BinanceSimulator sim;
    TestClient client;

    @BeforeEach
    void start() throws Exception {
        sim = Sims.builder().build();
        sim.start();
        client = TestClient.hmac(sim, Sims.ALICE_KEY, Sims.ALICE_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void spotBookTickerOfOneSymbolIsTheTopOfTheBookInEightDecimals() {
        Resp one = client.get("/api/v3/ticker/bookTicker", "symbol=BTCUSDT");

        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        JsonNode t = one.json();
        assertThat(names(t)).containsExactly("symbol", "bidPrice", "bidQty", "askPrice", "askQty");
        assertThat(t.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(t.get("bidPrice").asText()).isEqualTo("59999.99000000");
        assertThat(t.get("askPrice").asText()).isEqualTo("60000.01000000");
        assertThat(t.get("bidQty").asText()).matches("[0-9]+\\.[0-9]{8}").isNotEqualTo("0.00000000");
        assertThat(t.get("askQty").asText()).matches("[0-9]+\\.[0-9]{8}").isNotEqualTo("0.00000000");
        assertThat(one.header("X-MBX-USED-WEIGHT-1M")).hasValue("2");
    }

    @Test
    void spotBookTickerWithoutSymbolListsEverySymbolForWeightFour() {
        Resp all = client.get("/api/v3/ticker/bookTicker", "");

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().isArray()).isTrue();
        List<String> symbols = new ArrayList<>();
        all.json().forEach(t -> symbols.add(t.get("symbol").asText()));
        assertThat(symbols).containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
        assertThat(all.header("X-MBX-USED-WEIGHT-1M")).hasValue("4");

        Resp some = client.get("/api/v3/ticker/bookTicker", "symbols=%5B%22ETHUSDT%22%5D");
        assertThat(some.json()).hasSize(1);
        assertThat(some.json().get(0).get("symbol").asText()).isEqualTo("ETHUSDT");
    }

    @Test
    void spotBookTickerFollowsTheMarket() {
        sim.spotMarket().moveMid("BTCUSDT", 100_000);

        JsonNode moved = client.get("/api/v3/ticker/bookTicker", "symbol=BTCUSDT").json();
        assertThat(moved.get("bidPrice").asText()).isEqualTo("60999.99000000");
        assertThat(moved.get("askPrice").asText()).isEqualTo("61000.01000000");

        TopOfBook top = sim.spotMarket().top("BTCUSDT");
        assertThat(decimal(moved, "bidPrice")).isEqualByComparingTo(top.bid());
        assertThat(decimal(moved, "askPrice")).isEqualByComparingTo(top.ask());
    }

    @Test
    void unknownSymbolIsInvalidSymbolOnBothMarkets() {
        Resp spot = client.get("/api/v3/ticker/bookTicker", "symbol=NOPE");
        Resp futures = client.get("/fapi/v1/ticker/bookTicker", "symbol=NOPE");

        assertThat(spot.status()).isEqualTo(400);
        assertThat(spot.json()).hasToString("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        assertThat(futures.status()).isEqualTo(400);
        assertThat(futures.json()).hasToString("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    @Test
    void futuresBookTickerHasPlainNumbersAndTheTime() {
        long before = System.currentTimeMillis();
        Resp one = client.get("/fapi/v1/ticker/bookTicker", "symbol=BTCUSDT");

        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        JsonNode t = one.json();
        assertThat(names(t)).containsExactly("symbol", "bidPrice", "bidQty", "askPrice", "askQty", "time");
        TopOfBook top = sim.futuresMarket().top("BTCUSDT");
        assertThat(t.get("bidPrice").asText()).isEqualTo(top.bid().stripTrailingZeros().toPlainString());
        assertThat(t.get("askPrice").asText()).isEqualTo(top.ask().stripTrailingZeros().toPlainString());
        assertThat(decimal(t, "bidPrice")).isLessThan(decimal(t, "askPrice"));
        assertThat(t.get("time").isIntegralNumber()).isTrue();
        assertThat(t.get("time").asLong()).isBetween(before, System.currentTimeMillis());
        assertThat(one.header("X-MBX-USED-WEIGHT-1M")).hasValue("2");

        Resp all = client.get("/fapi/v1/ticker/bookTicker", "");
        assertThat(all.json().isArray()).isTrue();
        assertThat(all.json()).extracting(n -> n.get("symbol").asText()).containsExactly("BTCUSDT");
        assertThat(all.header("X-MBX-USED-WEIGHT-1M")).hasValue("7");

        sim.futuresMarket().moveMid("BTCUSDT", 12_000);
        JsonNode moved = client.get("/fapi/v1/ticker/bookTicker", "symbol=BTCUSDT").json();
        assertThat(decimal(moved, "bidPrice")).isEqualByComparingTo(top.bid().add(new BigDecimal("1200")));
    }

    /** A decimal string field (Binance quotes its numbers). */
    private static BigDecimal decimal(JsonNode n, String field) {
        return new BigDecimal(n.get(field).asText());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
