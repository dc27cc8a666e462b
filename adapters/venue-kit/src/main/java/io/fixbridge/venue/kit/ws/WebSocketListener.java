package io.fixbridge.venue.kit.ws;

/**
 * Receives what happens on one {@link WebSocketClient}.
 *
 * <h2>Threading</h2>
 * All three callbacks of one client run one at a time, in the order the events happened, on the
 * venue's callback pool ({@code <venue>-callback-N}): never on a Netty event loop, never on the
 * thread that called {@code start}, {@code send} or {@code close}, and never concurrently with each
 * other. A callback that takes long delays the ones after it, so hand heavy work to another
 * executor. Calling {@link WebSocketSession#send} from a callback is fine.
 *
 * <h2>Errors</h2>
 * An exception thrown by {@link #onMessage} or {@link #onStateChange} is logged and the stream goes
 * on. An exception thrown by {@link #onConnected} drops the connection (a stream that could not
 * resubscribe is incomplete) and a reconnect follows.
 */
public interface WebSocketListener {

    /**
     * A complete text message (continuation frames already joined).
     *
     * @param session the connection it arrived on; compare {@link WebSocketSession#connectionNumber()}
     *                to ignore messages from a connection that has since been replaced
     */
    void onMessage(WebSocketSession session, String text);

    /**
     * Called after every successful connect and reconnect, before any message of that connection is
     * delivered: authenticate and (re)subscribe here by sending on {@code session}. The client's
     * start future completes after the first call returns.
     */
    default void onConnected(WebSocketSession session) {
    }

    /**
     * The connection state changed.
     *
     * @param reason why, for a person: a disconnect cause, the retry delay, a connection number
     */
    default void onStateChange(ConnectionState state, String reason) {
    }
}
