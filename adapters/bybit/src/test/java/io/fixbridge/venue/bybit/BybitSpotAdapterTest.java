package io.fixbridge.venue.bybit;

import io.fixbridge.sims.bybit.BybitSymbol;
import io.fixbridge.sims.bybit.TruthOrder;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.fixbridge.venue.bybit.AdapterHarness.answer;
import static io.fixbridge.venue.bybit.AdapterHarness.failure;
import static io.fixbridge.venue.bybit.AdapterHarness.limit;
import static io.fixbridge.venue.bybit.AdapterHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spot over sockets against the simulator (BTCUSDT mid 60000, best bid 59999.99, ask 60000.01): every
 * order type, sizing by quote, amend, cancel, partial fills, rejects with Bybit's retCode.
 */
class BybitSpotAdapterTest {
    private static final String BTC = "BTC/USDT";
    private static final Map<String, Object> SPOT = Map.of("categories", List.of("spot"));
    private AdapterHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private TruthOrder truth(String id) {
        return h.sim.sim.truth().orderByLinkId(SimSupport.ACCOUNT, id);
    }

    @Test
    void aMarketBuyByQuantityFillsAndItsLastFillCompletesTheOrder() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = order(BTC, Side.BUY, OrderType.MARKET, "0.01").build();

        OrderEvent.Accepted a = h.submit(o);

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.01"));
        List<OrderEvent.Fill> fills = h.events.fills(o.clientOrderId());
        assertThat(fills.get(fills.size() - 1).orderFilled()).isTrue();
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.venueOrderId()).isEqualTo(a.venueOrderId());
            assertThat(f.commissionAsset()).isEqualTo("USDT");
            assertThat(f.price()).isEqualByComparingTo("60000.01");
        });
        assertThat(truth(o.clientOrderId()).qty()).as("marketUnit=baseCoin: qty in BTC").isEqualByComparingTo("0.01");
        assertThat(h.kinds(o.clientOrderId())).startsWith("Accepted").doesNotContain("Canceled", "Expired");
    }

    @Test
    void aMarketBuyByCashQuantityIsSizedInUsdtAndEndsWithOrderFilled() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = order(BTC, Side.BUY, OrderType.MARKET, "1").quantity(null).cashQuantity(new BigDecimal("600"))
                .build();

        h.submit(o);

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(h.events.fills(o.clientOrderId()))
                .isNotEmpty().last().satisfies(f -> assertThat(f.orderFilled()).isTrue()));
        BigDecimal value = h.events.fills(o.clientOrderId()).stream().map(f -> f.quantity().multiply(f.price()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(value).isBetween(new BigDecimal("599.9"), new BigDecimal("600"));
        assertThat(truth(o.clientOrderId()).qty()).isEqualByComparingTo("600");
    }

    @Test
    void aLimitOrderRestsIsAmendedInPlaceAndCanceled() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000.00").build();
        OrderEvent.Accepted a = h.submit(o);

        OrderEvent.Replaced r = answer(h.adapter.replace(new ReplaceRequest(o, a.venueOrderId(), BigDecimal.ZERO,
                o.toBuilder().quantity(new BigDecimal("0.002")).price(new BigDecimal("50001.00")).build())));
        OrderEvent.Canceled c = answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, o.clientOrderId(),
                a.venueOrderId())));

        assertThat(r.newClientOrderId()).isEqualTo(o.clientOrderId());
        assertThat(r.venueOrderId()).isEqualTo(a.venueOrderId());
        assertThat(c.venueOrderId()).isEqualTo(a.venueOrderId());
        TruthOrder t = truth(o.clientOrderId());
        assertThat(t.qty()).isEqualByComparingTo("0.002");
        assertThat(t.price()).isEqualByComparingTo("50001");
        assertThat(t.orderStatus()).isEqualTo("Cancelled");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(o.clientOrderId()))
                .containsExactly("Accepted", "Replaced", "Canceled"));
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRefusedAndTheEventsSayTheSame() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "60010.00").postOnly(true).build();

        CompletableFuture<OrderEvent.Accepted> f = h.adapter.submit(o);

        await().atMost(AdapterHarness.TIMEOUT).until(f::isDone);
        assertThat(truth(o.clientOrderId()).rejectReason()).isEqualTo("EC_PostOnlyWillTakeLiquidity");
        if (f.isCompletedExceptionally()) {
            VenueError e = failure(f);
            assertThat(e.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
            assertThat(h.events.of(OrderEvent.Rejected.class, o.clientOrderId())).singleElement()
                    .satisfies(r -> assertThat(r.error().reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY));
            assertThat(h.kinds(o.clientOrderId())).containsExactly("Rejected");
        } else {
            await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(h.events.of(
                    OrderEvent.Canceled.class, o.clientOrderId())).singleElement().satisfies(c ->
                    assertThat(c.reason()).contains("EC_PostOnlyWillTakeLiquidity")));
            assertThat(h.kinds(o.clientOrderId())).containsExactly("Accepted", "Canceled");
        }
        assertThat(h.filled(o.clientOrderId())).isZero();
    }

    @Test
    void aStopSellWaitsForItsTriggerThenFills() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = order(BTC, Side.SELL, OrderType.STOP, "0.01").stopPrice(new BigDecimal("59000")).build();

        h.submit(o);
        assertThat(truth(o.clientOrderId()).orderStatus()).isEqualTo("Untriggered");
        h.sim.sim.spotMarket().moveMid("BTCUSDT", -110_000);

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.01"));
        assertThat(h.events.fills(o.clientOrderId())).last().satisfies(f -> assertThat(f.orderFilled()).isTrue());
        assertThat(h.events.of(OrderEvent.Accepted.class, o.clientOrderId())).hasSize(1);
    }

    @Test
    void aTakeProfitSellFiresWhenThePriceRises() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = order(BTC, Side.SELL, OrderType.TAKE_PROFIT, "0.01").stopPrice(new BigDecimal("61000"))
                .build();

        h.submit(o);
        h.sim.sim.spotMarket().moveMid("BTCUSDT", 110_000);

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.01"));
    }

    @Test
    void aStopLimitIsCanceledWithTheStopOrderFilterAlsoByAnAdapterThatNeverSawIt() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest mine = limit(BTC, Side.BUY, "0.001", "61010.00").type(OrderType.STOP_LIMIT)
                .stopPrice(new BigDecimal("61000")).build();
        OrderRequest other = limit(BTC, Side.BUY, "0.001", "61010.00").type(OrderType.STOP_LIMIT)
                .stopPrice(new BigDecimal("61000")).build();
        h.submit(mine);
        h.submit(other);

        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, mine.clientOrderId(), null)));
        BybitAdapter fresh = h.sim.adapter(SPOT);
        try {
            answer(fresh.connect());
            answer(fresh.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, other.clientOrderId(), null)));
        } finally {
            fresh.close();
        }

        assertThat(truth(mine.clientOrderId()).orderStatus()).isEqualTo("Deactivated");
        assertThat(truth(other.clientOrderId()).orderStatus()).isEqualTo("Deactivated");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.events.of(OrderEvent.Canceled.class, other.clientOrderId())).hasSize(1));
    }

    @Test
    void aMarketOrderThroughSeveralLevelsFillsInPartsEachOnce() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.symbols(BybitSymbol.spotBtcusdt().withLevelQuantity("0.001"))),
                SPOT);
        OrderRequest o = order(BTC, Side.BUY, OrderType.MARKET, "0.0025").build();

        h.submit(o);

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.0025"));
        List<OrderEvent.Fill> fills = h.events.fills(o.clientOrderId());
        assertThat(fills).hasSize(3).extracting(OrderEvent.Fill::tradeId).doesNotHaveDuplicates();
        assertThat(fills).extracting(OrderEvent.Fill::orderFilled).containsExactly(false, false, true);
        assertThat(fills).extracting(OrderEvent.Fill::price).extracting(BigDecimal::toPlainString)
                .containsExactly("60000.01", "60000.02", "60000.03");
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, o.clientOrderId()))).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
            assertThat(s.fills()).extracting(OrderEvent.Fill::tradeId)
                    .containsExactlyElementsOf(fills.stream().map(OrderEvent.Fill::tradeId).toList());
        });
    }

    @Test
    void refusalsCarryBybitsRetCodeAndNothingIsPlaced() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);

        VenueError tooSmall = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.000001", "50000.00").build()));
        VenueError offTick = failure(h.adapter.submit(limit(BTC, Side.BUY, "0.001", "50000.001").build()));
        VenueError noFunds = failure(h.adapter.submit(limit(BTC, Side.BUY, "20", "59000.00").build()));
        VenueError unknownCancel = failure(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC,
                AdapterHarness.newId(), null)));

        assertThat(tooSmall.reason()).isEqualTo(RejectReason.INCORRECT_QUANTITY);
        assertThat(tooSmall.code()).isEqualTo("170136");
        assertThat(offTick.reason()).isEqualTo(RejectReason.INVALID_PRICE_INCREMENT);
        assertThat(offTick.code()).isEqualTo("170134");
        assertThat(noFunds.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(noFunds.code()).isEqualTo("170131");
        assertThat(unknownCancel.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(unknownCancel.code()).isEqualTo("170213");
        assertThat(h.truth()).isEmpty();
    }

    @Test
    void aCancelOfAFilledOrderIsTooLate() throws Exception {
        h = new AdapterHarness(SimSupport.start(), SPOT);
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "60010.00").build();
        h.submit(o);
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(h.events.fills(o.clientOrderId()))
                .isNotEmpty().last().satisfies(f -> assertThat(f.orderFilled()).isTrue()));

        VenueError e = failure(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, o.clientOrderId(), null)));

        assertThat(e.reason()).isEqualTo(RejectReason.TOO_LATE);
    }
}
