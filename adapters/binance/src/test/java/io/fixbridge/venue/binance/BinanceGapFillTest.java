package io.fixbridge.venue.binance;

import io.fixbridge.testkit.LogCapture;

import io.fixbridge.sims.binance.SpotSymbol;
import io.fixbridge.sims.binance.TruthFill;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.fixbridge.venue.binance.AdapterHarness.answer;
import static io.fixbridge.venue.binance.AdapterHarness.failure;
import static io.fixbridge.venue.binance.AdapterHarness.limit;
import static io.fixbridge.venue.binance.AdapterHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Filling the gap after the spot user stream drops, against the simulator over real sockets: an order
 * whose request is still waiting (here for the ORDERS rate limit) when the gap fill asks Binance
 * about it, and a quote-sized order that fills in full while the stream is down.
 */
class BinanceGapFillTest {
    private static final String BTC = "BTC/USDT";
    /** The user stream reconnects 560..700 ms after a drop: time to make a move while it is down. */
    private static final Map<String, Object> TIMEOUTS = Map.of("connectMs", 1000, "requestMs", 2000,
            "wsPingMs", 5000, "reconnectMinMs", 700, "reconnectMaxMs", 1000);
    private AdapterHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** Spot only, 3 orders per 10 s (a 4th waits about 3.3 s for its token), slow reconnects. */
    private static Map<String, Object> slowOrders() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("markets", List.of("spot"));
        m.put("rateLimits", Map.of("spotOrdersPer10s", 3));
        m.put("rateLimitPolicy", Map.of("maxWaitMs", 8000));
        m.put("timeouts", TIMEOUTS);
        return m;
    }

    private TruthOrder truth(String clientOrderId) {
        return h.sim.sim.truth().spotOrders(SimSupport.ACCOUNT).stream()
                .filter(o -> o.clientOrderId().equals(clientOrderId)).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator has no order " + clientOrderId));
    }

    /** Drops the user streams and waits until the simulator has none open. */
    private void dropStreams() {
        h.sim.sim.faults().dropUserDataStreams();
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.sim.sim.truth().openUserDataConnections() == 0);
    }

    private static long linesWith(LogCapture log, String text) {
        return log.lines().stream().filter(l -> l.contains(text)).count();
    }

    @Test
    void anOrderWhoseSubmitIsStillWaitingWhenTheGapFillAsksIsKeptAndLaterGapFillsFindItsFills() throws Exception {
        h = new AdapterHarness(SimSupport.start(), slowOrders());
        for (int i = 0; i < 3; i++) {
            h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());
        }
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "59990").build();

        try (LogCapture log = new LogCapture()) {
            CompletableFuture<OrderEvent.Accepted> waiting = h.adapter.submit(buy);
            dropStreams();
            // the gap fill asks about all four while the fourth waits for its rate-limit token: -2013
            await().atMost(AdapterHarness.TIMEOUT).until(() -> linesWith(log, "checking 4 open orders") == 1);
            assertThat(waiting).as("still waiting for its token").isNotDone();
            OrderEvent.Accepted accepted = answer(waiting);

            dropStreams();
            h.sim.sim.spotMarket().moveMid("BTCUSDT", -2000);
            assertThat(truth(buy.clientOrderId()).status()).isEqualTo("FILLED");

            await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId())
                    .compareTo(new BigDecimal("0.01")) == 0);
            assertThat(linesWith(log, "checking 4 open orders")).as("the order is still tracked as open spot")
                    .isEqualTo(2);
            assertThat(accepted.clientOrderId()).isEqualTo(buy.clientOrderId());
        }
        assertThat(h.events.fills(buy.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyElementsOf(truth(buy.clientOrderId()).fills().stream()
                        .map(f -> String.valueOf(f.tradeId())).toList());
        assertThat(h.kinds(buy.clientOrderId())).containsExactly("Accepted", "Fill");
    }

    @Test
    void aGapFillQueryThatFailsIsAskedAgainUntilTheMissedFillArrives() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("markets", List.of("spot"));
        settings.put("timeouts", TIMEOUTS);
        h = new AdapterHarness(SimSupport.start(), settings);
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "59990").build();
        h.submit(buy);

        try (LogCapture log = new LogCapture()) {
            dropStreams();
            h.sim.sim.spotMarket().moveMid("BTCUSDT", -2000);
            // the gap-fill query after the reconnect meets a failing Binance
            h.sim.sim.faults().failNextRequests(1, 502);

            await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId())
                    .compareTo(new BigDecimal("0.01")) == 0);
            assertThat(log.lines()).anyMatch(l -> l.contains("gap fill of order " + buy.clientOrderId())
                    && l.contains("asking again"));
        }
        assertThat(h.events.fills(buy.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyElementsOf(truth(buy.clientOrderId()).fills().stream()
                        .map(f -> String.valueOf(f.tradeId())).toList());
    }

    @Test
    void aCanceledOrdersFillThatTheStreamHasNotBroughtGoesOutBeforeItsEnd() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("markets", List.of("spot"));
        settings.put("timeouts", Map.of("connectMs", 1000, "requestMs", 2000, "wsPingMs", 5000,
                "reconnectMinMs", 8000, "reconnectMaxMs", 9000));
        h = new AdapterHarness(SimSupport.start(), settings);
        OrderRequest buy = limit(BTC, Side.BUY, "1.5", "59990").build();
        OrderEvent.Accepted accepted = h.submit(buy);
        dropStreams();
        // the best ask comes down to 59990: one level (1 BTC) trades with the resting 1.5
        h.sim.sim.spotMarket().moveMid("BTCUSDT", -1001);
        assertThat(truth(buy.clientOrderId()).executedQty()).isEqualByComparingTo("1");

        answer(h.adapter.cancel(new io.fixbridge.venue.CancelRequest(SimSupport.ACCOUNT, BTC, buy.clientOrderId(),
                accepted.venueOrderId())));

        assertThat(h.kinds(buy.clientOrderId())).containsExactly("Accepted", "Fill", "Canceled");
        assertThat(h.filled(buy.clientOrderId())).isEqualByComparingTo("1");
    }

    @Test
    void aCancelReplaceStillWaitingWhenTheGapFillAsksEndsInOneReplaced() throws Exception {
        h = new AdapterHarness(SimSupport.start(), slowOrders());
        OrderRequest original = limit(BTC, Side.BUY, "0.01", "59000").build();
        OrderEvent.Accepted accepted = h.submit(original);
        h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());
        h.submit(limit(BTC, Side.BUY, "0.001", "50000").build());
        OrderRequest replacement = original.toBuilder().clientOrderId(AdapterHarness.newId())
                .price(new BigDecimal("58990")).build();

        try (LogCapture log = new LogCapture()) {
            CompletableFuture<OrderEvent.Replaced> waiting = h.adapter.replace(new ReplaceRequest(original,
                    accepted.venueOrderId(), BigDecimal.ZERO, replacement));
            dropStreams();
            await().atMost(AdapterHarness.TIMEOUT).until(() -> linesWith(log, "checking 4 open orders") == 1);
            assertThat(waiting).as("still waiting for its token").isNotDone();

            OrderEvent.Replaced replaced = answer(waiting);

            assertThat(replaced.clientOrderId()).isEqualTo(original.clientOrderId());
            assertThat(replaced.newClientOrderId()).isEqualTo(replacement.clientOrderId());
            assertThat(replaced.venueOrderId()).isEqualTo(String.valueOf(truth(replacement.clientOrderId()).orderId()));
        }
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.kinds(original.clientOrderId()).contains("Replaced"));
        assertThat(h.kinds(original.clientOrderId())).containsExactly("Accepted", "Replaced");
        assertThat(h.events.about(replacement.clientOrderId())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Replaced");
    }

    @Test
    void aQuoteSizedOrderFilledWhileTheStreamIsDownEndsWithAFillThatSaysSo() throws Exception {
        // 0.0001 BTC per level: 100 USDT buys across about 17 levels, so about 17 trades
        SpotSymbol thin = SpotSymbol.btcusdt();
        thin = new SpotSymbol(thin.symbol(), thin.baseAsset(), thin.quoteAsset(), thin.tickSize(), thin.minPrice(),
                thin.maxPrice(), thin.stepSize(), thin.minQty(), thin.maxQty(), thin.marketMaxQty(),
                thin.minNotional(), thin.maxNotional(), thin.icebergParts(), thin.status(), thin.mid(),
                new BigDecimal("0.0001"), thin.legacyMinNotional());
        SpotSymbol btc = thin;
        h = new AdapterHarness(SimSupport.start(b -> b.spotSymbols(btc, SpotSymbol.ethusdt())),
                Map.of("markets", List.of("spot"), "timeouts", TIMEOUTS));
        OrderRequest buy = order(BTC, Side.BUY, OrderType.MARKET, "1").quantity(null)
                .cashQuantity(new BigDecimal("100")).build();

        dropStreams();
        h.sim.sim.faults().loseNextOrderResponse();
        VenueError lost = failure(h.adapter.submit(buy));
        assertThat(lost.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);

        TruthOrder t = truth(buy.clientOrderId());
        assertThat(t.status()).isEqualTo("FILLED");
        assertThat(t.fills()).hasSizeGreaterThan(2);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.events.fills(buy.clientOrderId()).size()
                == t.fills().size());
        List<OrderEvent.Fill> fills = h.events.fills(buy.clientOrderId());
        assertThat(fills).extracting(OrderEvent.Fill::tradeId).containsExactlyElementsOf(
                t.fills().stream().map(TruthFill::tradeId).sorted().map(String::valueOf).toList());
        assertThat(fills.subList(0, fills.size() - 1)).noneMatch(OrderEvent.Fill::orderFilled);
        assertThat(fills.get(fills.size() - 1).orderFilled()).as("the last fill completed the order").isTrue();
        assertThat(h.filled(buy.clientOrderId())).isEqualByComparingTo(t.executedQty());
    }
}
