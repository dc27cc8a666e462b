package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.TradingStatus;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine with round numbers for unit tests: BTC/USDT spot (tick 1, lot 0.1, minimum 0.2) and BTC/USDT:USDT perpetual
 * (tick 1, lot 0.1), both with minimum notional 5, a halted ETH/USDT, and accounts alice, bob and carol holding 100000 USDT
 * and 100 BTC each. No market maker unless a test adds one.
 */
final class EngineHarness {
    static final String SPOT = "BTC/USDT";
    static final String PERP = "BTC/USDT:USDT";
    static final String HALTED = "ETH/USDT";
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

    static final Instrument SPOT_INSTRUMENT = Instrument.builder().symbol(SPOT).venueSymbol("BTCUSDT")
            .marketType(MarketType.SPOT).baseAsset("BTC").quoteAsset("USDT").tickSize(d("1")).lotSize(d("0.1"))
            .minQuantity(d("0.2")).maxQuantity(d("1000")).minNotional(d("5")).build();
    static final Instrument PERP_INSTRUMENT = Instrument.builder().symbol(PERP).venueSymbol("BTCUSDT-PERP")
            .marketType(MarketType.LINEAR_PERPETUAL).baseAsset("BTC").quoteAsset("USDT").settleAsset("USDT")
            .tickSize(d("1")).lotSize(d("0.1")).minQuantity(d("0.1")).maxQuantity(d("1000")).minNotional(d("5"))
            .build();
    static final Instrument HALTED_INSTRUMENT = Instrument.builder().symbol(HALTED).venueSymbol("ETHUSDT")
            .marketType(MarketType.SPOT).baseAsset("ETH").quoteAsset("USDT").tickSize(d("1")).lotSize(d("0.1"))
            .maxQuantity(d("1000")).status(TradingStatus.HALTED).build();

    final RecordingEngineListener events = new RecordingEngineListener();
    final MatchingEngine engine;
    private final AtomicLong ids = new AtomicLong();

    EngineHarness() {
        this(FeeSchedule.NONE);
    }

    EngineHarness(FeeSchedule fees) {
        this(fees, Map.of("USDT", d("100000"), "BTC", d("100")));
    }

    EngineHarness(FeeSchedule fees, Map<String, BigDecimal> balances) {
        engine = MatchingEngine.builder()
                .instruments(List.of(SPOT_INSTRUMENT, PERP_INSTRUMENT, HALTED_INSTRUMENT))
                .account("alice", balances).account("bob", balances).account("carol", balances)
                .fees(fees).leverage(d("10")).clock(Clock.fixed(T0, ZoneOffset.UTC)).listener(events)
                .build();
    }

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    /** A GTC limit order builder with a fresh client order id. */
    OrderRequest.Builder limit(String account, String symbol, Side side, String quantity, String price) {
        return OrderRequest.builder().account(account).clientOrderId("c" + ids.incrementAndGet()).symbol(symbol)
                .side(side).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(d(quantity)).price(d(price));
    }

    /** A market order builder with a fresh client order id. */
    OrderRequest.Builder market(String account, String symbol, Side side, String quantity) {
        return OrderRequest.builder().account(account).clientOrderId("c" + ids.incrementAndGet()).symbol(symbol)
                .side(side).type(OrderType.MARKET).timeInForce(TimeInForce.GTC).quantity(d(quantity));
    }

    /** Submits and asserts acceptance; returns the order after everything it did at once. */
    OrderView accept(OrderRequest.Builder order) {
        EngineResult result = engine.submit(order.build());
        assertThat(result).as("submit result").isInstanceOf(EngineResult.Done.class);
        return ((EngineResult.Done) result).order();
    }

    /** Submits and asserts refusal. */
    EngineResult.Refused refuse(OrderRequest.Builder order) {
        EngineResult result = engine.submit(order.build());
        assertThat(result).as("submit result").isInstanceOf(EngineResult.Refused.class);
        return (EngineResult.Refused) result;
    }

    OrderView view(OrderView order) {
        return engine.orderByVenueId(order.venueOrderId()).orElseThrow();
    }

    Balance balance(String account, String asset) {
        return engine.balances(account).stream().filter(b -> b.asset().equals(asset)).findFirst().orElseThrow();
    }

    Position position(String account, String symbol) {
        return engine.positions(account).stream().filter(p -> p.symbol().equals(symbol)).findFirst().orElseThrow();
    }
}
