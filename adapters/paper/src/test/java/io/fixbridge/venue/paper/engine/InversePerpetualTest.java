package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueCapabilities;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.fixbridge.venue.paper.engine.EngineHarness.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InversePerpetualTest {
    private static final String INVERSE = "BTC/USD:BTC";
    private static final Instrument INSTRUMENT = Instrument.builder().symbol(INVERSE).venueSymbol("BTCUSD")
            .marketType(MarketType.INVERSE_PERPETUAL).baseAsset("BTC").quoteAsset("USD").settleAsset("BTC")
            .tickSize(d("0.5")).lotSize(d("1")).minQuantity(d("1")).maxQuantity(d("1000000")).minNotional(d("100"))
            .contractSize(d("1")).build();
    private static final VenueCapabilities WITH_INVERSE = new VenueCapabilities(
            EnumSet.of(MarketType.SPOT, MarketType.LINEAR_PERPETUAL, MarketType.INVERSE_PERPETUAL),
            EnumSet.allOf(OrderType.class), EnumSet.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK), true,
            EnumSet.of(MarketType.LINEAR_PERPETUAL, MarketType.INVERSE_PERPETUAL), true, false, true,
            ReplaceMode.NATIVE_AMEND, false);

    private final AtomicLong ids = new AtomicLong();
    private final RecordingEngineListener events = new RecordingEngineListener();

    private MatchingEngine engine(FeeSchedule fees, String btc) {
        Map<String, BigDecimal> balances = Map.of("BTC", d(btc), "USDT", d("100000"));
        return MatchingEngine.builder().instrument(INSTRUMENT).capabilities(WITH_INVERSE)
                .account("alice", balances).account("bob", balances).fees(fees).leverage(d("10"))
                .clock(Clock.fixed(EngineHarness.T0, ZoneOffset.UTC)).listener(events).build();
    }

    private OrderRequest limit(String account, Side side, String contracts, String price) {
        return OrderRequest.builder().account(account).clientOrderId("i" + ids.incrementAndGet()).symbol(INVERSE)
                .side(side).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(d(contracts)).price(d(price))
                .build();
    }

    private static OrderView done(EngineResult r) {
        assertThat(r).isInstanceOf(EngineResult.Done.class);
        return ((EngineResult.Done) r).order();
    }

    private static Balance btc(MatchingEngine e, String account) {
        return e.balances(account).stream().filter(b -> b.asset().equals("BTC")).findFirst().orElseThrow();
    }

    private static Position position(MatchingEngine e, String account) {
        return e.positions(account).stream().filter(p -> p.symbol().equals(INVERSE)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultCapabilitiesStillRefuseInverseInstruments() {
        assertThatThrownBy(() -> MatchingEngine.builder().instrument(INSTRUMENT).listener(events).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INVERSE_PERPETUAL");
    }

    @Test
    void anOpenOrderHoldsItsMarginInTheBaseCoin() {
        MatchingEngine e = engine(FeeSchedule.NONE, "10");
        done(e.submit(limit("alice", Side.BUY, "1000", "50000")));
        // 1000 USD at 50000 = 0.02 BTC; at leverage 10 it holds 0.002 BTC
        assertThat(btc(e, "alice").available()).isEqualByComparingTo("9.998");
        assertThat(btc(e, "alice").total()).isEqualByComparingTo("10");
        assertThat(e.balances("alice")).filteredOn(b -> b.asset().equals("USDT"))
                .singleElement().satisfies(b -> assertThat(b.available()).isEqualByComparingTo("100000"));
    }

    @Test
    void feesAreChargedInTheBaseCoinOnTheContractValue() {
        MatchingEngine e = engine(new FeeSchedule(d("0.0002"), d("0.0005")), "10");
        OrderView maker = done(e.submit(limit("bob", Side.SELL, "1000", "50000")));
        OrderView taker = done(e.submit(limit("alice", Side.BUY, "1000", "50000")));

        Execution takerFill = events.fills(taker.venueOrderId()).get(0);
        assertThat(takerFill.commissionAsset()).isEqualTo("BTC");
        assertThat(takerFill.commission()).isEqualByComparingTo("0.00001");
        assertThat(events.fills(maker.venueOrderId()).get(0).commission()).isEqualByComparingTo("0.000004");
        assertThat(btc(e, "alice").total()).isEqualByComparingTo("9.99999");
        // the long position of 0.02 BTC at leverage 10 holds 0.002 BTC
        assertThat(btc(e, "alice").available()).isEqualByComparingTo("9.99799");
        assertThat(position(e, "alice").quantity()).isEqualByComparingTo("1000");
        assertThat(position(e, "bob").quantity()).isEqualByComparingTo("-1000");
    }

    @Test
    void closingRealisesInversePnlInTheBaseCoin() {
        MatchingEngine e = engine(FeeSchedule.NONE, "10");
        done(e.submit(limit("bob", Side.SELL, "1000", "50000")));
        done(e.submit(limit("alice", Side.BUY, "1000", "50000")));
        done(e.submit(limit("bob", Side.BUY, "1000", "40000")));
        done(e.submit(limit("alice", Side.SELL, "1000", "40000")));

        // long 1000 USD from 50000 to 40000: 1000 * (1/50000 - 1/40000) = -0.005 BTC
        assertThat(position(e, "alice").realizedPnl()).isEqualByComparingTo("-0.005");
        assertThat(position(e, "alice").quantity()).isZero();
        assertThat(btc(e, "alice").total()).isEqualByComparingTo("9.995");
        assertThat(btc(e, "alice").available()).isEqualByComparingTo("9.995");
        assertThat(position(e, "bob").realizedPnl()).isEqualByComparingTo("0.005");
        assertThat(btc(e, "bob").total()).isEqualByComparingTo("10.005");
    }

    @Test
    void entriesAverageHarmonically() {
        MatchingEngine e = engine(FeeSchedule.NONE, "10");
        done(e.submit(limit("bob", Side.SELL, "1000", "50000")));
        done(e.submit(limit("alice", Side.BUY, "1000", "50000")));
        done(e.submit(limit("bob", Side.SELL, "1000", "40000")));
        done(e.submit(limit("alice", Side.BUY, "1000", "40000")));

        // 2000 / (1000/50000 + 1000/40000) = 2000 / 0.045
        assertThat(position(e, "alice").entryPrice().setScale(6, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("44444.444444");
        assertThat(position(e, "alice").quantity()).isEqualByComparingTo("2000");
    }

    @Test
    void theMinimumNotionalIsInTheQuoteCurrencyWhateverThePrice() {
        MatchingEngine e = engine(FeeSchedule.NONE, "10");
        EngineResult r = e.submit(limit("alice", Side.BUY, "99", "1000000"));
        assertThat(r).isInstanceOf(EngineResult.Refused.class);
        assertThat(((EngineResult.Refused) r).reason()).isEqualTo(RejectReason.BELOW_MIN_NOTIONAL);
        assertThat(((EngineResult.Refused) r).text()).contains("99 USD");
        done(e.submit(limit("alice", Side.BUY, "100", "1")));
    }

    @Test
    void marginIsCheckedAgainstTheBaseCoin() {
        MatchingEngine e = engine(FeeSchedule.NONE, "0.001");
        // 1000 USD at 50000 needs 0.002 BTC of margin; alice has 0.001 BTC (and plenty of USDT)
        EngineResult r = e.submit(limit("alice", Side.BUY, "1000", "50000"));
        assertThat(r).isInstanceOf(EngineResult.Refused.class);
        assertThat(((EngineResult.Refused) r).reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(((EngineResult.Refused) r).text()).contains("insufficient BTC");
        done(e.submit(limit("alice", Side.BUY, "500", "50000")));
        assertThat(btc(e, "alice").available()).isZero();
        assertThat(btc(e, "alice").total()).isEqualByComparingTo("0.001");
    }
}
