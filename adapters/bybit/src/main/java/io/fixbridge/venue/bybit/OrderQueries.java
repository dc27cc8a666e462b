package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.bybit.dto.BybitOrder;
import io.fixbridge.venue.bybit.dto.Execution;
import io.fixbridge.venue.kit.http.QueryString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks Bybit where one order stands, by its orderLinkId: {@code GET /v5/order/realtime} (open
 * orders, and recently closed ones: Bybit keeps the latest 500 closed orders per category there, but
 * not across a release or restart of its service), then, when realtime does not have it,
 * {@code GET /v5/order/history} (closed orders of the last two years); and the order's executions,
 * {@code GET /v5/execution/list} by orderId, page by page ({@code nextPageCursor}) until all have
 * come. An order neither has is empty. Used to answer queries, to settle a duplicate orderLinkId and
 * to fill stream gaps. Thread-safe.
 */
final class OrderQueries {

    /**
     * One order's state.
     *
     * @param order      the order
     * @param executions its executions, as Bybit listed them
     */
    record State(BybitOrder order, List<Execution> executions) {
        State {
            Objects.requireNonNull(order, "order");
            executions = List.copyOf(executions);
        }
    }

    /** Executions asked for per page: Bybit's maximum. */
    static final int EXECUTIONS_PAGE = 100;
    /** A bound on pages, against an answer whose cursor never ends. */
    static final int MAX_PAGES = 1000;

    private final BybitRest rest;

    OrderQueries(BybitRest rest) {
        this.rest = rest;
    }

    /** Where {@code clientOrderId} stands on {@code instrument}'s category; empty when Bybit has no such order. */
    CompletableFuture<Optional<State>> fetch(BybitRest.Signing signing, BybitInstrument instrument,
                                             String clientOrderId) {
        return order(signing, instrument, clientOrderId).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<State>empty());
            }
            BybitOrder o = found.get();
            BigDecimal filled = BybitTranslator.dec(o.cumExecQty());
            if (filled == null || filled.signum() == 0) {
                return CompletableFuture.completedFuture(Optional.of(new State(o, List.of())));
            }
            return executions(signing, instrument, o.orderId()).thenApply(e -> Optional.of(new State(o, e)));
        });
    }

    /** The order by orderLinkId: realtime, else history. */
    CompletableFuture<Optional<BybitOrder>> order(BybitRest.Signing signing, BybitInstrument instrument,
                                                  String clientOrderId) {
        return one(BybitEndpoint.ORDER_REALTIME, signing, instrument, clientOrderId).thenCompose(found ->
                found.isPresent() ? CompletableFuture.completedFuture(found)
                        : one(BybitEndpoint.ORDER_HISTORY, signing, instrument, clientOrderId));
    }

    private CompletableFuture<Optional<BybitOrder>> one(BybitEndpoint endpoint, BybitRest.Signing signing,
                                                        BybitInstrument instrument, String clientOrderId) {
        QueryString q = QueryString.builder().add("category", instrument.category().wireName())
                .add("symbol", instrument.venueSymbol()).add("orderLinkId", clientOrderId).build();
        return rest.get(endpoint, signing, instrument.category(), q).thenApply(result ->
                BybitJson.list(result, BybitOrder.class).stream()
                        .filter(o -> clientOrderId.equals(o.orderLinkId())).findFirst());
    }

    /** Every execution of order {@code orderId}, page by page. */
    CompletableFuture<List<Execution>> executions(BybitRest.Signing signing, BybitInstrument instrument,
                                                  String orderId) {
        return pages(cursor -> {
            QueryString.Builder q = QueryString.builder().add("category", instrument.category().wireName())
                    .add("symbol", instrument.venueSymbol()).add("orderId", orderId).add("limit", EXECUTIONS_PAGE);
            if (!cursor.isEmpty()) {
                q.add("cursor", cursor);
            }
            return rest.get(BybitEndpoint.EXECUTIONS, signing, instrument.category(), q.build());
        }).thenApply(pages -> {
            List<Execution> out = new ArrayList<>();
            for (JsonNode page : pages) {
                for (Execution e : BybitJson.list(page, Execution.class)) {
                    if (orderId.equals(e.orderId())) {
                        out.add(e);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * Every page of a cursor-paged list: {@code page} is asked with an empty cursor first, then with
     * each {@code nextPageCursor} until Bybit sends none (or the same one again); more than
     * {@link #MAX_PAGES} pages fail OUTCOME_UNKNOWN (the list is not known in full).
     */
    static CompletableFuture<List<JsonNode>> pages(java.util.function.Function<String, CompletableFuture<JsonNode>> page) {
        return pagesFrom(page, "", new ArrayList<>(), 1);
    }

    private static CompletableFuture<List<JsonNode>> pagesFrom(
            java.util.function.Function<String, CompletableFuture<JsonNode>> page, String cursor, List<JsonNode> so,
            int n) {
        return page.apply(cursor).thenCompose(result -> {
            so.add(result);
            String next = BybitJson.cursor(result);
            if (next.isEmpty() || next.equals(cursor)) {
                return CompletableFuture.completedFuture(List.copyOf(so));
            }
            if (n >= MAX_PAGES) {
                return CompletableFuture.failedFuture(new VenueException(VenueError.outcomeUnknown(null,
                        "a Bybit list did not end after " + n + " pages")));
            }
            return pagesFrom(page, next, so, n + 1);
        });
    }
}
