package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.binance.TopOfBook;
import io.fixbridge.sims.binance.TruthAlgoOrder;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.kit.sign.HmacSha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.fixbridge.venue.binance.AdapterHarness.answer;
import static io.fixbridge.venue.binance.AdapterHarness.failure;
import static io.fixbridge.venue.binance.AdapterHarness.limit;
import static io.fixbridge.venue.binance.AdapterHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * USD-M futures against the simulator: order types, conditional (algo) orders triggered by market
 * moves, modify, reduce-only, hedge mode, leverage, positions, maintenance and a stream drop.
 * BTC/USDT:USDT quotes: best bid 59999.9, best ask 60000.1, 1 BTC per level, tick 0.1.
 */
class BinanceFuturesAdapterTest {
    private static final String PERP = "BTC/USDT:USDT";
    private static final Map<String, Object> FUTURES = Map.of("markets", List.of("futures"));
    private AdapterHarness h;

    private AdapterHarness connect(Map<String, Object> settings) throws Exception {
        h = new AdapterHarness(SimSupport.start(), settings);
        return h;
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private TruthOrder truth(String clientOrderId) {
        return h.sim.sim.truth().futuresOrders(SimSupport.ACCOUNT).stream()
                .filter(o -> o.clientOrderId().equals(clientOrderId)).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator has no futures order " + clientOrderId));
    }

    private TruthAlgoOrder algo(String clientOrderId) {
        return h.sim.sim.truth().algoOrders(SimSupport.ACCOUNT).stream()
                .filter(o -> o.clientAlgoId().equals(clientOrderId)).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator has no algo order " + clientOrderId));
    }

    private BigDecimal position() {
        return h.sim.sim.truth().futuresPositions(SimSupport.ACCOUNT).stream().map(Position::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void openLong(String quantity) {
        OrderRequest buy = order(PERP, Side.BUY, OrderType.MARKET, quantity).build();
        h.submit(buy);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId())
                .compareTo(new BigDecimal(quantity)) == 0);
    }

    @Test
    void referencePriceFollowsTheSimulatorsBookMidAsOfTheBooksTime() throws Exception {
        connect(Map.of("markets", List.of("futures"), "referencePriceIntervalMs", 100));
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.adapter.referencePrice(PERP).isPresent());
        ReferencePrice first = h.adapter.referencePrice(PERP).orElseThrow();
        assertThat(first.price()).isEqualByComparingTo("60000");
        assertThat(first.kind()).isEqualTo(ReferencePrice.Kind.MID);
        assertThat(first.asOf()).isBefore(Instant.now().plusSeconds(1));

        h.sim.sim.futuresMarket().moveMid("BTCUSDT", 12_000);
        TopOfBook top = h.sim.sim.futuresMarket().top("BTCUSDT");
        BigDecimal mid = top.bid().add(top.ask()).divide(BigDecimal.valueOf(2));
        assertThat(mid).isEqualByComparingTo("61200");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> {
            ReferencePrice moved = h.adapter.referencePrice(PERP).orElseThrow();
            assertThat(moved.price()).isEqualByComparingTo(mid);
            assertThat(moved.asOf()).isAfter(first.asOf());
        });
        assertThat(h.adapter.referencePrice("BTC/USDT")).as("spot not configured").isEmpty();
    }

    @Test
    void referencePriceFallsBackToTheMarkPriceWhenTheBookIsOneSided() throws Exception {
        connect(Map.of("markets", List.of("futures"), "referencePriceIntervalMs", 100));
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.adapter.referencePrice(PERP).isPresent());

        // a market buy of the 10 levels of 1 BTC empties the ask side; the mark is the synthetic mid
        openLong("10");

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> {
            ReferencePrice mark = h.adapter.referencePrice(PERP).orElseThrow();
            assertThat(mark.kind()).isEqualTo(ReferencePrice.Kind.MARK);
            assertThat(mark.price()).isEqualByComparingTo(h.sim.sim.futuresMarket().mid("BTCUSDT"));
        });
    }

    @Test
    void marketOrderFillsOnTheStreamAndOpensAPosition() throws Exception {
        connect(FUTURES);

        openLong("0.01");

        assertThat(position()).isEqualByComparingTo("0.01");
        assertThat(answer(h.adapter.positions(SimSupport.ACCOUNT))).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo(PERP);
            assertThat(p.quantity()).isEqualByComparingTo("0.01");
            assertThat(p.entryPrice()).isPositive();
        });
        List<Balance> balances = answer(h.adapter.balances(SimSupport.ACCOUNT));
        assertThat(balances).extracting(Balance::asset).contains("USDT");
    }

    @Test
    void postOnlyThatWouldTakeIsRefusedAsGtxWithTheVenueCode() throws Exception {
        connect(FUTURES);
        OrderRequest maker = limit(PERP, Side.BUY, "0.003", "50000").postOnly(true).build();

        h.submit(maker);
        VenueError e = failure(h.adapter.submit(limit(PERP, Side.BUY, "0.003", "60010").postOnly(true).build()));

        assertThat(truth(maker.clientOrderId()).status()).isEqualTo("NEW");
        assertThat(e.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        assertThat(e.code()).isEqualTo("-5022");
    }

    @Test
    void gtdCarriesItsExpiryToBinance() throws Exception {
        connect(FUTURES);
        OrderRequest gtd = limit(PERP, Side.BUY, "0.003", "50000").timeInForce(TimeInForce.GTD)
                .expireTime(Instant.now().plusSeconds(3600)).build();
        OrderRequest tooSoon = limit(PERP, Side.BUY, "0.003", "50000").timeInForce(TimeInForce.GTD)
                .expireTime(Instant.now().plusSeconds(60)).build();

        h.submit(gtd);
        VenueError e = failure(h.adapter.submit(tooSoon));

        assertThat(truth(gtd.clientOrderId()).status()).isEqualTo("NEW");
        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.code()).isEqualTo("-5040");
    }

    @Test
    void reduceOnlyCannotOpenButCloses() throws Exception {
        connect(FUTURES);
        VenueError refused = failure(h.adapter.submit(order(PERP, Side.SELL, OrderType.MARKET, "0.01")
                .reduceOnly(true).build()));
        openLong("0.01");
        OrderRequest close = order(PERP, Side.SELL, OrderType.MARKET, "0.01").reduceOnly(true).build();

        h.submit(close);

        assertThat(refused.reason()).isEqualTo(RejectReason.REDUCE_ONLY_WOULD_INCREASE);
        assertThat(refused.code()).isEqualTo("-2022");
        await().atMost(AdapterHarness.TIMEOUT).until(() -> position().signum() == 0);
    }

    @Test
    void stopIsAnAlgoOrderWhoseTriggeredFillsComeUnderItsOwnClientId() throws Exception {
        connect(FUTURES);
        openLong("0.01");
        OrderRequest stop = order(PERP, Side.SELL, OrderType.STOP, "0.01").stopPrice(new BigDecimal("59000"))
                .reduceOnly(true).build();

        OrderEvent.Accepted accepted = h.submit(stop);
        TruthAlgoOrder placed = algo(stop.clientOrderId());
        h.sim.sim.futuresMarket().moveMid("BTCUSDT", -12_000);

        assertThat(placed.type()).isEqualTo("STOP_MARKET");
        assertThat(accepted.venueOrderId()).isEqualTo(String.valueOf(placed.algoId()));
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(stop.clientOrderId())
                .compareTo(new BigDecimal("0.01")) == 0);
        assertThat(h.events.fills(stop.clientOrderId())).allSatisfy(f ->
                assertThat(f.venueOrderId()).isEqualTo(accepted.venueOrderId()));
        assertThat(h.kinds(stop.clientOrderId())).containsExactly("Accepted", "Fill");
        TruthAlgoOrder triggered = algo(stop.clientOrderId());
        assertThat(h.events.fills(stop.clientOrderId())).extracting(OrderEvent.Fill::tradeId).containsExactlyElementsOf(
                h.sim.sim.truth().futuresOrders(SimSupport.ACCOUNT).stream()
                        .filter(o -> o.orderId() == triggered.actualOrderId())
                        .flatMap(o -> o.fills().stream()).map(f -> String.valueOf(f.tradeId())).toList());
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(answer(h.adapter.queryOrder(
                SimSupport.ACCOUNT, PERP, stop.clientOrderId()))).hasValueSatisfying(s -> {
                    assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
                    assertThat(s.venueOrderId()).isEqualTo(accepted.venueOrderId());
                    assertThat(s.fills()).hasSize(h.events.fills(stop.clientOrderId()).size());
                }));
        assertThat(position()).isEqualByComparingTo("0");
    }

    @Test
    void takeProfitTriggersOnARise() throws Exception {
        connect(FUTURES);
        openLong("0.01");
        OrderRequest tp = order(PERP, Side.SELL, OrderType.TAKE_PROFIT, "0.01").stopPrice(new BigDecimal("61000"))
                .reduceOnly(true).build();

        h.submit(tp);
        h.sim.sim.futuresMarket().moveMid("BTCUSDT", 12_000);

        assertThat(algo(tp.clientOrderId()).type()).isEqualTo("TAKE_PROFIT_MARKET");
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(tp.clientOrderId())
                .compareTo(new BigDecimal("0.01")) == 0);
    }

    @Test
    void stopLimitAlgoOrderIsListedAndCanceledByItsClientId() throws Exception {
        connect(FUTURES);
        OrderRequest stopLimit = order(PERP, Side.BUY, OrderType.STOP_LIMIT, "0.003")
                .stopPrice(new BigDecimal("61000")).price(new BigDecimal("61010")).build();
        OrderEvent.Accepted accepted = h.submit(stopLimit);

        assertThat(answer(h.adapter.openOrders(SimSupport.ACCOUNT))).extracting(OrderSnapshot::clientOrderId)
                .contains(stopLimit.clientOrderId());
        OrderEvent.Canceled canceled = answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, PERP,
                stopLimit.clientOrderId(), accepted.venueOrderId())));

        assertThat(algo(stopLimit.clientOrderId()).type()).isEqualTo("STOP");
        assertThat(canceled.venueOrderId()).isEqualTo(accepted.venueOrderId());
        assertThat(algo(stopLimit.clientOrderId()).status()).isEqualTo("CANCELED");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.kinds(stopLimit.clientOrderId())).containsExactly("Accepted", "Canceled"));
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, PERP, stopLimit.clientOrderId())).orElseThrow()
                .status()).isEqualTo(OrderSnapshot.Status.CANCELED);
    }

    @Test
    void modifyChangesQuantityAndPriceInPlaceWithOneReplaced() throws Exception {
        connect(FUTURES);
        OrderRequest original = limit(PERP, Side.BUY, "0.003", "50000").build();
        OrderEvent.Accepted accepted = h.submit(original);
        OrderRequest replacement = original.toBuilder().clientOrderId(AdapterHarness.newId())
                .quantity(new BigDecimal("0.005")).price(new BigDecimal("50100")).build();

        OrderEvent.Replaced r = answer(h.adapter.replace(new ReplaceRequest(original, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));

        assertThat(r.newClientOrderId()).isEqualTo(original.clientOrderId());
        assertThat(r.venueOrderId()).isEqualTo(accepted.venueOrderId());
        assertThat(truth(original.clientOrderId()).quantity()).isEqualByComparingTo("0.005");
        assertThat(truth(original.clientOrderId()).price()).isEqualByComparingTo("50100");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.kinds(original.clientOrderId())).containsExactly("Accepted", "Replaced"));
    }

    @Test
    void hedgeModeOpensLongAndReduceOnlyClosesIt() throws Exception {
        h = new AdapterHarness(SimSupport.start(SimSupport.alice().hedgeMode(true).build(), b -> b),
                Map.of("markets", List.of("futures"), "hedgeMode", true));

        openLong("0.01");
        assertThat(position()).isEqualByComparingTo("0.01");
        OrderRequest close = order(PERP, Side.SELL, OrderType.MARKET, "0.01").reduceOnly(true).build();
        h.submit(close);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> position().signum() == 0);
    }

    @Test
    void leverageIsSetAtConnect() throws Exception {
        connect(Map.of("markets", List.of("futures"), "leverage", Map.of("BTCUSDT", 7)));

        JsonNode risk = signedGet("/fapi/v2/positionRisk", "symbol=BTCUSDT");

        assertThat(risk.get(0).get("leverage").asText()).isEqualTo("7");
    }

    @Test
    void maintenanceRefusesFuturesOrdersUntilItEnds() throws Exception {
        connect(Map.of("markets", List.of("futures"), "healthProbeIntervalMs", 3000));
        h.sim.sim.faults().maintenance(true);

        VenueError first = failure(h.adapter.submit(limit(PERP, Side.BUY, "0.003", "50000").build()));
        VenueError second = failure(h.adapter.submit(limit(PERP, Side.BUY, "0.003", "50000").build()));
        h.sim.sim.faults().maintenance(false);

        assertThat(first.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(first.code()).isEqualTo("-1016");
        assertThat(second.code()).as("refused by the adapter").isNull();
        assertThat(second.message()).contains("Binance is in maintenance");
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.adapter.healthStatus().healthy());
        h.submit(limit(PERP, Side.BUY, "0.003", "50000").build());
    }

    @Test
    void aFillWhileTheFuturesStreamIsDownIsRecoveredOverRest() throws Exception {
        connect(Map.of("markets", List.of("futures"), "timeouts", Map.of("connectMs", 1000, "requestMs", 2000,
                "wsPingMs", 5000, "reconnectMinMs", 700, "reconnectMaxMs", 1000)));
        OrderRequest buy = limit(PERP, Side.BUY, "0.003", "59990.0").build();
        h.submit(buy);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.kinds(buy.clientOrderId()).contains("Accepted"));

        h.sim.sim.faults().dropUserDataStreams();
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.sim.sim.truth().openUserDataConnections() == 0);
        h.sim.sim.futuresMarket().moveMid("BTCUSDT", -200);

        assertThat(truth(buy.clientOrderId()).status()).isEqualTo("FILLED");
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId())
                .compareTo(new BigDecimal("0.003")) == 0);
        assertThat(h.events.fills(buy.clientOrderId())).extracting(OrderEvent.Fill::tradeId).containsExactlyElementsOf(
                truth(buy.clientOrderId()).fills().stream().map(f -> String.valueOf(f.tradeId())).toList());
    }

    /** A signed GET straight to the simulator, to check what the adapter set. */
    private JsonNode signedGet(String path, String query) throws Exception {
        String q = query + "&timestamp=" + System.currentTimeMillis();
        String signed = q + "&signature=" + HmacSha256.of(SimSupport.SECRET).sign(q);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(h.sim.sim.baseUrl() + path + "?" + signed))
                .header("X-MBX-APIKEY", SimSupport.API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return BinanceJson.tree(r.body());
    }
}
