package io.fixbridge.bench.micro;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.fixbridge.gateway.config.RiskLimits;
import io.fixbridge.gateway.config.RiskSettings;
import io.fixbridge.gateway.risk.PreTradeRisk;
import io.fixbridge.gateway.risk.RiskBreach;
import io.fixbridge.gateway.risk.RiskObserver;
import io.fixbridge.gateway.risk.RiskOrder;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.Side;

/**
 * The pre-trade risk checks the order engine runs for every new order, with every limit set for
 * both of the order's scopes (its session and its account, one with an instrument override) and
 * 1,000 orders already open in them:
 * <ul>
 *   <li>{@code admitAndClose}: a limit buy passes all sixteen checks and is counted (open orders,
 *       rate, open quantity and notional), then its cancel is counted (what the engine does on the
 *       order's last report), so the book stays the same size from one operation to the next;</li>
 *   <li>{@code refusedAtTheLastCheck}: a buy that passes every check but the account's daily
 *       notional, the longest path to a refusal (its Text built, the breach counted; its WARN line
 *       filtered by level).</li>
 * </ul>
 * Single-threaded, as the engine is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = MicroBenchmarks.FORK_HEAP)
public class PreTradeRiskBenchmark {
    private static final String SYMBOL = "BTC/USDT";
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private PreTradeRisk risk;
    private PreTradeRisk nearlyFull;
    private long sequence;

    @Setup
    public void setUp() {
        BenchLogging.errorOnly(PreTradeRisk.class); // a refusal warns by design
        RiskLimits wide = new RiskLimits(new BigDecimal("10"), new BigDecimal("1000000"), new BigDecimal("5"), 100_000,
                new BigDecimal("100000"), new BigDecimal("100000000000"), 2_000_000_000, new BigDecimal("100000000000"));
        RiskSettings.Scope scope = new RiskSettings.Scope(wide, Map.of(SYMBOL, new RiskLimits(new BigDecimal("5"), null, null,
                null, null, null, null, null)));
        RiskSettings settings = new RiskSettings(Duration.ofSeconds(5), true, Map.of("OMS1", scope), Map.of("binance/main", scope));
        ReferencePrice mid = new ReferencePrice(SYMBOL, new BigDecimal("64250.05"), ReferencePrice.Kind.MID, NOW);
        PreTradeRisk.ReferencePrices prices = (venue, symbol) -> Optional.of(mid);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        risk = new PreTradeRisk(settings, prices, RiskObserver.NONE, clock, System::nanoTime);
        for (int i = 0; i < 1_000; i++) {
            require(risk.admitNew(order("open-" + i, true)).isEmpty(), "the resting orders must pass");
        }
        RiskLimits tight = wide.overriddenBy(new RiskLimits(null, null, null, null, null, null, null, new BigDecimal("640")));
        nearlyFull = new PreTradeRisk(new RiskSettings(Duration.ofSeconds(5), true, Map.of("OMS1", scope),
                Map.of("binance/main", new RiskSettings.Scope(tight, Map.of()))), prices, RiskObserver.NONE, clock, System::nanoTime);
        require(risk.admitNew(order("probe", true)).isEmpty(), "admitAndClose must pass");
        require(nearlyFull.admitNew(order("probe", true)).map(b -> b.limit().equals("maxDailyNotional")).orElse(false),
                "refusedAtTheLastCheck must be refused for maxDailyNotional");
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }

    private static RiskOrder order(String id, boolean open) {
        return new RiskOrder(id, "OMS1", "binance", "main", SYMBOL, Side.BUY, OrderType.LIMIT, new BigDecimal("0.01"), null,
                new BigDecimal("64100.00"), null, open, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Checked, admitted, then closed: the book is as before. */
    @Benchmark
    public Optional<RiskBreach> admitAndClose() {
        String id = "b-" + (sequence++);
        Optional<RiskBreach> breach = risk.admitNew(order(id, true));
        risk.update(order(id, false));
        risk.forget(id);
        return breach;
    }

    /** Every check run, the last one refuses. */
    @Benchmark
    public Optional<RiskBreach> refusedAtTheLastCheck() {
        return nearlyFull.admitNew(order("r-" + (sequence++), true));
    }
}
