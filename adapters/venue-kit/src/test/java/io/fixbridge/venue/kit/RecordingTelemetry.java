package io.fixbridge.venue.kit;

import io.fixbridge.venue.VenueTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link VenueTelemetry} that keeps every call, in order, for assertions. Thread-safe. */
public final class RecordingTelemetry implements VenueTelemetry {
    /** One request report. */
    public record Request(String endpoint, int status, Duration latency) {
    }

    /** One stream report. */
    public record Stream(String name, boolean connected) {
    }

    /** One rate-limit report. */
    public record Limit(String name, long used, long capacity) {
    }

    public final List<String> ordersSent = new CopyOnWriteArrayList<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public final List<Stream> streams = new CopyOnWriteArrayList<>();
    public final List<Limit> limits = new CopyOnWriteArrayList<>();

    @Override
    public void orderRequestSent(String clientOrderId) {
        ordersSent.add(clientOrderId);
    }

    @Override
    public void request(String endpoint, int status, Duration latency) {
        requests.add(new Request(endpoint, status, latency));
    }

    @Override
    public void streamState(String stream, boolean connected) {
        streams.add(new Stream(stream, connected));
    }

    @Override
    public void rateLimitUse(String limit, long used, long capacity) {
        limits.add(new Limit(limit, used, capacity));
    }

    /** The connected/disconnected sequence reported for {@code stream}. */
    public List<Boolean> states(String stream) {
        return streams.stream().filter(s -> s.name().equals(stream)).map(Stream::connected).toList();
    }

    /** The last use reported for {@code limit}, or null. */
    public Limit lastLimit(String limit) {
        Limit last = null;
        for (Limit l : limits) {
            if (l.name().equals(limit)) {
                last = l;
            }
        }
        return last;
    }
}
