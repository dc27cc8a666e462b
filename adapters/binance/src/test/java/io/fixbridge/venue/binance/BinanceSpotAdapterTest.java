package io.fixbridge.venue.binance;

import io.fixbridge.sims.binance.SpotSymbol;
import io.fixbridge.sims.binance.TruthFill;
import io.fixbridge.sims.binance.TopOfBook;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OcoRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.paper.engine.SyntheticMarket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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
 * Spot order types, fills, cancel-replace, OCO and rejects against the simulator over real sockets.
 * BTC/USDT quotes: best bid 59999.99, best ask 60000.01, 1 BTC per level, one tick (0.01) apart.
 */
class BinanceSpotAdapterTest {
    private static final String BTC = "BTC/USDT";
    private AdapterHarness h;

    private AdapterHarness connect() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("markets", List.of("spot")));
        return h;
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private TruthOrder truth(String clientOrderId) {
        return h.sim.sim.truth().spotOrders(SimSupport.ACCOUNT).stream()
                .filter(o -> o.clientOrderId().equals(clientOrderId)).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator has no order " + clientOrderId));
    }

    @Test
    void referencePriceFollowsTheSimulatorsBookAndFallsBackToTheLastPriceWhenASideEmpties() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("markets", List.of("spot"), "referencePriceIntervalMs", 100));
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.adapter.referencePrice(BTC).isPresent());
        ReferencePrice first = h.adapter.referencePrice(BTC).orElseThrow();
        assertThat(first.price()).isEqualByComparingTo("60000");
        assertThat(first.kind()).isEqualTo(ReferencePrice.Kind.MID);

        h.sim.sim.spotMarket().moveMid("BTCUSDT", 50_000);
        TopOfBook top = h.sim.sim.spotMarket().top("BTCUSDT");
        BigDecimal mid = top.bid().add(top.ask()).divide(BigDecimal.valueOf(2));
        assertThat(mid).isEqualByComparingTo("60500");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> {
            ReferencePrice moved = h.adapter.referencePrice(BTC).orElseThrow();
            assertThat(moved.price()).isEqualByComparingTo(mid);
            assertThat(moved.asOf()).as("spot entries carry no time: the receipt's").isAfter(first.asOf());
        });

        // a market buy of the 10 levels of 1 BTC empties the ask side: the last trade price stands in
        h.submit(order(BTC, Side.BUY, OrderType.MARKET, "10").build());
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> {
            ReferencePrice last = h.adapter.referencePrice(BTC).orElseThrow();
            assertThat(last.kind()).isEqualTo(ReferencePrice.Kind.LAST);
            assertThat(last.price()).isEqualByComparingTo("60500.10");
        });
        assertThat(h.adapter.referencePrice("BTC/USDT:USDT")).as("futures not configured").isEmpty();
    }

    @Test
    void marketOrderFillsAtOnceWithTheVenuesTradeIds() throws Exception {
        connect();
        OrderRequest buy = order(BTC, Side.BUY, OrderType.MARKET, "0.01").build();

        OrderEvent.Accepted accepted = h.submit(buy);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId()).compareTo(new BigDecimal("0.01")) == 0);
        List<OrderEvent.Fill> fills = h.events.fills(buy.clientOrderId());
        assertThat(fills).extracting(OrderEvent.Fill::tradeId).containsExactlyElementsOf(
                truth(buy.clientOrderId()).fills().stream().map(f -> String.valueOf(f.tradeId())).toList());
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(f.venueOrderId()).isEqualTo(accepted.venueOrderId());
            assertThat(f.commission()).isPositive();
        });
        assertThat(h.events.of(OrderEvent.Accepted.class, buy.clientOrderId())).hasSize(1);
    }

    @Test
    void marketOrderSizedInQuoteCurrencyUsesQuoteOrderQty() throws Exception {
        connect();
        OrderRequest buy = order(BTC, Side.BUY, OrderType.MARKET, "1").quantity(null)
                .cashQuantity(new BigDecimal("600")).build();

        h.submit(buy);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId()).signum() > 0);
        TruthOrder t = truth(buy.clientOrderId());
        assertThat(t.type()).isEqualTo("MARKET");
        BigDecimal spent = t.fills().stream().map(f -> f.price().multiply(f.quantity()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).isLessThanOrEqualTo(new BigDecimal("600")).isGreaterThan(new BigDecimal("599"));
    }

    /** BTCUSDT with {@code levelQuantity} BTC per price level, so a market order trades once per level it takes. */
    private static SpotSymbol thinBtc(String levelQuantity) {
        SpotSymbol s = SpotSymbol.btcusdt();
        return new SpotSymbol(s.symbol(), s.baseAsset(), s.quoteAsset(), s.tickSize(), s.minPrice(), s.maxPrice(),
                s.stepSize(), s.minQty(), s.maxQty(), s.marketMaxQty(), s.minNotional(), s.maxNotional(),
                s.icebergParts(), s.status(), s.mid(), new BigDecimal(levelQuantity), s.legacyMinNotional());
    }

    @Test
    void aQueriedQuoteSizedOrderThatFilledSaysSoOnItsLastFill() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.spotSymbols(thinBtc("0.0001"), SpotSymbol.ethusdt())),
                Map.of("markets", List.of("spot")));
        OrderRequest buy = order(BTC, Side.BUY, OrderType.MARKET, "1").quantity(null)
                .cashQuantity(new BigDecimal("100")).build();
        h.submit(buy);
        TruthOrder t = truth(buy.clientOrderId());

        OrderSnapshot s = answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, buy.clientOrderId())).orElseThrow();

        assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
        assertThat(t.fills()).hasSizeGreaterThan(2);
        assertThat(s.fills()).extracting(OrderEvent.Fill::tradeId).containsExactlyElementsOf(
                t.fills().stream().map(TruthFill::tradeId).sorted().map(String::valueOf).toList());
        assertThat(s.fills().subList(0, s.fills().size() - 1)).noneMatch(OrderEvent.Fill::orderFilled);
        assertThat(s.fills().get(s.fills().size() - 1).orderFilled()).isTrue();
    }

    @Test
    void anOrderWithMoreFillsThanOnePageOfTradesIsQueriedWithAllOfThem() throws Exception {
        // 1100 levels of 0.0001 BTC: a market buy of 0.11 BTC trades 1100 times, over two pages of 1000
        h = new AdapterHarness(SimSupport.start(b -> b.spotSymbols(thinBtc("0.0001"), SpotSymbol.ethusdt())
                .marketSettings(new SyntheticMarket.Settings(42, 1100, 2, 1, 3))), Map.of("markets", List.of("spot")));
        OrderRequest buy = order(BTC, Side.BUY, OrderType.MARKET, "0.11").build();
        h.submit(buy);
        TruthOrder t = truth(buy.clientOrderId());
        assertThat(t.fills()).hasSize(1100);

        OrderSnapshot s = answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, buy.clientOrderId())).orElseThrow();

        assertThat(s.fills()).extracting(OrderEvent.Fill::tradeId).containsExactlyElementsOf(
                t.fills().stream().map(TruthFill::tradeId).sorted().map(String::valueOf).toList());
        assertThat(s.fills().stream().map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(s.filledQuantity()).isEqualByComparingTo("0.11");
        assertThat(s.fills().get(s.fills().size() - 1).orderFilled()).isTrue();
    }

    @Test
    void iocRemainderExpiresAfterItsFill() throws Exception {
        connect();
        OrderRequest ioc = limit(BTC, Side.BUY, "1.5", "60000.01").timeInForce(TimeInForce.IOC).build();

        h.submit(ioc);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.kinds(ioc.clientOrderId()).contains("Expired"));
        assertThat(h.kinds(ioc.clientOrderId())).containsExactly("Accepted", "Fill", "Expired");
        assertThat(h.filled(ioc.clientOrderId())).isEqualByComparingTo("1");
    }

    @Test
    void partialFillThenTheRestOnAMarketMove() throws Exception {
        connect();
        OrderRequest buy = limit(BTC, Side.BUY, "1.5", "60000.01").build();

        h.submit(buy);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId()).compareTo(BigDecimal.ONE) == 0);
        OrderSnapshot partial = answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, buy.clientOrderId())).orElseThrow();
        h.sim.sim.spotMarket().moveMid("BTCUSDT", -10);

        assertThat(partial.status()).isEqualTo(OrderSnapshot.Status.PARTIALLY_FILLED);
        assertThat(partial.filledQuantity()).isEqualByComparingTo("1");
        assertThat(partial.fills()).hasSize(1);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId()).compareTo(new BigDecimal("1.5")) == 0);
        List<OrderEvent.Fill> fills = h.events.fills(buy.clientOrderId());
        assertThat(fills).extracting(OrderEvent.Fill::tradeId).doesNotHaveDuplicates().hasSize(2);
        assertThat(fills.get(1).liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, buy.clientOrderId())).orElseThrow().status())
                .isEqualTo(OrderSnapshot.Status.FILLED);
    }

    @Test
    void postOnlyRestsAndOneThatWouldTakeIsRefusedWithTheVenueCode() throws Exception {
        connect();
        OrderRequest maker = limit(BTC, Side.BUY, "0.01", "59000").postOnly(true).build();
        OrderRequest taker = limit(BTC, Side.BUY, "0.01", "60010").postOnly(true).build();

        h.submit(maker);
        VenueError refused = failure(h.adapter.submit(taker));

        assertThat(truth(maker.clientOrderId()).type()).isEqualTo("LIMIT_MAKER");
        assertThat(refused.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(refused.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        assertThat(refused.code()).isEqualTo("-2010");
        assertThat(refused.message()).isEqualTo("Order would immediately match and take.");
    }

    @Test
    void stopLossTriggersOnAMarketMoveAndFillsOneOrder() throws Exception {
        connect();
        OrderRequest stop = order(BTC, Side.SELL, OrderType.STOP, "0.01").stopPrice(new BigDecimal("59000")).build();

        OrderEvent.Accepted accepted = h.submit(stop);
        h.sim.sim.spotMarket().moveMid("BTCUSDT", -120_000);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(stop.clientOrderId()).compareTo(new BigDecimal("0.01")) == 0);
        assertThat(truth(stop.clientOrderId()).type()).isEqualTo("STOP_LOSS");
        assertThat(h.events.of(OrderEvent.Accepted.class, stop.clientOrderId())).singleElement()
                .extracting(OrderEvent.Accepted::venueOrderId).isEqualTo(accepted.venueOrderId());
        assertThat(h.events.fills(stop.clientOrderId())).allSatisfy(f ->
                assertThat(f.price()).isLessThan(new BigDecimal("59000")));
    }

    @Test
    void takeProfitAndStopLimitTriggerOnARise() throws Exception {
        connect();
        OrderRequest takeProfit = order(BTC, Side.SELL, OrderType.TAKE_PROFIT, "0.01")
                .stopPrice(new BigDecimal("61000")).build();
        OrderRequest stopLimit = order(BTC, Side.BUY, OrderType.STOP_LIMIT, "0.01")
                .stopPrice(new BigDecimal("61000")).price(new BigDecimal("61010")).build();

        h.submit(takeProfit);
        h.submit(stopLimit);
        h.sim.sim.spotMarket().moveMid("BTCUSDT", 150_000);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(takeProfit.clientOrderId()).signum() > 0);
        assertThat(truth(takeProfit.clientOrderId()).type()).isEqualTo("TAKE_PROFIT");
        assertThat(truth(stopLimit.clientOrderId()).type()).isEqualTo("STOP_LOSS_LIMIT");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(answer(h.adapter.queryOrder(
                SimSupport.ACCOUNT, BTC, stopLimit.clientOrderId())).orElseThrow().status())
                .isEqualTo(OrderSnapshot.Status.NEW));
        assertThat(h.events.fills(stopLimit.clientOrderId())).isEmpty();
    }

    @Test
    void icebergSendsItsDisplayQuantity() throws Exception {
        connect();
        OrderRequest iceberg = limit(BTC, Side.BUY, "0.1", "59000").displayQuantity(new BigDecimal("0.02")).build();

        h.submit(iceberg);

        assertThat(truth(iceberg.clientOrderId()).status()).isEqualTo("NEW");
        assertThat(answer(h.adapter.openOrders(SimSupport.ACCOUNT))).extracting(OrderSnapshot::clientOrderId)
                .contains(iceberg.clientOrderId());
    }

    @Test
    void gtdIsRefusedBeforeSending() throws Exception {
        connect();
        OrderRequest gtd = limit(BTC, Side.BUY, "0.01", "59000").timeInForce(TimeInForce.GTD)
                .expireTime(Instant.now().plusSeconds(3600)).build();

        VenueError e = failure(h.adapter.submit(gtd));

        assertThat(e.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(e.message()).contains("GTD");
        assertThat(h.sim.sim.truth().spotOrders(SimSupport.ACCOUNT)).isEmpty();
    }

    @Test
    void cancelReplaceIsOneReplacedAndNoStrayCancelOrAcceptance() throws Exception {
        connect();
        OrderRequest original = limit(BTC, Side.BUY, "0.01", "59000").build();
        OrderEvent.Accepted accepted = h.submit(original);
        OrderRequest replacement = original.toBuilder().clientOrderId(AdapterHarness.newId())
                .price(new BigDecimal("58990")).build();

        OrderEvent.Replaced replaced = answer(h.adapter.replace(new ReplaceRequest(original, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));
        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, replacement.clientOrderId(),
                replaced.venueOrderId())));

        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.kinds(replacement.clientOrderId()).contains("Canceled"));
        assertThat(replaced.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(replaced.venueOrderId()).isNotEqualTo(accepted.venueOrderId())
                .isEqualTo(String.valueOf(truth(replacement.clientOrderId()).orderId()));
        assertThat(h.kinds(original.clientOrderId())).containsExactly("Accepted", "Replaced");
        assertThat(h.events.all().stream().filter(e -> e.clientOrderId().equals(replacement.clientOrderId()))
                .map(e -> e.getClass().getSimpleName())).containsExactly("Canceled");
        assertThat(truth(original.clientOrderId()).status()).isEqualTo("CANCELED");
        assertThat(truth(replacement.clientOrderId()).price()).isEqualByComparingTo("58990");
    }

    @Test
    void cancelReplaceOfAPartlyFilledOrderPlacesWhatIsLeft() throws Exception {
        connect();
        OrderRequest original = limit(BTC, Side.BUY, "1.5", "60000.01").build();
        OrderEvent.Accepted accepted = h.submit(original);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(original.clientOrderId()).compareTo(BigDecimal.ONE) == 0);
        OrderRequest replacement = original.toBuilder().clientOrderId(AdapterHarness.newId())
                .quantity(new BigDecimal("2")).price(new BigDecimal("59000")).build();

        OrderEvent.Replaced replaced = answer(h.adapter.replace(new ReplaceRequest(original, accepted.venueOrderId(),
                BigDecimal.ONE, replacement)));

        assertThat(replaced.quantity()).isEqualByComparingTo("2");
        assertThat(truth(replacement.clientOrderId()).quantity()).isEqualByComparingTo("1");
    }

    @Test
    void cancelReplaceWhoseNewOrderIsRefusedReportsTheCancelAndTheReason() throws Exception {
        connect();
        OrderRequest original = limit(BTC, Side.BUY, "0.01", "59000").build();
        OrderEvent.Accepted accepted = h.submit(original);
        OrderRequest replacement = original.toBuilder().clientOrderId(AdapterHarness.newId())
                .price(new BigDecimal("60010")).postOnly(true).build();

        VenueError e = failure(h.adapter.replace(new ReplaceRequest(original, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));

        assertThat(e.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        assertThat(e.code()).isEqualTo("-2010");
        assertThat(e.message()).contains("original order was canceled");
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.kinds(original.clientOrderId()).contains("Canceled"));
        assertThat(h.kinds(original.clientOrderId())).containsExactly("Accepted", "Canceled");
        assertThat(truth(original.clientOrderId()).status()).isEqualTo("CANCELED");
        assertThat(h.sim.sim.truth().spotOrders(SimSupport.ACCOUNT)).extracting(TruthOrder::clientOrderId)
                .doesNotContain(replacement.clientOrderId());
        h.submit(limit(BTC, Side.BUY, "0.01", "59000").build());
        assertThat(h.events.about(replacement.clientOrderId())).isEmpty();
    }

    @Test
    void cancelReplaceOfAnUnknownOrderIsRejectedAndReportsNothing() throws Exception {
        connect();
        OrderRequest original = limit(BTC, Side.BUY, "0.01", "59000").build();
        OrderRequest replacement = original.toBuilder().clientOrderId(AdapterHarness.newId()).build();

        VenueError e = failure(h.adapter.replace(new ReplaceRequest(original, null, BigDecimal.ZERO, replacement)));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(e.code()).isEqualTo("-2011");
        assertThat(h.events.all()).isEmpty();
    }

    @Test
    void ocoLegsAreAcceptedAndTheOtherLegExpiresWhenOneFills() throws Exception {
        connect();
        OrderRequest above = limit(BTC, Side.SELL, "0.01", "61000").build();
        OrderRequest below = order(BTC, Side.SELL, OrderType.STOP, "0.01").stopPrice(new BigDecimal("59000")).build();

        List<OrderEvent.Accepted> legs = answer(h.adapter.submitOco(new OcoRequest(SimSupport.ACCOUNT,
                AdapterHarness.newId(), above, below)));
        h.sim.sim.spotMarket().moveMid("BTCUSDT", 150_000);

        assertThat(legs).extracting(OrderEvent.Accepted::clientOrderId)
                .containsExactly(above.clientOrderId(), below.clientOrderId());
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(above.clientOrderId()).compareTo(new BigDecimal("0.01")) == 0);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.kinds(below.clientOrderId()).contains("Expired"));
        assertThat(h.kinds(below.clientOrderId())).containsExactly("Accepted", "Expired");
        assertThat(truth(above.clientOrderId()).type()).isEqualTo("LIMIT_MAKER");
        assertThat(truth(below.clientOrderId()).type()).isEqualTo("STOP_LOSS");
    }

    @Test
    void rejectsCarryTheVenuesCodeAndText() throws Exception {
        connect();
        VenueError funds = failure(h.adapter.submit(limit(BTC, Side.BUY, "100", "59000").build()));
        VenueError notional = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.00001", "59000").build()));
        VenueError symbol = failure(h.adapter.submit(limit("DOGE/USDT", Side.BUY, "1", "1").build()));

        assertThat(funds.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(funds.code()).isEqualTo("-2010");
        assertThat(funds.message()).isEqualTo("Account has insufficient balance for requested action.");
        assertThat(notional.reason()).isEqualTo(RejectReason.BELOW_MIN_NOTIONAL);
        assertThat(notional.code()).isEqualTo("-1013");
        assertThat(symbol.reason()).isEqualTo(RejectReason.UNKNOWN_SYMBOL);
        assertThat(h.events.all()).isEmpty();
    }

    @Test
    void haltedSymbolIsRefusedBeforeSendingNamingItsStatus() throws Exception {
        SimSupport sim = SimSupport.start();
        sim.sim.spotMarket().setStatus("ETHUSDT", "HALT");
        h = new AdapterHarness(sim, Map.of("markets", List.of("spot")));

        VenueError e = failure(h.adapter.submit(limit("ETH/USDT", Side.BUY, "0.1", "2900").build()));

        assertThat(e.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(e.message()).contains("ETH/USDT").contains("HALT");
        assertThat(sim.sim.truth().spotOrders(SimSupport.ACCOUNT)).isEmpty();
    }

    @Test
    void cancelOfAFilledOrderIsTooLate() throws Exception {
        connect();
        OrderRequest buy = limit(BTC, Side.BUY, "0.01", "60000.01").build();
        h.submit(buy);
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId()).compareTo(new BigDecimal("0.01")) == 0);

        VenueError e = failure(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, buy.clientOrderId(), null)));

        assertThat(e.reason()).isEqualTo(RejectReason.TOO_LATE);
        assertThat(e.code()).isEqualTo("-2011");
        assertThat(e.message()).contains("Unknown order sent.");
    }

    @Test
    void balancesComeFromTheSpotAccountAndSpotHasNoPositions() throws Exception {
        connect();
        h.submit(limit(BTC, Side.BUY, "0.1", "59000").build());

        var usdt = answer(h.adapter.balances(SimSupport.ACCOUNT)).stream().filter(b -> b.asset().equals("USDT"))
                .findFirst().orElseThrow();

        assertThat(usdt.total()).isEqualByComparingTo(h.sim.sim.truth().spotBalances(SimSupport.ACCOUNT).get("USDT")
                .total());
        assertThat(usdt.available()).isLessThan(usdt.total());
        assertThat(answer(h.adapter.positions(SimSupport.ACCOUNT))).isEmpty();
    }

    @Test
    void anEd25519AccountSignsRestAndTheUserStream() throws Exception {
        String publicKey = "-----BEGIN PUBLIC KEY-----\n"
                + "MCowBQYDK2VwAyEAfriCDVI7O8lQGC+0hKgXYJZcIUVhWiIt8F7EZwroEvs=\n-----END PUBLIC KEY-----\n";
        SimSupport sim = SimSupport.start(io.fixbridge.sims.binance.SimAccount.ed25519(SimSupport.ACCOUNT,
                SimSupport.API_KEY, publicKey).spotBalance("USDT", "100000").build(), b -> b);
        var base = sim.settings(Map.of("markets", List.of("spot")));
        var settings = new io.fixbridge.venue.VenueSettings(base.name(), base.type(), base.settings(), List.of(
                new io.fixbridge.venue.VenueSettings.Account(SimSupport.ACCOUNT, new io.fixbridge.venue.ConfigView(
                        "venues[binance-sim].accounts[alice]", Map.of("apiKey", SimSupport.API_KEY,
                        "privateKey", SigningVectorsTest.ED25519_PEM)))));
        BinanceAdapter adapter = new BinanceAdapter("binance-sim", BinanceConfig.from(settings));
        io.fixbridge.testkit.contract.RecordingListener events = new io.fixbridge.testkit.contract.RecordingListener();
        adapter.subscribe(events);
        try {
            answer(adapter.connect());
            OrderRequest buy = limit(BTC, Side.BUY, "0.01", "59000").build();

            answer(adapter.submit(buy));

            await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                    assertThat(events.of(OrderEvent.Accepted.class, buy.clientOrderId())).hasSize(1));
            assertThat(sim.sim.truth().spotOrders(SimSupport.ACCOUNT)).extracting(TruthOrder::clientOrderId)
                    .containsExactly(buy.clientOrderId());
        } finally {
            adapter.close();
            sim.close();
        }
    }

    @Test
    void fillsOfTruthAndStreamAgree() throws Exception {
        connect();
        OrderRequest buy = limit(BTC, Side.BUY, "2.5", "60000.03").build();

        h.submit(buy);

        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.filled(buy.clientOrderId()).compareTo(new BigDecimal("2.5")) == 0);
        List<TruthFill> truth = truth(buy.clientOrderId()).fills();
        assertThat(h.events.fills(buy.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyInAnyOrderElementsOf(truth.stream().map(f -> String.valueOf(f.tradeId())).toList());
    }
}
