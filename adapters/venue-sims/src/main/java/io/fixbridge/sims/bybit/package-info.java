/**
 * A wire-faithful simulator of Bybit's v5 REST API and private WebSocket for spot, linear and
 * inverse, running over loopback on the paper
 * {@link io.fixbridge.venue.paper.engine.MatchingEngine}.
 *
 * <p>{@link io.fixbridge.sims.bybit.BybitSimulator} is the entry point: a builder configures
 * accounts (unified wallets), symbols, limits and the synthetic market; {@code start()} binds one
 * port on 127.0.0.1 that serves {@code /v5/...} and the private stream at {@code /v5/private}.
 * The guide for adapter authors is {@code adapters/venue-sims/BYBIT_READY}.
 *
 * <p><b>Threading:</b> Netty event loops do all network I/O, parsing, signature checks and rate
 * limiting; everything that touches the matching engine, the synthetic market or the simulator's
 * order records runs on one dedicated engine thread. No event loop ever blocks on the engine.
 */
package io.fixbridge.sims.bybit;
