/**
 * A self-healing WebSocket client on Netty: {@link io.fixbridge.venue.kit.ws.WebSocketClient} with heartbeat,
 * dead-connection detection, capped exponential reconnect and the
 * {@link io.fixbridge.venue.kit.ws.WebSocketListener#onConnected} hook where adapters re-authenticate and resubscribe.
 * Listener callbacks run serially on the venue callback pool.
 */
package io.fixbridge.venue.kit.ws;
