package io.fixbridge.venue.ccxt;

import io.fixbridge.sims.bybit.BybitSimulator;
import io.fixbridge.sims.bybit.TruthExecution;
import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;

import static io.fixbridge.venue.ccxt.Orders.answer;
import static io.fixbridge.venue.ccxt.Orders.failure;
import static io.fixbridge.venue.ccxt.Orders.limit;
import static io.fixbridge.venue.ccxt.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CCXT adapter with the real sidecar and ccxt's bybit class against the Bybit simulator: linear
 * BTC/USDT:USDT (best bid 59999.9, ask 60000.1) and spot BTC/USDT (59999.99 / 60000.01), one unified
 * wallet; one simulator, adapter and sidecar for the class, watch streams over the private WebSocket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BybitAdapterTest {
    private static final String PERP = "BTC/USDT:USDT";
    private static final String SPOT = "BTC/USDT";

    private BybitSimulator sim;
    private CcxtAdapter adapter;
    private final RecordingListener events = new RecordingListener();

    @BeforeAll
    void start() throws Exception {
        sim = SimSupport.bybit();
        adapter = SimSupport.adapter("bybit-sim", SimSupport.bybitVenue(sim));
        adapter.subscribe(events);
        answer(adapter.connect());
    }

    @AfterAll
    void stop() {
        adapter.close();
        sim.close();
    }

    private TruthOrder truth(String clientOrderId) {
        return sim.truth().orderByLinkId(SimSupport.ACCOUNT, clientOrderId);
    }

    @Test
    void capabilitiesComeFromBybitsFeatures() {
        var caps = adapter.capabilities();
        assertThat(caps.markets()).contains(MarketType.SPOT, MarketType.LINEAR_PERPETUAL);
        assertThat(caps.replaceMode()).isEqualTo(ReplaceMode.NATIVE_AMEND);
        assertThat(caps.triggerDirection()).isTrue();
        assertThat(caps.orderTypes()).contains(OrderType.STOP, OrderType.STOP_LIMIT, OrderType.TAKE_PROFIT);
        var perp = adapter.instruments().stream().filter(i -> i.symbol().equals(PERP)).findFirst().orElseThrow();
        assertThat(perp.tickSize()).isEqualByComparingTo("0.1");
        assertThat(perp.lotSize()).isEqualByComparingTo("0.001");
        assertThat(perp.venueSymbol()).isEqualTo("BTCUSDT");
    }

    @Test
    void linearMarketOrderFillsWithBybitsExecIds() {
        OrderRequest buy = order(PERP, Side.BUY, OrderType.MARKET, "0.010").build();

        OrderEvent.Accepted a = answer(adapter.submit(buy));

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId()).stream()
                .map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.010"));
        TruthOrder t = truth(buy.clientOrderId());
        assertThat(t.orderId()).isEqualTo(a.venueOrderId());
        assertThat(events.fills(buy.clientOrderId())).extracting(OrderEvent.Fill::tradeId)
                .containsExactlyInAnyOrderElementsOf(t.executions().stream().map(TruthExecution::execId).toList());
        assertThat(events.fills(buy.clientOrderId())).filteredOn(OrderEvent.Fill::orderFilled).hasSize(1);
        assertThat(answer(adapter.positions(SimSupport.ACCOUNT))).anySatisfy(p -> {
            assertThat(p.symbol()).isEqualTo(PERP);
            assertThat(p.quantity()).isPositive();
        });
    }

    @Test
    void postOnlyThatWouldTakeIsAcceptedThenCanceledByBybit() {
        OrderRequest po = order(PERP, Side.BUY, OrderType.LIMIT, "0.001").price(new BigDecimal("60010.0"))
                .postOnly(true).build();

        answer(adapter.submit(po));

        // Bybit takes a PostOnly order and cancels it at once when it would take liquidity
        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.about(po.clientOrderId()))
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("Accepted", "Canceled"));
        assertThat(truth(po.clientOrderId()).orderStatus()).isEqualTo("Cancelled");
        assertThat(truth(po.clientOrderId()).rejectReason()).isEqualTo("EC_PostOnlyWillTakeLiquidity");
        assertThat(events.fills(po.clientOrderId())).isEmpty();
        assertThat(truth(po.clientOrderId()).cumExecQty()).isEqualByComparingTo("0");
    }

    @Test
    void aRestingOrderFilledLaterIsReportedByThePrivateStream() {
        OrderRequest buy = limit(PERP, Side.BUY, "0.001", "59999.0");
        answer(adapter.submit(buy));

        sim.linearMarket().moveMid("BTCUSDT", -20); // the ask falls through the resting buy
        try {
            await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId())).hasSize(1));
        } finally {
            sim.linearMarket().moveMid("BTCUSDT", 20);
        }
        OrderEvent.Fill f = events.fills(buy.clientOrderId()).get(0);
        assertThat(f.tradeId()).isEqualTo(truth(buy.clientOrderId()).executions().get(0).execId());
        assertThat(f.liquidity()).isEqualTo(io.fixbridge.venue.Liquidity.MAKER);
        assertThat(f.orderFilled()).isTrue();
    }

    @Test
    void iocThatFindsNothingEndsWithoutFills() {
        OrderRequest ioc = order(PERP, Side.BUY, OrderType.LIMIT, "0.001").price(new BigDecimal("50000.0"))
                .timeInForce(TimeInForce.IOC).build();

        answer(adapter.submit(ioc));

        await().atMost(Orders.TIMEOUT).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Expired.class, ioc.clientOrderId())).hasSize(1));
        assertThat(truth(ioc.clientOrderId()).orderStatus()).isEqualTo("Cancelled");
    }

    @Test
    void linearStopWithExplicitDirectionRestsAndCancels() {
        OrderRequest stop = order(PERP, Side.SELL, OrderType.STOP, "0.001").stopPrice(new BigDecimal("55000.0"))
                .triggerDirection(TriggerDirection.FALLS_BELOW).build();

        OrderEvent.Accepted a = answer(adapter.submit(stop));

        TruthOrder t = truth(stop.clientOrderId());
        assertThat(t.triggerPrice()).isEqualByComparingTo("55000.0");
        assertThat(t.orderStatus()).isEqualTo("Untriggered");
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, PERP, stop.clientOrderId(), a.venueOrderId())));
        assertThat(truth(stop.clientOrderId()).orderStatus()).isIn("Deactivated", "Cancelled");
    }

    @Test
    void amendKeepsTheOrderAndItsIds() {
        OrderRequest order = limit(PERP, Side.BUY, "0.002", "55000.0");
        OrderEvent.Accepted a = answer(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId(Orders.newId()).quantity(new BigDecimal("0.003"))
                .price(new BigDecimal("55000.5")).build();

        OrderEvent.Replaced r = answer(adapter.replace(new ReplaceRequest(order, a.venueOrderId(), BigDecimal.ZERO,
                replacement)));

        assertThat(r.venueOrderId()).isEqualTo(a.venueOrderId());
        assertThat(r.newClientOrderId()).isEqualTo(order.clientOrderId());
        TruthOrder t = truth(order.clientOrderId());
        assertThat(t.qty()).isEqualByComparingTo("0.003");
        assertThat(t.price()).isEqualByComparingTo("55000.5");
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, PERP, order.clientOrderId(), a.venueOrderId())));
    }

    @Test
    void spotLimitRestsAndCancels() {
        OrderRequest order = limit(SPOT, Side.BUY, "0.001", "50000.00");
        OrderEvent.Accepted a = answer(adapter.submit(order));
        assertThat(truth(order.clientOrderId()).orderStatus()).isEqualTo("New");

        OrderEvent.Canceled c = answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT,
                order.clientOrderId(), a.venueOrderId())));

        assertThat(c.venueOrderId()).isEqualTo(a.venueOrderId());
        assertThat(truth(order.clientOrderId()).orderStatus()).isEqualTo("Cancelled");
        await().atMost(Orders.TIMEOUT).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Canceled.class, order.clientOrderId())).hasSize(1));
    }

    @Test
    void spotStopLimitAndTakeProfitRestAsConditionalOrdersAndCancel() {
        OrderRequest stop = order(SPOT, Side.BUY, OrderType.STOP_LIMIT, "0.001").stopPrice(new BigDecimal("61000.00"))
                .price(new BigDecimal("61010.00")).build();
        OrderRequest tp = order(SPOT, Side.SELL, OrderType.TAKE_PROFIT, "0.001").stopPrice(new BigDecimal("65000.00"))
                .build();

        OrderEvent.Accepted s = answer(adapter.submit(stop));
        OrderEvent.Accepted t = answer(adapter.submit(tp));

        assertThat(truth(stop.clientOrderId()).orderStatus()).isEqualTo("Untriggered");
        assertThat(truth(stop.clientOrderId()).triggerPrice()).isEqualByComparingTo("61000.00");
        assertThat(truth(tp.clientOrderId()).orderStatus()).isEqualTo("Untriggered");
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT, stop.clientOrderId(), s.venueOrderId())));
        answer(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, SPOT, tp.clientOrderId(), t.venueOrderId())));
        assertThat(truth(stop.clientOrderId()).orderStatus()).isIn("Deactivated", "Cancelled");
        assertThat(truth(tp.clientOrderId()).orderStatus()).isIn("Deactivated", "Cancelled");
    }

    @Test
    void spotMarketBuyFills() {
        OrderRequest buy = order(SPOT, Side.BUY, OrderType.MARKET, "0.002").build();

        answer(adapter.submit(buy));

        await().atMost(Orders.TIMEOUT).untilAsserted(() -> assertThat(events.fills(buy.clientOrderId()).stream()
                .map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.002"));
        assertThat(truth(buy.clientOrderId()).cumExecQty()).isEqualByComparingTo("0.002");
    }

    @Test
    void insufficientFundsIsRejected() {
        VenueError e = failure(adapter.submit(limit(SPOT, Side.BUY, "30", "59000.00")));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(e.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
    }

    @Test
    void cancelOfAnUnknownOrderIsUnknownOrder() {
        VenueError e = failure(adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, PERP, Orders.newId(), null)));

        assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
    }
}
