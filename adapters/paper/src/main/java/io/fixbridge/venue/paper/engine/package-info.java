/**
 * The paper venue's matching engine, independent of how it is reached.
 *
 * <p>{@link io.fixbridge.venue.paper.engine.MatchingEngine} keeps a price-time priority
 * {@link io.fixbridge.venue.paper.engine.OrderBook} per instrument, the accounts' balances and
 * positions, and reports everything that happens to an
 * {@link io.fixbridge.venue.paper.engine.EngineListener}.
 * {@link io.fixbridge.venue.paper.engine.SyntheticMarket} drives a seeded random-walk mid per
 * instrument and keeps resting market-maker liquidity around it.
 *
 * <p><b>Threading:</b> nothing in this package is thread-safe. The engine and the market are
 * single-threaded by contract: callers serialise every call (the paper adapter runs them on one
 * executor thread; a wire simulator does the same). Listener callbacks run synchronously on the
 * calling thread, inside the engine call that caused them.
 */
package io.fixbridge.venue.paper.engine;
