package io.fixbridge.venue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One configured venue, as the gateway sees it.
 *
 * <h2>Threading</h2>
 * Every method may be called from any thread and must not block: work that waits on the venue
 * is done on the adapter's own threads and reported through the returned future. Futures and
 * {@link OrderEventListener} callbacks complete on adapter threads; callers must not block them.
 * Events about one order are delivered in the order the venue reported them.
 *
 * <h2>Errors</h2>
 * A future that fails with {@link VenueException} carries a classified {@link VenueError}:
 * REJECTED is definitive evidence that nothing was done, RETRYABLE means nothing was done and the
 * request may be repeated, OUTCOME_UNKNOWN means the request may or may not have taken effect.
 * Any other failure is treated as OUTCOME_UNKNOWN. No method ever throws for a venue problem;
 * only a caller's programming error (null arguments) throws.
 *
 * <h2>Life cycle</h2>
 * {@link #subscribe} once, then {@link #connect}; after connect completes, {@link #instruments}
 * answers. {@link #close} releases every resource and is idempotent.
 */
public interface VenueAdapter extends AutoCloseable {

    /** The venue's name from gateway.yaml. */
    String name();

    /** What this venue can do; constant for the adapter's life. */
    VenueCapabilities capabilities();

    /**
     * Connects, loads instruments and starts the order event streams. May be called again after
     * its future failed (the gateway does, with backoff, when the failure was not a refusal);
     * while a connect is under way or once it succeeded, returns the same future.
     */
    CompletableFuture<Void> connect();

    /** The instruments loaded at connect; empty before. Immutable, safe to read from any thread. */
    List<Instrument> instruments();

    /** Places an order. Completes with the venue's acceptance, or fails with a {@link VenueException}. */
    CompletableFuture<OrderEvent.Accepted> submit(OrderRequest order);

    /**
     * Places a one-cancels-the-other pair. Completes with both legs' acceptance (above, then
     * below), or fails with a {@link VenueException}. Only called when
     * {@link VenueCapabilities#oco()} is true; a venue without order lists refuses it as
     * UNSUPPORTED_ORDER_CHARACTERISTIC.
     */
    default CompletableFuture<java.util.List<OrderEvent.Accepted>> submitOco(OcoRequest oco) {
        return CompletableFuture.failedFuture(new VenueException(VenueError.rejected(
                RejectReason.UNSUPPORTED_ORDER_CHARACTERISTIC, null, "venue " + name() + " has no OCO order lists")));
    }

    /** Cancels an order. Completes when the venue confirms, or fails (TOO_LATE, UNKNOWN_ORDER, ...). */
    CompletableFuture<OrderEvent.Canceled> cancel(CancelRequest cancel);

    /** Replaces an order the way {@link VenueCapabilities#replaceMode()} says. */
    CompletableFuture<OrderEvent.Replaced> replace(ReplaceRequest replace);

    /**
     * Asks the venue for one order by its client order id; empty when the venue has no such order.
     * This is how an unknown outcome is settled, so it must not depend on the order's stream.
     */
    CompletableFuture<Optional<OrderSnapshot>> queryOrder(String account, String symbol, String clientOrderId);

    /** Every open order of an account. */
    CompletableFuture<List<OrderSnapshot>> openOrders(String account);

    /** Balances of an account. */
    CompletableFuture<List<Balance>> balances(String account);

    /** Derivative positions of an account (empty for a spot-only venue). */
    CompletableFuture<List<Position>> positions(String account);

    /**
     * The latest reference price of {@code symbol} (unified form) the adapter holds: the mid of the
     * best bid and offer where the venue publishes them, else its mark, else its last trade price.
     * Empty when the adapter has none: before connect, for a symbol it does not list, or when the
     * venue's book is one-sided and it has nothing else.
     *
     * <p>From {@link #connect} on the adapter keeps these prices current for every instrument it
     * lists, from the venue's market-data stream where it has one, else by polling the venue's
     * ticker (every {@code referencePriceIntervalMs} of its settings, 1,000 ms by default). A
     * failure to get them never fails {@code connect} or an order: the price simply ages, and
     * {@link ReferencePrice#asOf()} lets the gateway decide what is too old.
     *
     * <p>Threading: called on the gateway's order engine thread before every order it checks, so
     * it answers from memory at once, without I/O, locks held for long, or blocking. Thread-safe.
     */
    Optional<ReferencePrice> referencePrice(String symbol);

    /**
     * The most levels per side the books of {@link #subscribeMarketData} hold: what the venue's
     * public book streams publish, or the adapter's configured {@code bookDepth} where the venue
     * publishes more. Constant for the adapter's life; at least one.
     */
    int maxBookDepth();

    /**
     * Starts keeping {@code symbol}'s order book from the venue's public streams, following the
     * venue's own synchronisation rules (snapshot plus sequenced updates, resynchronised on any
     * gap), and streams it with the instrument's public trades to {@code listener}: a
     * {@link BookSnapshot} (first with {@code resynced} true) after every venue book message that
     * changed the top {@link #maxBookDepth()} levels, a {@link MarketTrade} per public trade, a
     * {@link BookInterrupted} when the book stops being current (followed by a resynced snapshot once
     * it is rebuilt). Streams that drop are reconnected with backoff for as long as the
     * subscription is open; a failure is never thrown, it shows as an interruption.
     *
     * <p>The gateway holds at most one subscription per symbol and fans it out to its own
     * subscribers; an adapter may carry several symbols on one venue connection.
     *
     * <p>Threading: may be called from any thread, returns at once (no I/O on the caller's thread).
     * Call after {@link #connect} completed.
     *
     * @throws IllegalArgumentException when the adapter does not list {@code symbol} (the caller
     *         checks {@link #instruments()} first)
     */
    MarketDataSubscription subscribeMarketData(String symbol, MarketDataListener listener);

    /** Registers the one listener that receives every order event of every account. Call before connect. */
    void subscribe(OrderEventListener listener);

    /** Disconnects and releases threads and sockets; idempotent; never throws. */
    @Override
    void close();
}
