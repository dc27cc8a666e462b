package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.hyperliquid.TruthOrder;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.fixbridge.venue.hyperliquid.Harness.answer;
import static io.fixbridge.venue.hyperliquid.Harness.failure;
import static io.fixbridge.venue.hyperliquid.Harness.limit;
import static io.fixbridge.venue.hyperliquid.Harness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapter against a running Hyperliquid simulator over sockets: BTC perpetual (mid 60000, quotes 59999 /
 * 60001, 1 BTC a level), PURR/USDC spot (mid 0.2).
 */
class HyperliquidAdapterTest {
    private static final String BTC = "BTC/USDC:USDC";
    private Harness h;

    @BeforeEach
    void start() throws Exception {
        SimSupport sim = SimSupport.start();
        h = new Harness(sim, sim.settings(Map.of()));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRejectedWithTheVenuesText() {
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "60010").postOnly(true).build();

        VenueError e = failure(h.adapter.submit(o));

        assertThat(e.reason()).isEqualTo(RejectReason.WOULD_TAKE_LIQUIDITY);
        assertThat(e.message()).contains("Post only order would have immediately matched");
        assertThat(h.truth(o.clientOrderId())).isEmpty();
    }

    @Test
    void anIocFillsWhatItCanAndExpiresTheRestAndOneThatCannotMatchIsRejected() {
        OrderRequest ioc = limit(BTC, Side.BUY, "1.5", "60001").timeInForce(TimeInForce.IOC).build();

        h.submit(ioc);

        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(ioc.clientOrderId()))
                .containsExactly("Accepted", "Fill", "Expired"));
        assertThat(h.filled(ioc.clientOrderId())).isEqualByComparingTo("1");
        OrderRequest unmatched = limit(BTC, Side.BUY, "0.001", "59000").timeInForce(TimeInForce.IOC).build();
        VenueError none = failure(h.adapter.submit(unmatched));
        assertThat(none.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(none.message()).contains("could not immediately match");
    }

    @Test
    void anIocRejectedByTheAnswerGetsNoSecondEndFromTheStreamsIocCancelRejected() {
        OrderRequest unmatched = limit(BTC, Side.BUY, "0.001", "59000").timeInForce(TimeInForce.IOC).build();

        VenueError none = failure(h.adapter.submit(unmatched));
        OrderRequest after = order(BTC, Side.BUY, OrderType.MARKET, "0.001").build();
        h.submit(after);
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(after.clientOrderId()))
                .isEqualByComparingTo("0.001"));

        assertThat(none.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(h.truth(unmatched.clientOrderId()).orElseThrow().status()).isEqualTo("iocCancelRejected");
        assertThat(h.kinds(unmatched.clientOrderId())).as("the stream's status came before the later fill")
                .isEmpty();
    }

    @Test
    void aModifyWhoseAnswerIsLostIsSettledByTheReplacementsCloidAndLosesNoFill() {
        OrderRequest o = limit(BTC, Side.BUY, "0.5", "59000").build();
        OrderEvent.Accepted accepted = h.submit(o);
        OrderRequest replacement = o.toBuilder().clientOrderId(Harness.newId()).price(new BigDecimal("58500")).build();
        h.sim.sim.faults().loseNextOrderResponse();

        OrderEvent.Replaced r = answer(h.adapter.replace(new ReplaceRequest(o, accepted.venueOrderId(), BigDecimal.ZERO,
                replacement)));

        TruthOrder now = h.truth(replacement.clientOrderId()).orElseThrow();
        assertThat(r.venueOrderId()).isEqualTo(String.valueOf(now.oid()));
        assertThat(r.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        h.sim.sim.market().moveMid("BTC", "58000");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(replacement.clientOrderId()))
                .isEqualByComparingTo("0.5"));
        assertThat(h.kinds(o.clientOrderId())).as("no Canceled of the modified order").containsExactly("Accepted",
                "Replaced");
        assertThat(h.events.fills(replacement.clientOrderId())).last()
                .satisfies(f -> assertThat(f.orderFilled()).isTrue());
    }

    @Test
    void aCancelConfirmedBeforeTheFillsArriveEndsTheOrderAfterThem() {
        h.sim.sim.faults().dropStreams();
        OrderRequest o = limit(BTC, Side.BUY, "2", "60001").build();
        h.submit(o);

        OrderEvent.Canceled c = answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, o.clientOrderId(),
                null)));

        assertThat(c.clientOrderId()).isEqualTo(o.clientOrderId());
        assertThat(h.filled(o.clientOrderId())).as("the fill came before the cancel completed")
                .isEqualByComparingTo("1");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(o.clientOrderId()))
                .containsExactly("Accepted", "Fill", "Canceled"));
    }

    @Test
    void aMarketOrderIsAnIocLimitAtTheMidPlusSlippage() {
        OrderRequest buy = order(BTC, Side.BUY, OrderType.MARKET, "0.01").build();

        h.submit(buy);

        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(buy.clientOrderId()))
                .isEqualByComparingTo("0.01"));
        TruthOrder t = h.truth(buy.clientOrderId()).orElseThrow();
        assertThat(t.limitPx()).isEqualByComparingTo("63000");
        assertThat(t.tif()).isEqualToIgnoringCase("Ioc");
        assertThat(h.events.fills(buy.clientOrderId())).allSatisfy(f -> {
            assertThat(f.price()).isEqualByComparingTo("60001");
            assertThat(f.orderFilled()).isTrue();
        });
        assertThat(answer(h.adapter.positions(SimSupport.ACCOUNT))).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo(BTC);
            assertThat(p.quantity()).isEqualByComparingTo("0.01");
        });
    }

    @Test
    void stopAndTakeProfitRestUntilTheMarketReachesTheirTrigger() {
        h.submit(order(BTC, Side.BUY, OrderType.MARKET, "0.02").build());
        await().atMost(Harness.TIMEOUT).until(() -> !h.sim.sim.truth().positions(SimSupport.ALICE).isEmpty());
        OrderRequest stop = order(BTC, Side.SELL, OrderType.STOP, "0.01").stopPrice(new BigDecimal("59000"))
                .reduceOnly(true).build();
        OrderRequest takeProfit = order(BTC, Side.SELL, OrderType.TAKE_PROFIT, "0.01")
                .stopPrice(new BigDecimal("62000")).reduceOnly(true).build();

        h.submit(stop);
        h.submit(takeProfit);
        assertThat(h.truth(stop.clientOrderId()).orElseThrow().triggerPx()).isEqualByComparingTo("59000");
        assertThat(h.truth(stop.clientOrderId()).orElseThrow().limitPx()).isEqualByComparingTo("56050");
        assertThat(h.events.fills(stop.clientOrderId())).isEmpty();

        h.sim.sim.market().moveMid("BTC", "58900");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(stop.clientOrderId()))
                .isEqualByComparingTo("0.01"));
        assertThat(h.events.fills(takeProfit.clientOrderId())).isEmpty();

        h.sim.sim.market().moveMid("BTC", "62100");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(takeProfit.clientOrderId()))
                .isEqualByComparingTo("0.01"));
        assertThat(h.kinds(stop.clientOrderId())).startsWith("Accepted").containsOnlyOnce("Accepted");
        assertThat(answer(h.adapter.positions(SimSupport.ACCOUNT))).isEmpty();
    }

    @Test
    void aReduceOnlyOrderWithoutAPositionIsRejected() {
        VenueError e = failure(h.adapter.submit(order(BTC, Side.SELL, OrderType.MARKET, "0.01").reduceOnly(true)
                .build()));

        assertThat(e.reason()).isEqualTo(RejectReason.REDUCE_ONLY_WOULD_INCREASE);
        assertThat(e.message()).contains("Reduce only order would increase position");
    }

    @Test
    void aPriceWithSixSignificantFiguresIsRefusedBeforeSigningWithTheNearestValidPrices() {
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "59000.5").build();

        VenueError e = failure(h.adapter.submit(o));

        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_PRICE_INCREMENT);
        assertThat(e.message()).contains("59000 and 59001");
        assertThat(h.sim.sim.truth().orders(SimSupport.ALICE)).isEmpty();
    }

    @Test
    void aPartlyFilledOrderIsModifiedToANewOidWithTheRemainingSize() {
        OrderRequest o = limit(BTC, Side.BUY, "2", "60001").build();
        OrderEvent.Accepted accepted = h.submit(o);
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(o.clientOrderId()))
                .isEqualByComparingTo("1"));
        OrderRequest replacement = o.toBuilder().clientOrderId(Harness.newId()).quantity(new BigDecimal("3"))
                .price(new BigDecimal("59000")).build();

        OrderEvent.Replaced r = answer(h.adapter.replace(new ReplaceRequest(o, accepted.venueOrderId(), BigDecimal.ONE,
                replacement)));

        assertThat(r.venueOrderId()).isNotEqualTo(accepted.venueOrderId());
        assertThat(r.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(r.quantity()).isEqualByComparingTo("3");
        TruthOrder now = h.truth(replacement.clientOrderId()).orElseThrow();
        assertThat(now.oid()).hasToString(r.venueOrderId());
        assertThat(now.origSz()).as("the new total less what has filled").isEqualByComparingTo("2");
        assertThat(now.limitPx()).isEqualByComparingTo("59000");
        assertThat(h.kinds(o.clientOrderId())).containsExactly("Accepted", "Fill", "Replaced");
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, replacement.clientOrderId())))
                .hasValueSatisfying(s -> {
                    assertThat(s.status()).as("1 of the total 3 has filled").isEqualTo(
                            OrderSnapshot.Status.PARTIALLY_FILLED);
                    assertThat(s.quantity()).as("the total, not the new oid's size").isEqualByComparingTo("3");
                    assertThat(s.filledQuantity()).as("the old oid's fill counts").isEqualByComparingTo("1");
                    assertThat(s.venueOrderId()).isEqualTo(r.venueOrderId());
                });
        assertThat(answer(h.adapter.openOrders(SimSupport.ACCOUNT))).singleElement().satisfies(s -> {
            assertThat(s.clientOrderId()).isEqualTo(replacement.clientOrderId());
            assertThat(s.quantity()).isEqualByComparingTo("3");
            assertThat(s.filledQuantity()).isEqualByComparingTo("1");
        });

        h.sim.sim.market().moveMid("BTC", "58000");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(replacement.clientOrderId()))
                .isEqualByComparingTo("2"));
        assertThat(h.events.fills(replacement.clientOrderId())).last().satisfies(f ->
                assertThat(f.orderFilled()).as("1 + 2 completes the total of 3").isTrue());
        VenueError late = failure(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC,
                replacement.clientOrderId(), r.venueOrderId())));
        assertThat(late.reason()).isEqualTo(RejectReason.TOO_LATE);
    }

    @Test
    void cancelIsByCloidAndAnUnknownOrderIsUnknownOrder() {
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000").build();
        OrderEvent.Accepted a = h.submit(o);

        OrderEvent.Canceled c = answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, o.clientOrderId(),
                null)));

        assertThat(c.venueOrderId()).isEqualTo(a.venueOrderId());
        assertThat(h.truth(o.clientOrderId()).orElseThrow().status()).isEqualTo("canceled");
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(o.clientOrderId()))
                .containsExactly("Accepted", "Canceled"));
        VenueError unknown = failure(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, BTC, Harness.newId(),
                null)));
        assertThat(unknown.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(unknown.message()).contains("never placed");
    }

    @Test
    void aLostOrderAnswerIsOutcomeUnknownAndSettledByQueryingTheCloid() {
        OrderRequest o = limit(BTC, Side.BUY, "0.001", "50000").build();
        h.sim.sim.faults().loseNextOrderResponse();

        VenueError e = failure(h.adapter.submit(o));

        assertThat(e.outcome()).isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN);
        OrderSnapshot s = answer(h.adapter.queryOrder(SimSupport.ACCOUNT, BTC, o.clientOrderId())).orElseThrow();
        assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW);
        assertThat(s.venueOrderId()).hasToString(String.valueOf(h.truth(o.clientOrderId()).orElseThrow().oid()));
        assertThat(h.sim.sim.truth().orders(SimSupport.ALICE)).hasSize(1);
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(o.clientOrderId()))
                .containsExactly("Accepted"));
    }

    @Test
    void aStreamDropMissesNoFillAndCountsNoneTwice() {
        OrderRequest o = limit(BTC, Side.BUY, "0.5", "59000").build();
        h.submit(o);
        h.sim.sim.faults().dropStreams();
        h.sim.sim.market().moveMid("BTC", "58000");

        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(o.clientOrderId()))
                .isEqualByComparingTo("0.5"));
        await().atMost(Harness.TIMEOUT).until(() -> h.sim.sim.truth().openConnections() >= 1);
        h.adapter.reconnectStreams("test: a second drop");
        await().atMost(Harness.TIMEOUT).until(() -> h.sim.sim.truth().openConnections() >= 1);
        OrderRequest probe = limit(BTC, Side.BUY, "0.001", "50000").build();
        h.submit(probe);
        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(probe.clientOrderId()))
                .containsExactly("Accepted"));

        List<OrderEvent.Fill> fills = h.events.fills(o.clientOrderId());
        assertThat(fills).extracting(OrderEvent.Fill::tradeId).doesNotHaveDuplicates()
                .hasSameSizeAs(h.sim.sim.truth().fills(SimSupport.ALICE).stream()
                        .filter(f -> Cloids.of(o.clientOrderId()).equals(f.cloid())).toList());
        assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.5");
        assertThat(h.kinds(o.clientOrderId()).get(0)).isEqualTo("Accepted");
    }

    @Test
    void spotLimitAndMarketOrdersAndBalances() {
        OrderRequest rest = limit("PURR/USDC", Side.BUY, "100", "0.15").build();
        OrderRequest buy = order("PURR/USDC", Side.BUY, OrderType.MARKET, "100").build();

        h.submit(rest);
        h.submit(buy);

        await().atMost(Harness.TIMEOUT).untilAsserted(() -> assertThat(h.filled(buy.clientOrderId()))
                .isEqualByComparingTo("100"));
        assertThat(h.truth(rest.clientOrderId()).orElseThrow().asset()).isEqualTo(10000);
        assertThat(h.truth(buy.clientOrderId()).orElseThrow().limitPx()).isEqualByComparingTo("0.21");
        List<Balance> balances = answer(h.adapter.balances(SimSupport.ACCOUNT));
        assertThat(balances).extracting(Balance::asset).contains("USDC", "PURR", "HYPE");
        assertThat(balances).filteredOn(b -> b.asset().equals("PURR")).singleElement()
                .satisfies(b -> assertThat(b.total()).isGreaterThan(new BigDecimal("1000")));
        assertThat(h.adapter.instruments()).extracting(i -> i.symbol()).contains("PURR/USDC", "HYPE/USDC", BTC,
                "ETH/USDC:USDC", "SOL/USDC:USDC");
        List<OrderSnapshot> open = answer(h.adapter.openOrders(SimSupport.ACCOUNT));
        assertThat(open).extracting(OrderSnapshot::clientOrderId).containsExactly(rest.clientOrderId());
        assertThat(open.get(0).symbol()).isEqualTo("PURR/USDC");
        List<Position> positions = answer(h.adapter.positions(SimSupport.ACCOUNT));
        assertThat(positions).isEmpty();
    }
}
