/**
 * A wire-faithful simulator of Binance's spot and USD-M futures REST and WebSocket APIs, running
 * over loopback on the paper {@link io.fixbridge.venue.paper.engine.MatchingEngine}.
 *
 * <p>{@link io.fixbridge.sims.binance.BinanceSimulator} is the entry point: a builder configures
 * accounts, symbols, limits and the synthetic market; {@code start()} binds one port on 127.0.0.1
 * that serves {@code /api/v3/...}, {@code /fapi/...}, the spot WebSocket API at
 * {@code /ws-api/v3}, user-data streams at {@code /ws/<listenKey>}, the public market streams
 * (spot {@code /ws}, {@code /stream}; futures {@code /public/...}, {@code /market/...}; see
 * {@code WebSocketRoutes} and {@code PublicStreams}), and the simulator's own
 * control plane under {@code /_sim/} (faults, orders, market; see {@code ControlRoutes}) for a
 * harness in another process.
 *
 * <p><b>Threading:</b> Netty event loops do all network I/O, parsing, signature checks and rate
 * limiting; everything that touches the matching engine, the synthetic market or the simulator's
 * order records runs on one dedicated engine thread, so the engine's single-thread contract holds.
 * No event loop ever blocks on the engine: handlers hand work to the engine thread and write the
 * response when it completes; control-plane requests run on their own control thread.
 */
package io.fixbridge.sims.binance;
