package io.fixbridge.venue.paper;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderEventListener;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.paper.engine.EngineListener;
import io.fixbridge.venue.paper.engine.Execution;
import io.fixbridge.venue.paper.engine.OrderView;
import io.fixbridge.venue.paper.engine.PublicTrade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns engine events into {@link OrderEvent}s, hands each to the subscribed listener at once,
 * and remembers what it emitted since the last {@link #drain} so a request can complete its
 * future with the very event the stream received.
 *
 * <p>Submit rejects are not streamed: they reach the caller only through the submit future.
 *
 * <p><b>Threading:</b> called only on the adapter's engine thread, except {@link #target},
 * which may be set from any thread.
 */
final class EventBridge implements EngineListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventBridge.class);

    private final String venue;
    private final List<OrderEvent> emitted = new ArrayList<>();
    private volatile OrderEventListener target;
    private final Consumer<PublicTrade> trades;

    /** @param trades receives every trade of the engine, on the engine thread (the public tape) */
    EventBridge(String venue, Consumer<PublicTrade> trades) {
        this.venue = venue;
        this.trades = trades;
    }

    void target(OrderEventListener listener) {
        this.target = listener;
    }

    /** The events emitted since the last {@link #drain}, oldest first. */
    List<OrderEvent> recent() {
        return List.copyOf(emitted);
    }

    /** The events emitted since the last call, oldest first; forgets them. */
    List<OrderEvent> drain() {
        List<OrderEvent> out = List.copyOf(emitted);
        emitted.clear();
        return out;
    }

    @Override
    public void onAccepted(OrderView o) {
        emit(new OrderEvent.Accepted(o.account(), o.clientOrderId(), o.venueOrderId(), o.acceptedAt()));
    }

    @Override
    public void onFill(OrderView o, Execution e) {
        emit(fill(o, e));
    }

    @Override
    public void onCanceled(OrderView o, String reason) {
        emit(new OrderEvent.Canceled(o.account(), o.clientOrderId(), o.venueOrderId(), reason, o.updatedAt()));
    }

    @Override
    public void onReplaced(OrderView o, String previousClientOrderId) {
        emit(new OrderEvent.Replaced(o.account(), previousClientOrderId, o.clientOrderId(), o.venueOrderId(),
                o.quantity(), o.price(), o.stopPrice(), o.updatedAt()));
    }

    @Override
    public void onExpired(OrderView o) {
        emit(new OrderEvent.Expired(o.account(), o.clientOrderId(), o.venueOrderId(), o.updatedAt()));
    }

    @Override
    public void onTrade(PublicTrade trade) {
        trades.accept(trade);
    }

    @Override
    public void onRejected(OrderRequest request, RejectReason reason, String text) {
        LOG.debug("paper venue {}: order {} of account {} rejected ({}): {}", venue, request.clientOrderId(),
                request.account(), reason, text);
    }

    private void emit(OrderEvent event) {
        emitted.add(event);
        OrderEventListener listener = target;
        if (listener == null) {
            LOG.debug("paper venue {}: no listener subscribed; dropped {}", venue, event);
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("paper venue {}: the order event listener threw on {}", venue, event, e);
        }
    }

    static OrderEvent.Fill fill(OrderView o, Execution e) {
        return new OrderEvent.Fill(o.account(), e.clientOrderId(), o.venueOrderId(), e.tradeId(), e.quantity(),
                e.price(), e.commission(), e.commissionAsset(), e.liquidity(), e.timestamp());
    }

    static OrderSnapshot snapshot(OrderView o) {
        List<OrderEvent.Fill> fills = o.executions().stream().map(e -> fill(o, e)).toList();
        return new OrderSnapshot(o.account(), o.clientOrderId(), o.venueOrderId(), o.symbol(), o.side(), o.status(),
                o.quantity(), o.filledQuantity(), o.price(), fills);
    }
}
