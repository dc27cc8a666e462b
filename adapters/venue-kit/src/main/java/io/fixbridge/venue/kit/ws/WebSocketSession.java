package io.fixbridge.venue.kit.ws;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One established WebSocket connection of a {@link WebSocketClient}. A reconnect creates a new
 * session; sending on an old one fails, so a resubscription can never go to a dead connection.
 * Thread-safe.
 */
public interface WebSocketSession {

    /**
     * Sends a text frame. Completes on the callback pool when the frame was written to the socket,
     * or fails with {@link WebSocketNotConnectedException} when this connection is no longer open.
     */
    CompletableFuture<Void> send(String text);

    /** Whether this connection is still the open one. */
    boolean isOpen();

    /** 1 for the first successful connection, 2 after the first reconnect, and so on. */
    int connectionNumber();

    /** When the handshake completed. */
    Instant connectedAt();
}
