package io.fixbridge.venue.binance;

import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.binance.dto.AccountTrade;
import io.fixbridge.venue.binance.dto.AlgoOrder;
import io.fixbridge.venue.binance.dto.RestOrder;
import io.fixbridge.venue.kit.VenueCalls;
import io.fixbridge.venue.kit.http.QueryString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks Binance where one order stands, by its client order id: the order and its trades (spot
 * {@code GET /api/v3/order} + {@code /api/v3/myTrades}; futures {@code GET /fapi/v1/order} +
 * {@code /fapi/v1/userTrades}), and for a futures conditional order {@code GET /fapi/v1/algoOrder}
 * plus, once triggered, the order it placed and that order's trades. An order Binance does not know
 * (-2013 and the like) is empty. Trades are read in pages by {@code fromId} until all have come.
 * Used to answer queries and to fill stream gaps. Thread-safe.
 */
final class OrderQueries {

    /**
     * One order's state.
     *
     * @param order  the regular order, or null for a conditional order
     * @param algo   the conditional order, or null
     * @param child  the order a triggered conditional order placed, or null
     * @param trades the trades of {@code order} (or {@code child})
     */
    record State(RestOrder order, AlgoOrder algo, RestOrder child, List<AccountTrade> trades) {
        State {
            trades = List.copyOf(trades);
        }
    }

    /** Trades asked for per myTrades / userTrades page: Binance's maximum. */
    static final int TRADES_PAGE = 1000;
    /** A bound on the pages of one order's trades (a million fills), against an answer that never ends. */
    static final int MAX_TRADE_PAGES = 1000;

    private final Map<BinanceMarket, BinanceRest> rest;

    OrderQueries(Map<BinanceMarket, BinanceRest> rest) {
        this.rest = Map.copyOf(rest);
    }

    /**
     * The state of {@code clientOrderId} on {@code instrument}'s market; empty when Binance has no such
     * order.
     *
     * @param algoFirst for futures: ask the algo service first (the adapter knows it placed a
     *                  conditional order); otherwise it is asked only when the order book has no
     *                  such order
     */
    CompletableFuture<Optional<State>> fetch(BinanceRest.Signing signing, BinanceInstrument instrument,
                                             String clientOrderId, boolean algoFirst) {
        if (instrument.market() == BinanceMarket.SPOT) {
            return regular(signing, instrument, clientOrderId);
        }
        if (algoFirst) {
            return algo(signing, instrument, clientOrderId).thenCompose(found -> found.isPresent()
                    ? CompletableFuture.completedFuture(found) : regular(signing, instrument, clientOrderId));
        }
        return regular(signing, instrument, clientOrderId).thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found) : algo(signing, instrument, clientOrderId));
    }

    private CompletableFuture<Optional<State>> regular(BinanceRest.Signing signing, BinanceInstrument instrument,
                                                       String clientOrderId) {
        BinanceMarket m = instrument.market();
        BinanceEndpoint query = m == BinanceMarket.SPOT ? BinanceEndpoint.SPOT_QUERY_ORDER
                : BinanceEndpoint.FUTURES_QUERY_ORDER;
        QueryString q = QueryString.builder().add("symbol", instrument.venueSymbol())
                .add("origClientOrderId", clientOrderId).build();
        return unknownIsEmpty(rest.get(m).send(query, signing, q, true, RestOrder.class))
                .thenCompose(order -> order.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                        : trades(signing, instrument, order.get())
                        .thenApply(trades -> Optional.of(new State(order.get(), null, null, trades))));
    }

    private CompletableFuture<Optional<State>> algo(BinanceRest.Signing signing, BinanceInstrument instrument,
                                                    String clientOrderId) {
        BinanceRest futures = rest.get(BinanceMarket.FUTURES);
        QueryString q = QueryString.builder().add("clientAlgoId", BinanceTranslator.clientAlgoId(clientOrderId))
                .build();
        return unknownIsEmpty(futures.send(BinanceEndpoint.FUTURES_QUERY_ALGO_ORDER, signing, q, true,
                AlgoOrder.class)).thenCompose(found -> {
                    if (found.isEmpty() || found.get().algoId() == null) {
                        return CompletableFuture.completedFuture(Optional.<State>empty());
                    }
                    AlgoOrder a = found.get();
                    String actual = a.actualOrderId();
                    if (actual == null || actual.isBlank() || actual.equals("0")) {
                        return CompletableFuture.completedFuture(Optional.of(new State(null, a, null, List.of())));
                    }
                    QueryString cq = QueryString.builder().add("symbol", instrument.venueSymbol())
                            .add("orderId", actual).build();
                    return unknownIsEmpty(futures.send(BinanceEndpoint.FUTURES_QUERY_ORDER, signing, cq, true,
                            RestOrder.class)).thenCompose(child -> child.isEmpty()
                            ? CompletableFuture.completedFuture(Optional.of(new State(null, a, null, List.of())))
                            : trades(signing, instrument, child.get())
                            .thenApply(t -> Optional.of(new State(null, a, child.get(), t))));
                });
    }

    /**
     * Every trade of {@code order}, in pages of {@link #TRADES_PAGE}: {@code symbol + orderId +
     * fromId}, from trade id 0, each next page from the last id + 1, until a page comes back short.
     */
    private CompletableFuture<List<AccountTrade>> trades(BinanceRest.Signing signing, BinanceInstrument instrument,
                                                         RestOrder order) {
        if (order.executedQty() == null || order.executedQty().signum() == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        return tradesFrom(signing, instrument, order, 0L, new ArrayList<>(), 1);
    }

    private CompletableFuture<List<AccountTrade>> tradesFrom(BinanceRest.Signing signing, BinanceInstrument instrument,
                                                             RestOrder order, long fromId, List<AccountTrade> so,
                                                             int page) {
        BinanceMarket m = instrument.market();
        BinanceEndpoint ep = m == BinanceMarket.SPOT ? BinanceEndpoint.SPOT_MY_TRADES
                : BinanceEndpoint.FUTURES_USER_TRADES;
        QueryString q = QueryString.builder().add("symbol", instrument.venueSymbol())
                .add("orderId", order.orderId()).add("fromId", fromId).add("limit", TRADES_PAGE).build();
        return rest.get(m).send(ep, signing, q, true, AccountTrade[].class).thenCompose(batch -> {
            long next = fromId;
            for (AccountTrade t : batch) {
                if (Objects.equals(t.orderId(), order.orderId())) {
                    so.add(t);
                }
                if (t.id() != null && t.id() >= next) {
                    next = t.id() + 1;
                }
            }
            if (batch.length < TRADES_PAGE) {
                return CompletableFuture.completedFuture(List.copyOf(so));
            }
            if (next <= fromId || page >= MAX_TRADE_PAGES) {
                return CompletableFuture.failedFuture(new VenueException(VenueError.outcomeUnknown(null,
                        "Binance's trades of order " + order.orderId() + " did not end after " + page + " pages of "
                                + TRADES_PAGE + "; its fills are not known in full")));
            }
            return tradesFrom(signing, instrument, order, next, so, page + 1);
        });
    }

    /** The answer, or empty when Binance definitively does not know the order. */
    static <T> CompletableFuture<Optional<T>> unknownIsEmpty(CompletableFuture<T> call) {
        return call.handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(Optional.ofNullable(value));
            }
            Throwable t = VenueCalls.unwrap(failure);
            if (t instanceof VenueException v && isUnknownOrder(v.error())) {
                return CompletableFuture.completedFuture(Optional.<T>empty());
            }
            return CompletableFuture.<Optional<T>>failedFuture(t);
        }).thenCompose(f -> f);
    }

    static boolean isUnknownOrder(VenueError e) {
        return e.outcome() == VenueError.Outcome.REJECTED && e.reason() == RejectReason.UNKNOWN_ORDER;
    }
}
