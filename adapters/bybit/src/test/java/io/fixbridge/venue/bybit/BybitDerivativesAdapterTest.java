package io.fixbridge.venue.bybit;

import io.fixbridge.sims.bybit.BybitSymbol;
import io.fixbridge.sims.bybit.TruthOrder;
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
import io.fixbridge.venue.TriggerDirection;
import io.fixbridge.venue.VenueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.fixbridge.venue.bybit.AdapterHarness.answer;
import static io.fixbridge.venue.bybit.AdapterHarness.failure;
import static io.fixbridge.venue.bybit.AdapterHarness.limit;
import static io.fixbridge.venue.bybit.AdapterHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Linear (BTCUSDT, mid 60000, tick 0.10) and inverse (BTCUSD, 1 USD contracts, tick 0.50) perpetuals
 * over sockets against the simulator: market, limit, stop, stop-limit and take-profit orders with
 * their trigger direction, reduce-only, hedge mode, amend of a partly filled order, positions,
 * balances and refusals with Bybit's retCode.
 */
class BybitDerivativesAdapterTest {
    private static final String LINEAR = "BTC/USDT:USDT";
    private static final String INVERSE = "BTC/USD:BTC";
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

    private void filled(OrderRequest o, String quantity) {
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo(quantity));
    }

    private Position position(String symbol) {
        return answer(h.adapter.positions(SimSupport.ACCOUNT)).stream().filter(p -> p.symbol().equals(symbol))
                .findFirst().orElse(null);
    }

    @Test
    void referencePriceFollowsTheSimulatorsMidAsOfTheAnswersTime() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("referencePriceIntervalMs", 100));
        await().atMost(AdapterHarness.TIMEOUT).until(() -> h.adapter.referencePrice(LINEAR).isPresent()
                && h.adapter.referencePrice(INVERSE).isPresent());
        ReferencePrice first = h.adapter.referencePrice(LINEAR).orElseThrow();
        assertThat(first.price()).isEqualByComparingTo("60000");
        assertThat(first.kind()).isEqualTo(ReferencePrice.Kind.MID);
        assertThat(h.adapter.referencePrice(INVERSE).orElseThrow().kind()).isEqualTo(ReferencePrice.Kind.MID);

        h.sim.sim.linearMarket().moveMid("BTCUSDT", 12_000);
        BigDecimal mid = h.sim.sim.linearMarket().mid("BTCUSDT");
        assertThat(mid).isEqualByComparingTo("61200");

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> {
            ReferencePrice moved = h.adapter.referencePrice(LINEAR).orElseThrow();
            assertThat(moved.price()).as("the quotes are symmetric around the mid").isEqualByComparingTo(mid);
            assertThat(moved.asOf()).isAfter(first.asOf());
        });
        assertThat(h.adapter.referencePrice("NOSUCH/COIN")).isEmpty();
    }

    @Test
    void linearMarketBuyOpensALongAndAReduceOnlyStopClosesIt() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of());
        OrderRequest buy = order(LINEAR, Side.BUY, OrderType.MARKET, "0.010").build();
        h.submit(buy);
        filled(buy, "0.01");
        assertThat(h.events.fills(buy.clientOrderId())).allSatisfy(f -> assertThat(f.commissionAsset())
                .isEqualTo("USDT")).last().satisfies(f -> assertThat(f.orderFilled()).isTrue());
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() ->
                assertThat(position(LINEAR)).isNotNull().satisfies(p -> assertThat(p.quantity())
                        .isEqualByComparingTo("0.01")));

        OrderRequest stop = order(LINEAR, Side.SELL, OrderType.STOP, "0.010").stopPrice(new BigDecimal("59000.0"))
                .reduceOnly(true).build();
        h.submit(stop);
        assertThat(truth(stop.clientOrderId()).orderStatus()).isEqualTo("Untriggered");
        h.sim.sim.linearMarket().moveMid("BTCUSDT", -11_000);

        filled(stop, "0.01");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(position(LINEAR)).isNull());
        assertThat(answer(h.adapter.balances(SimSupport.ACCOUNT))).extracting(Balance::asset).contains("USDT");
    }

    @Test
    void aStopLimitBuyFiresOnARiseAndAnExplicitDirectionIsSent() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of());
        OrderRequest o = limit(LINEAR, Side.BUY, "0.005", "60600.0").type(OrderType.STOP_LIMIT)
                .stopPrice(new BigDecimal("60500.0")).build();
        OrderRequest falling = order(LINEAR, Side.BUY, OrderType.STOP, "0.005").stopPrice(new BigDecimal("59500.0"))
                .triggerDirection(TriggerDirection.FALLS_BELOW).build();

        h.submit(o);
        h.submit(falling);
        h.sim.sim.linearMarket().moveMid("BTCUSDT", 5_050);

        filled(o, "0.005");
        assertThat(truth(falling.clientOrderId()).orderStatus()).as("a buy stop set to fire on a fall waits")
                .isEqualTo("Untriggered");
        h.sim.sim.linearMarket().moveMid("BTCUSDT", -11_000);
        filled(falling, "0.005");
    }

    @Test
    void aTakeProfitSellOfALongFiresOnARise() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of());
        OrderRequest buy = order(LINEAR, Side.BUY, OrderType.MARKET, "0.010").build();
        h.submit(buy);
        filled(buy, "0.01");
        OrderRequest tp = order(LINEAR, Side.SELL, OrderType.TAKE_PROFIT, "0.010").stopPrice(new BigDecimal("61000.0"))
                .reduceOnly(true).build();

        h.submit(tp);
        h.sim.sim.linearMarket().moveMid("BTCUSDT", 10_100);

        filled(tp, "0.01");
    }

    @Test
    void anAmendOfAPartlyFilledOrderSendsTheNewTotalQuantity() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.symbols(BybitSymbol.linearBtcusdt().withLevelQuantity("0.002"),
                BybitSymbol.spotBtcusdt())), Map.of("categories", List.of("linear")));
        OrderRequest o = limit(LINEAR, Side.BUY, "0.005", "59990.0").build();
        OrderEvent.Accepted a = h.submit(o);
        h.sim.sim.linearMarket().moveMid("BTCUSDT", -101);
        filled(o, "0.002");
        assertThat(h.events.fills(o.clientOrderId())).singleElement().satisfies(f -> {
            assertThat(f.orderFilled()).isFalse();
            assertThat(f.liquidity()).isEqualTo(io.fixbridge.venue.Liquidity.MAKER);
        });

        OrderEvent.Replaced r = answer(h.adapter.replace(new ReplaceRequest(o, a.venueOrderId(), new BigDecimal("0.002"),
                o.toBuilder().quantity(new BigDecimal("0.004")).build())));

        assertThat(r.quantity()).isEqualByComparingTo("0.004");
        assertThat(truth(o.clientOrderId()).qty()).as("Bybit's amend qty is the order's new total")
                .isEqualByComparingTo("0.004");
        assertThat(answer(h.adapter.queryOrder(SimSupport.ACCOUNT, LINEAR, o.clientOrderId()))).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(OrderSnapshot.Status.PARTIALLY_FILLED);
            assertThat(s.quantity()).isEqualByComparingTo("0.004");
            assertThat(s.filledQuantity()).isEqualByComparingTo("0.002");
            assertThat(s.fills()).hasSize(1);
        });
        VenueError belowFilled = failure(h.adapter.replace(new ReplaceRequest(o, a.venueOrderId(),
                new BigDecimal("0.002"), o.toBuilder().quantity(new BigDecimal("0.002")).build())));
        assertThat(belowFilled.reason()).isEqualTo(RejectReason.INCORRECT_QUANTITY);
        assertThat(belowFilled.code()).isEqualTo("110064");
        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, LINEAR, o.clientOrderId(), a.venueOrderId())));
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(o.clientOrderId()))
                .containsExactly("Accepted", "Fill", "Replaced", "Canceled"));
    }

    @Test
    void anIocRemainderExpires() throws Exception {
        h = new AdapterHarness(SimSupport.start(b -> b.symbols(BybitSymbol.linearBtcusdt().withLevelQuantity("0.002"))),
                Map.of("categories", List.of("linear")));
        OrderRequest o = limit(LINEAR, Side.BUY, "0.005", "60000.1").timeInForce(TimeInForce.IOC).build();

        h.submit(o);

        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(h.kinds(o.clientOrderId()))
                .containsExactly("Accepted", "Fill", "Expired"));
        assertThat(h.filled(o.clientOrderId())).isEqualByComparingTo("0.002");
    }

    @Test
    void linearRefusalsCarryBybitsRetCode() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of());

        VenueError offStep = failure(h.adapter.submit(limit(LINEAR, Side.BUY, "0.0015", "50000.0").build()));
        VenueError offTick = failure(h.adapter.submit(limit(LINEAR, Side.BUY, "0.002", "50000.05").build()));
        VenueError reduceNothing = failure(h.adapter.submit(order(LINEAR, Side.SELL, OrderType.MARKET, "0.010")
                .reduceOnly(true).build()));
        VenueError noMargin = failure(h.adapter.submit(limit(LINEAR, Side.BUY, "1000", "59000.0").build()));

        assertThat(offStep.reason()).isEqualTo(RejectReason.INCORRECT_QUANTITY);
        assertThat(offStep.code()).isEqualTo("10001");
        assertThat(offTick.reason()).isEqualTo(RejectReason.INVALID_PRICE_INCREMENT);
        assertThat(offTick.code()).isEqualTo("10001");
        assertThat(reduceNothing.reason()).isEqualTo(RejectReason.REDUCE_ONLY_WOULD_INCREASE);
        assertThat(reduceNothing.code()).isEqualTo("110017");
        assertThat(noMargin.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(noMargin.code()).isEqualTo("110007");
        assertThat(h.truth()).isEmpty();
    }

    @Test
    void hedgeModeOpensWithPositionIdxAndReduceOnlyClosesTheOppositeSide() throws Exception {
        h = new AdapterHarness(SimSupport.start(SimSupport.alice().hedgeMode(true).build(), b -> b),
                Map.of("categories", List.of("linear"), "hedgeMode", true));
        OrderRequest open = order(LINEAR, Side.BUY, OrderType.MARKET, "0.010").build();
        h.submit(open);
        filled(open, "0.01");

        OrderRequest close = order(LINEAR, Side.SELL, OrderType.MARKET, "0.010").reduceOnly(true).build();
        h.submit(close);

        filled(close, "0.01");
        assertThat(truth(close.clientOrderId()).reduceOnly()).isTrue();
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(position(LINEAR)).isNull());
    }

    @Test
    void inverseOrdersAreInContractsAndSettleInBtc() throws Exception {
        h = new AdapterHarness(SimSupport.start(), Map.of("categories", List.of("inverse")));
        OrderRequest buy = order(INVERSE, Side.BUY, OrderType.MARKET, "300").build();
        OrderRequest rest = limit(INVERSE, Side.SELL, "100", "65000.0").build();
        OrderRequest stop = order(INVERSE, Side.SELL, OrderType.STOP, "100").stopPrice(new BigDecimal("55000.0"))
                .build();

        h.submit(buy);
        filled(buy, "300");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(position(INVERSE)).isNotNull()
                .satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("300")));
        OrderEvent.Accepted resting = h.submit(rest);
        h.submit(stop);
        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, INVERSE, rest.clientOrderId(),
                resting.venueOrderId())));
        answer(h.adapter.cancel(new CancelRequest(SimSupport.ACCOUNT, INVERSE, stop.clientOrderId(), null)));

        OrderRequest stopLimit = limit(INVERSE, Side.BUY, "200", "60600.0").type(OrderType.STOP_LIMIT)
                .stopPrice(new BigDecimal("60500.0")).build();
        OrderRequest takeProfit = order(INVERSE, Side.SELL, OrderType.TAKE_PROFIT, "500")
                .stopPrice(new BigDecimal("62000.0")).reduceOnly(true).build();
        h.submit(stopLimit);
        h.submit(takeProfit);
        h.sim.sim.inverseMarket().moveMid("BTCUSD", 1_010);
        filled(stopLimit, "200");
        h.sim.sim.inverseMarket().moveMid("BTCUSD", 3_000);
        filled(takeProfit, "500");
        await().atMost(AdapterHarness.TIMEOUT).untilAsserted(() -> assertThat(position(INVERSE)).isNull());

        assertThat(h.events.fills(buy.clientOrderId())).allSatisfy(f -> assertThat(f.commissionAsset())
                .isEqualTo("BTC"));
        assertThat(truth(rest.clientOrderId()).orderStatus()).isEqualTo("Cancelled");
        assertThat(truth(stop.clientOrderId()).orderStatus()).isEqualTo("Deactivated");
        assertThat(h.adapter.instruments()).anySatisfy(i -> {
            assertThat(i.symbol()).isEqualTo(INVERSE);
            assertThat(i.lotSize()).isEqualByComparingTo("1");
        });
        assertThat(answer(h.adapter.balances(SimSupport.ACCOUNT))).extracting(Balance::asset).contains("BTC");
    }
}
