package io.fixbridge.venue.kit.ws;

/**
 * Where a {@link WebSocketClient} is. Transitions:
 * {@code CONNECTING -> CONNECTED -> DISCONNECTED -> RECONNECTING -> CONNECTED -> ... -> CLOSED};
 * a failed attempt goes {@code CONNECTING|RECONNECTING -> DISCONNECTED -> RECONNECTING}.
 */
public enum ConnectionState {
    /** The first connection attempt is under way. */
    CONNECTING,
    /** The WebSocket handshake completed; messages flow. */
    CONNECTED,
    /** The connection was lost or an attempt failed; the reason says why. A retry follows unless closed. */
    DISCONNECTED,
    /** A retry is scheduled or under way; the reason gives the delay and the attempt number. */
    RECONNECTING,
    /** {@link WebSocketClient#close()} was called; final. */
    CLOSED
}
