package io.fixbridge.gateway.ops;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueTelemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;

/**
 * One venue's metrics and connection state: what its adapter reports through
 * {@link VenueTelemetry}, the errors its calls fail with, and the FIX-in to venue latencies of its
 * orders. The venue is up once its connect succeeded while every stream it reported is connected.
 *
 * <p>Thread-safe; called on adapter threads (Netty event loops among them) and the engine thread;
 * never blocks, never throws.
 */
public final class VenueMetrics implements VenueTelemetry {
    /** Orders awaiting their request or answer are forgotten past this many (a venue that never answers). */
    private static final int MAX_IN_FLIGHT = 100_000;

    private final String venue;
    private final Metrics metrics;
    private final Timer fixToSent;
    private final Timer fixToAck;
    private final Timer eventToReport;
    private final MeterFamily<Timer> requests;
    private final MeterFamily<Counter> errors;
    private final Map<String, Long> awaitingSent = new ConcurrentHashMap<>();
    private final Map<String, Long> awaitingAck = new ConcurrentHashMap<>();
    private final Map<String, Boolean> streams = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rateLimitUse = new ConcurrentHashMap<>();
    private final Map<String, Long> rateLimitCapacity = new ConcurrentHashMap<>();
    private volatile boolean connected;

    public VenueMetrics(String venue, Metrics metrics) {
        this.venue = venue;
        this.metrics = metrics;
        this.fixToSent = metrics.latency("fixbridge.order.fix.to.venue.sent",
                "From a NewOrderSingle reaching the order engine to its request being written to the venue")
                .tag("venue", venue).register(metrics.registry());
        this.fixToAck = metrics.latency("fixbridge.order.fix.to.venue.ack",
                "From a NewOrderSingle reaching the order engine to the venue acknowledging the order")
                .tag("venue", venue).register(metrics.registry());
        this.eventToReport = metrics.latency("fixbridge.venue.event.to.report",
                "From a venue stream event reaching the order engine to its ExecutionReport being sent")
                .tag("venue", venue).register(metrics.registry());
        this.requests = new MeterFamily<>(tags -> Timer.builder("fixbridge.venue.request")
                .description("Venue REST (and WebSocket API) requests by endpoint and status").tag("venue", venue).tags(tags)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(metrics.registry()), "endpoint", "status");
        this.errors = new MeterFamily<>(tags -> Counter.builder("fixbridge.venue.errors")
                .description("Venue call failures by outcome and venue error code").tag("venue", venue).tags(tags)
                .register(metrics.registry()), "outcome", "code");
        Gauge.builder("fixbridge.venue.up", this, v -> v.isUp() ? 1 : 0)
                .description("1 while the venue is connected and every stream it reported is up")
                .tag("venue", venue).register(metrics.registry());
    }

    /** The venue's name. */
    public String venue() {
        return venue;
    }

    /** The venue's connect succeeded (it stays so: later trouble shows in its streams). */
    public void connected() {
        connected = true;
    }

    /** Whether the venue connected and every stream it reported is connected now. */
    public boolean isUp() {
        return connected && !streams.containsValue(Boolean.FALSE);
    }

    /** Each stream's state: true when connected. */
    public Map<String, Boolean> streams() {
        return new TreeMap<>(streams);
    }

    /** Why the venue is not up, or empty text when it is. */
    public String downReason() {
        if (!connected) {
            return "not connected yet";
        }
        return streams.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted()
                .reduce((a, b) -> a + ", " + b).map(s -> "stream " + s + " disconnected; the adapter is reconnecting").orElse("");
    }

    // ---------------------------------------------------------------- VenueTelemetry

    @Override
    public void orderRequestSent(String clientOrderId) {
        Long in = awaitingSent.remove(clientOrderId);
        if (in != null) {
            fixToSent.record(System.nanoTime() - in, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void request(String endpoint, int status, Duration latency) {
        requests.get(endpoint, Integer.toString(status)).record(latency);
    }

    @Override
    public void streamState(String stream, boolean up) {
        Boolean before = streams.put(stream, up);
        if (before == null) {
            Gauge.builder("fixbridge.venue.stream.up", streams, s -> Boolean.TRUE.equals(s.get(stream)) ? 1 : 0)
                    .description("1 while the venue stream is connected").tags("venue", venue, "stream", stream)
                    .register(metrics.registry());
            reconnects(stream);
        } else if (up && !before) {
            reconnects(stream).increment();
        }
    }

    private Counter reconnects(String stream) {
        return Counter.builder("fixbridge.venue.stream.reconnects").description("Venue stream reconnects")
                .tags("venue", venue, "stream", stream).register(metrics.registry());
    }

    @Override
    public void rateLimitUse(String limit, long used, long capacity) {
        AtomicLong value = rateLimitUse.computeIfAbsent(limit, l -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("fixbridge.venue.rate.limit.used.ratio", v,
                            x -> {
                                long cap = rateLimitCapacity.getOrDefault(l, 0L);
                                return cap <= 0 ? 0 : Math.min(1.0, (double) x.get() / cap);
                            })
                    .description("Share of a venue rate limit used in its current window")
                    .tags("venue", venue, "limit", l).register(metrics.registry());
            return v;
        });
        rateLimitCapacity.put(limit, capacity);
        value.set(used);
    }

    // ---------------------------------------------------------------- the gateway's side

    /** A venue call failed with {@code error}. */
    public void error(VenueError error) {
        errors.get(error.outcome().name().toLowerCase(java.util.Locale.ROOT),
                error.code() == null ? "none" : boundedCode(error.code())).increment();
    }

    /** Venue codes are short tokens; anything else (a message in the code field) is not a label. */
    private static String boundedCode(String code) {
        return code.length() <= 24 && code.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                ? code : "other";
    }

    void submitting(String clientOrderId, long fixInNanos) {
        if (awaitingAck.size() < MAX_IN_FLIGHT) {
            awaitingSent.put(clientOrderId, fixInNanos);
            awaitingAck.put(clientOrderId, fixInNanos);
        }
    }

    void submitAnswered(String clientOrderId, boolean acknowledged) {
        awaitingSent.remove(clientOrderId);
        Long in = awaitingAck.remove(clientOrderId);
        if (in != null && acknowledged) {
            fixToAck.record(System.nanoTime() - in, TimeUnit.NANOSECONDS);
        }
    }

    void eventReported(long eventNanos) {
        eventToReport.record(System.nanoTime() - eventNanos, TimeUnit.NANOSECONDS);
    }
}
