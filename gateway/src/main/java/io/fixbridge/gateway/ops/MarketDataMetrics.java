package io.fixbridge.gateway.ops;

import io.fixbridge.gateway.marketdata.MarketDataObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Market data metrics: {@code fixbridge_marketdata_latency_seconds{venue,kind}} (venue message
 * received to FIX message handed to the session, kind book or trade),
 * {@code fixbridge_marketdata_resyncs_total{venue,symbol}} (books rebuilt after a gap or a dropped
 * stream) and {@code fixbridge_marketdata_subscribers{venue,symbol}} (FIX subscribers of each
 * venue subscription; 0 once it ended). Symbols appear only once subscribed. Thread-safe.
 */
public final class MarketDataMetrics implements MarketDataObserver {
    private final MeterFamily<Timer> latency;
    private final MeterFamily<Counter> resyncs;
    private final Map<List<String>, AtomicInteger> subscribers = new ConcurrentHashMap<>();
    private final Metrics metrics;

    public MarketDataMetrics(Metrics metrics) {
        this.metrics = metrics;
        this.latency = new MeterFamily<>(tags -> Timer.builder("fixbridge.marketdata.latency")
                .description("Venue market data message received to FIX message out, by venue and kind (book, trade)")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(metrics.registry()), "venue", "kind");
        this.resyncs = new MeterFamily<>(tags -> Counter.builder("fixbridge.marketdata.resyncs")
                .description("Order books rebuilt from a fresh venue snapshot after a sequence gap or a dropped stream")
                .tags(tags).register(metrics.registry()), "venue", "symbol");
    }

    @Override
    public void published(String venue, String kind, long nanos) {
        latency.get(venue, kind).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void resynced(String venue, String symbol) {
        resyncs.get(venue, symbol).increment();
    }

    @Override
    public void subscribers(String venue, String symbol, int count) {
        resyncs.get(venue, symbol); // registered at zero from the first subscriber on, so increase() sees the first rebuild
        subscribers.computeIfAbsent(List.of(venue, symbol), k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("fixbridge.marketdata.subscribers", value, AtomicInteger::get)
                    .description("FIX subscribers of each venue market data subscription")
                    .tag("venue", venue).tag("symbol", symbol).register(metrics.registry());
            return value;
        }).set(count);
    }
}
