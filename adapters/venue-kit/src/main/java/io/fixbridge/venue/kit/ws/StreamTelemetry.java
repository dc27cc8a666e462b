package io.fixbridge.venue.kit.ws;

import io.fixbridge.venue.VenueTelemetry;
import java.util.Objects;

/**
 * How a {@link WebSocketClient} reports its stream to {@link VenueTelemetry#streamState}: under which
 * bounded name ({@code "kind:account"}, e.g. {@code "futures-user:main"}), and when the stream counts as
 * connected. Immutable.
 *
 * <ul>
 *   <li>{@link #onConnect}: connected once the handshake is done and the listener's
 *       {@link WebSocketListener#onConnected} returned (a stream that needs no answer to what it sends
 *       there, such as a listen-key stream).</li>
 *   <li>{@link #confirmedByAdapter}: connected only when the adapter calls
 *       {@link WebSocketClient#streamUsable(WebSocketSession, boolean)}, because the stream is usable only
 *       after the venue confirmed an authentication or subscription the kit cannot read.</li>
 * </ul>
 *
 * In both cases the client reports disconnected when a connection that was reported connected is lost
 * or the client is closed, so a reconnect shows as disconnected followed by connected. Nothing is
 * reported before the first connect.
 *
 * @param telemetry          where to report
 * @param name               the stream's bounded name; never a key, listen key or URL
 * @param confirmedByAdapter whether connected waits for the adapter's confirmation
 */
public record StreamTelemetry(VenueTelemetry telemetry, String name, boolean confirmedByAdapter) {

    /** Reports nothing. */
    public static final StreamTelemetry NONE = new StreamTelemetry(VenueTelemetry.NONE, "none", false);

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public StreamTelemetry {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the stream name must not be blank");
        }
    }

    /** Connected when the handshake is done and {@code onConnected} returned. */
    public static StreamTelemetry onConnect(VenueTelemetry telemetry, String name) {
        return new StreamTelemetry(telemetry, name, false);
    }

    /** Connected when the adapter says so with {@link WebSocketClient#streamUsable}. */
    public static StreamTelemetry confirmedByAdapter(VenueTelemetry telemetry, String name) {
        return new StreamTelemetry(telemetry, name, true);
    }
}
