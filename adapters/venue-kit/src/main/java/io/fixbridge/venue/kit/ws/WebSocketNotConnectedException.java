package io.fixbridge.venue.kit.ws;

/**
 * A message could not be sent because the connection it was meant for is not open (not yet
 * connected, lost, replaced by a reconnect, or the client is closed). Nothing was sent.
 */
public final class WebSocketNotConnectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message that names the URL without query string. */
    public WebSocketNotConnectedException(String message) {
        super(message);
    }

    /** With a message and the cause reported by the transport. */
    public WebSocketNotConnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
