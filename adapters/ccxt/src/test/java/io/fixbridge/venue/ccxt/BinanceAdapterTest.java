package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.binance.BinanceSimulator;
import io.fixbridge.sims.binance.TruthFill;
import io.fixbridge.sims.binance.TruthOrder;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.failure;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static io.fixbridge.venue.ccxt.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CCXT adapter with the real sidecar and ccxt's binance class against the Binance simulator, spot
 * BTC/USDT (best bid 59999.99, ask 60000.01, 1 BTC per level) and USD-M BTC/USDT:USDT; one simulator, adapter
 * and sidecar for the class (watch streams over the simulator's WebSocket).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinanceAdapterTest {
    private static final String SPOT = "BTC/USDT";
    private static final String PERP = "BTC/USDT:USDT";

    private BinanceSimulator sim;
    private CcxtAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    @BeforeAll
    void start() throws Exception {
        sim = SimSupport.binance();
        Map<String, Object> venue = SimSupport.binanceVenue(sim);
        // spot and USD-M together: ccxt's binance watches one market type without symbols
        venue.put("streamSymbols", List.of(SPOT, "ETH/USDT", PERP));
        adapter = SimSupport.adapter("binance-sim", venue);
        adapter.subscribe(events);
        answer(adapter.connect());
    }

    @AfterAll
    void stop() {
        adapter.close();
        sim.close();
    }

    private TruthOrder truth(String clientOrderId) {
        return sim.truth().spotOrders(SimSupport.ACCOUNT).stream().filter(o -> clientOrderId.equals(o.clientOrderId()))
                .findFirst().orElseThrow(() -> new AssertionError("the simulator has no order " + clientOrderId));
    }

    @Test
    void instrumentsAndCapabilitiesComeFromCcxtMarketsAndFeatures() {
        assertThat(adapter.instruments()).extracting(i -> i.symbol()).contains(SPOT, "ETH/USDT", PERP);
        var spot = adapter.instruments().stream().filter(i -> i.symbol().equals(SPOT)).findFirst().orElseThrow();
        assertThat(spot.venueSymbol()).isEqualTo("BTCUSDT");
        assertThat(spot.marketType()).isEqualTo(MarketType.SPOT);
        assertThat(spot.tickSize()).isEqualByComparingTo("0.01");
        assertThat(spot.lotSize()).isEqualByComparingTo("0.00001");
        assertThat(spot.minNotional()).isEqualByComparingTo("5");
        var perp = adapter.instruments().stream().filter(i -> i.symbol().equals(PERP)).findFirst().orElseThrow();
        assertThat(perp.marketType()).isEqualTo(MarketType.LINEAR_PERPETUAL);
        assertThat(perp.settleAsset()).isEqualTo("USDT");
        var caps = adapter.capabilities();
        assertThat(caps.markets()).contains(MarketType.SPOT, MarketType.LINEAR_PERPETUAL);
        assertThat(caps.orderTypes()).contains(OrderType.LIMIT, OrderType.MARKET, OrderType.STOP, OrderType.STOP_LIMIT,
                OrderType.TAKE_PROFIT);
        assertThat(caps.timesInForce()).contains(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK)
                .doesNotContain(TimeInForce.GTD);
        assertThat(caps.postOnly()).isTrue();
        assertThat(caps.cashOrderQuantity()).isTrue();
        assertThat(caps.reduceOnlyMarkets()).containsOnly(MarketType.LINEAR_PERPETUAL);
        assertThat(caps.replaceMode()).as("spot's cancel-replace gives a new order").isEqualTo(ReplaceMode.CANCEL_THEN_NEW);
        assertThat(adapter.streamModes()).containsEntry(SimSupport.ACCOUNT, "watch");
    }

    @Test
    void marketBuyFillsWithTheExchangesTradeIds() {
        OrderRequest buy = order(SPOT, Side.BUY, OrderType.MARKET, "1.5").build();

        OrderEvent.Accepted accepted = answer(adapter.submit(buy));

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId()).stream()
                .map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1.5"));
        TruthOrder t = truth(buy.clientOrderId());
        assertThat(t.fills()).hasSizeGreaterThan(1);
        List<OrderEvent.Fill> fills = events.fills(buy.clientOrderId());
        assertThat(fills).extracting(OrderEvent.Fill::tradeId).containsExactlyInAnyOrderElementsOf(
                t.fills().stream().map(f -> String.valueOf(f.tradeId())).toList());
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.venueOrderId()).isEqualTo(accepted.venueOrderId());
            // taker where the stream said so; absent where the order's own answer brought the fill first
            assertThat(f.liquidity()).isIn(Liquidity.TAKER, null);
            assertThat(f.commissionAsset()).isNotBlank();
        });
        assertThat(fills.stream().filter(OrderEvent.Fill::orderFilled)).hasSize(1);
        assertThat(fills.get(fills.size() - 1).orderFilled()).isTrue();
        assertThat(events.of(OrderEvent.Accepted.class, buy.clientOrderId())).hasSize(1);
        assertThat(events.about(buy.clientOrderId()).get(0)).isInstanceOf(OrderEvent.Accepted.class);
        assertThat(answer(adapter.queryOrder(SimSupport.ACCOUNT, SPOT, buy.clientOrderId()))).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
            assertThat(s.fills()).extracting(OrderEvent.Fill::tradeId).containsExactlyInAnyOrderElementsOf(
                    t.fills().stream().map(TruthFill::tradeId).map(String::valueOf).toList());
        });
    }

    @Test
    void aRestingOrderFilledLaterIsReportedByTheStreamAsAMakerFill() {
        OrderRequest buy = limit(SPOT, Side.BUY, "0.001", "59999.00");
        answer(adapter.submit(buy));

        sim.spotMarket().moveMid("BTCUSDT", -200); // the ask falls through the resting buy
        try {
            await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId())).hasSize(1));
        } finally {
            sim.spotMarket().moveMid("BTCUSDT", 200);
        }
        OrderEvent.Fill f = events.fills(buy.clientOrderId()).get(0);
        assertThat(f.tradeId()).isEqualTo(String.valueOf(truth(buy.clientOrderId()).fills().get(0).tradeId()));
        assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(f.price()).isEqualByComparingTo("59999.00");
        assertThat(f.orderFilled()).isTrue();
    }

    @Test
    void postOnlyThatWouldTakeIsRejectedAsWouldTakeLiquidity() {
        OrderRequest po = order(SPOT, Side.BUY, OrderType.LIMIT, "0.001").price(new BigDecimal("60010.00"))
                .postOnly(true).build();

        VenueError e = failure(adapter.submit(po));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        assertThat(e.message()).contains("OrderImmediatelyFillable");
        assertThat(sim.truth().spotOrders(SimSupport.ACCOUNT).stream()
                .filter(o -> po.clientOrderId().equals(o.clientOrderId()) && "NEW".equals(o.status()))).isEmpty();
    }

    @Test
    void iocThatFindsNothingExpires() {
        OrderRequest ioc = order(SPOT, Side.BUY, OrderType.LIMIT, "0.001").price(new BigDecimal("50000.00"))
                .timeInForce(TimeInForce.IOC).build();

        answer(adapter.submit(ioc));

        await().atMost(Orders.TIMEOUT).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Expired.class, ioc.clientOrderId())).hasSize(1));
        assertThat(events.of(OrderEvent.Canceled.class, ioc.clientOrderId())).isEmpty();
        assertThat(truth(ioc.clientOrderId()).status()).isEqualTo("EXPIRED");
    }

    @Test
    void stopLimitRestsUntriggeredAndCancels() {
        OrderRequest stop = order(SPOT, Side.BUY, OrderType.STOP_LIMIT, "0.001").price(new BigDecimal("61010.00"))
                .stopPrice(new BigDecimal("61000.00")).build();

        OrderEvent.Accepted accepted = answer(adapter.submit(stop));

        TruthOrder t = truth(stop.clientOrderId());
        assertThat(t.type()).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(t.stopPrice()).isEqualByComparingTo("61000.00");
        OrderEvent.Canceled c = answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT,
                stop.clientOrderId(), accepted.venueOrderId())));
        assertThat(c.venueOrderId()).isEqualTo(accepted.venueOrderId());
        assertThat(truth(stop.clientOrderId()).status()).isEqualTo("CANCELED");
        await().atMost(Orders.TIMEOUT).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Canceled.class, stop.clientOrderId())).hasSize(1));
    }

    @Test
    void insufficientFundsIsRejected() {
        VenueError e = failure(adapter.submit(limit(SPOT, Side.BUY, "50", "59000.00")));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(e.message()).contains("InsufficientFunds");
    }

    @Test
    void unknownSymbolAndUnsupportedValuesAreRefusedBeforeSending() {
        VenueError unknown = failure(adapter.submit(limit("DOGE/USDT", Side.BUY, "1", "0.1")));
        assertThat(unknown.reason()).isEqualTo(RejectReason.UNKNOWN_SYMBOL);

        OrderRequest reduceOnSpot = order(SPOT, Side.SELL, OrderType.LIMIT, "0.001")
                .price(new BigDecimal("70000.00")).reduceOnly(true).build();
        VenueError reduce = failure(adapter.submit(reduceOnSpot));
        assertThat(reduce.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(reduce.message()).contains("reduce-only");

        VenueError cash = failure(adapter.submit(order(SPOT, Side.SELL, OrderType.MARKET, "1").quantity(null)
                .cashQuantity(new BigDecimal("100")).build()));
        assertThat(cash.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(sim.truth().spotOrders(SimSupport.ACCOUNT)).extracting(TruthOrder::clientOrderId)
                .doesNotContain(reduceOnSpot.clientOrderId());
    }

    @Test
    void marketBuyByCostIsSizedInTheQuoteCurrency() {
        OrderRequest buy = order(SPOT, Side.BUY, OrderType.MARKET, "1").quantity(null)
                .cashQuantity(new BigDecimal("600.00")).build();

        answer(adapter.submit(buy));

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId())).isNotEmpty());
        TruthOrder t = truth(buy.clientOrderId());
        assertThat(t.executedQty()).isPositive();
        assertThat(t.executedQty()).isLessThan(new BigDecimal("0.0101"));
    }

    @Test
    void editOfARestingOrderIsACancelReplaceUnderTheNewClientOrderId() {
        OrderRequest order = limit(SPOT, Side.BUY, "0.002", "55000.00");
        OrderEvent.Accepted accepted = answer(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId(Orders.newId()).price(new BigDecimal("55001.00"))
                .quantity(new BigDecimal("0.003")).build();

        OrderEvent.Replaced r = answer(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));

        assertThat(r.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(r.venueOrderId()).isNotEqualTo(accepted.venueOrderId());
        assertThat(truth(order.clientOrderId()).status()).isEqualTo("CANCELED");
        TruthOrder now = truth(replacement.clientOrderId());
        assertThat(now.status()).isEqualTo("NEW");
        assertThat(now.price()).isEqualByComparingTo("55001.00");
        assertThat(now.quantity()).isEqualByComparingTo("0.003");
        assertThat(String.valueOf(now.orderId())).isEqualTo(r.venueOrderId());
        assertThat(events.of(OrderEvent.Canceled.class, order.clientOrderId())).as("the replace's cancel is the replace")
                .isEmpty();
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT, replacement.clientOrderId(), r.venueOrderId())));
        assertThat(truth(replacement.clientOrderId()).status()).isEqualTo("CANCELED");
    }

    @Test
    void withoutANativeEditTheAdapterCancelsThenPlacesTheRemainingQuantity() {
        OrderRequest order = limit(SPOT, Side.BUY, "0.002", "54000.00");
        OrderEvent.Accepted accepted = answer(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId(Orders.newId()).price(new BigDecimal("54001.00"))
                .build();
        adapter.editStyleOverride = EditStyle.CANCEL_THEN_NEW;
        OrderEvent.Replaced r;
        try {
            r = answer(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(), BigDecimal.ZERO,
                    replacement)));
        } finally {
            adapter.editStyleOverride = null;
        }

        assertThat(r.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(r.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(r.venueOrderId()).isNotEqualTo(accepted.venueOrderId());
        assertThat(truth(order.clientOrderId()).status()).isEqualTo("CANCELED");
        TruthOrder now = truth(replacement.clientOrderId());
        assertThat(now.status()).isEqualTo("NEW");
        assertThat(now.price()).isEqualByComparingTo("54001.00");
        assertThat(String.valueOf(now.orderId())).isEqualTo(r.venueOrderId());
        assertThat(events.of(OrderEvent.Canceled.class, order.clientOrderId())).isEmpty();
        assertThat(events.about(replacement.clientOrderId())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Replaced");
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT, replacement.clientOrderId(), r.venueOrderId())));
        await().atMost(Orders.TIMEOUT).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Canceled.class, replacement.clientOrderId())).hasSize(1));
    }

    @Test
    void perpetualLimitOrderWithReduceOnlyRefusalFromTheExchange() {
        OrderRequest open = limit(PERP, Side.BUY, "0.010", "55000.0");
        OrderEvent.Accepted a = answer(adapter.submit(open));
        assertThat(sim.truth().futuresOrders(SimSupport.ACCOUNT)).extracting(TruthOrder::clientOrderId)
                .contains(open.clientOrderId());
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, PERP, open.clientOrderId(), a.venueOrderId())));
        assertThat(answer(adapter.positions(SimSupport.ACCOUNT))).isNotNull();
    }

    @Test
    void usdmConditionalOrdersAreRefusedBecauseTheyCannotBeTracked() {
        // finding 3: Binance USD-M stops are algo orders: not found by client order id, a trigger spawns a new id
        OrderRequest stop = order(PERP, Side.BUY, OrderType.STOP, "0.010").stopPrice(new BigDecimal("65000.0"))
                .build();

        VenueError e = failure(adapter.submit(stop));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.reason()).isEqualTo(RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC);
        assertThat(e.message()).contains("algo orders").contains("nothing was sent");
        assertThat(sim.truth().futuresOrders(SimSupport.ACCOUNT)).extracting(TruthOrder::clientOrderId)
                .doesNotContain(stop.clientOrderId());
        OrderRequest spotStop = order(SPOT, Side.BUY, OrderType.STOP_LIMIT, "0.001").price(new BigDecimal("61010.00"))
                .stopPrice(new BigDecimal("61000.00")).build();
        OrderEvent.Accepted a = answer(adapter.submit(spotStop));
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT, spotStop.clientOrderId(), a.venueOrderId())));
    }

    @Test
    void cancelOfAFilledOrderIsTooLate() {
        OrderRequest buy = limit(SPOT, Side.BUY, "0.001", "60010.00");
        OrderEvent.Accepted a = answer(adapter.submit(buy));
        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId())).isNotEmpty());

        VenueError e = failure(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT, buy.clientOrderId(),
                a.venueOrderId())));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.reason()).isEqualTo(RejectReason.TOO_LATE);
    }
}
