package io.fixbridge.testkit.telemetry;

import io.fixbridge.venue.VenueTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A {@link VenueTelemetry} that keeps every call for assertions; {@link #log} holds them all in the
 * order they came ({@code sent:<id>}, {@code request:<endpoint> <status>}, {@code stream:<name>=<up>},
 * {@code limit:<name>}), and tests may add their own markers to it. Thread-safe.
 */
public final class RecordingTelemetry implements VenueTelemetry {
    public record Request(String endpoint, int status, Duration latency) {
    }

    private static final Pattern DIGITS_ONLY = Pattern.compile("(^|[\\s/:])\\d+($|[\\s/:])");

    public final List<String> log = new CopyOnWriteArrayList<>();
    public final List<String> ordersSent = new CopyOnWriteArrayList<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public final List<String> limitNames = new CopyOnWriteArrayList<>();
    private final List<String[]> streams = new CopyOnWriteArrayList<>();

    @Override
    public void orderRequestSent(String clientOrderId) {
        ordersSent.add(clientOrderId);
        log.add("sent:" + clientOrderId);
    }

    @Override
    public void request(String endpoint, int status, Duration latency) {
        requests.add(new Request(endpoint, status, latency));
        log.add("request:" + endpoint + " " + status);
    }

    @Override
    public void streamState(String stream, boolean connected) {
        streams.add(new String[] {stream, String.valueOf(connected)});
        log.add("stream:" + stream + "=" + connected);
    }

    @Override
    public void rateLimitUse(String limit, long used, long capacity) {
        if (!limitNames.contains(limit)) {
            limitNames.add(limit);
        }
        log.add("limit:" + limit);
    }

    /** The connected (true) / disconnected (false) sequence reported for {@code stream}. */
    public List<Boolean> states(String stream) {
        return streams.stream().filter(s -> s[0].equals(stream)).map(s -> Boolean.parseBoolean(s[1])).toList();
    }

    /** Every stream name reported. */
    public List<String> streamNames() {
        return streams.stream().map(s -> s[0]).distinct().toList();
    }

    /** Every endpoint reported. */
    public List<String> endpoints() {
        return requests.stream().map(Request::endpoint).distinct().toList();
    }

    /** Whether {@code label} looks unbounded: a query, a digit-only segment (an id), or one of {@code secrets}. */
    public static boolean unbounded(String label, List<String> secrets) {
        if (label.contains("?") || DIGITS_ONLY.matcher(label).find()) {
            return true;
        }
        return secrets.stream().anyMatch(label::contains);
    }

    /** Every label reported: endpoints, streams and limits. */
    public List<String> labels() {
        List<String> all = new java.util.ArrayList<>(endpoints());
        all.addAll(streamNames());
        all.addAll(limitNames);
        return all;
    }
}
