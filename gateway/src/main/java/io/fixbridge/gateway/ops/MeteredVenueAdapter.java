package io.fixbridge.gateway.ops;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.OcoRequest;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderEventListener;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueCapabilities;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;

/**
 * A {@link VenueAdapter} that counts the failures of every call by outcome and venue error code
 * ({@code fixbridge_venue_errors_total}) and marks the venue connected when its connect succeeds.
 * Otherwise exactly the adapter it wraps: same futures, same threading and error contract.
 */
public final class MeteredVenueAdapter implements VenueAdapter {
    private final VenueAdapter adapter;
    private final VenueMetrics metrics;

    public MeteredVenueAdapter(VenueAdapter adapter, VenueMetrics metrics) {
        this.adapter = adapter;
        this.metrics = metrics;
    }

    private <T> CompletableFuture<T> counted(CompletableFuture<T> call) {
        call.whenComplete((value, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                metrics.error(cause instanceof VenueException v ? v.error()
                        : VenueError.outcomeUnknown(null, cause.getClass().getSimpleName()));
            }
        });
        return call;
    }

    @Override
    public String name() {
        return adapter.name();
    }

    @Override
    public VenueCapabilities capabilities() {
        return adapter.capabilities();
    }

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> connect = counted(adapter.connect());
        connect.thenRun(metrics::connected);
        return connect;
    }

    @Override
    public List<Instrument> instruments() {
        return adapter.instruments();
    }

    @Override
    public CompletableFuture<OrderEvent.Accepted> submit(OrderRequest order) {
        return counted(adapter.submit(order));
    }

    @Override
    public CompletableFuture<List<OrderEvent.Accepted>> submitOco(OcoRequest oco) {
        return counted(adapter.submitOco(oco));
    }

    @Override
    public CompletableFuture<OrderEvent.Canceled> cancel(CancelRequest cancel) {
        return counted(adapter.cancel(cancel));
    }

    @Override
    public CompletableFuture<OrderEvent.Replaced> replace(ReplaceRequest replace) {
        return counted(adapter.replace(replace));
    }

    @Override
    public CompletableFuture<Optional<OrderSnapshot>> queryOrder(String account, String symbol, String clientOrderId) {
        return counted(adapter.queryOrder(account, symbol, clientOrderId));
    }

    @Override
    public CompletableFuture<List<OrderSnapshot>> openOrders(String account) {
        return counted(adapter.openOrders(account));
    }

    @Override
    public CompletableFuture<List<Balance>> balances(String account) {
        return counted(adapter.balances(account));
    }

    @Override
    public CompletableFuture<List<Position>> positions(String account) {
        return counted(adapter.positions(account));
    }

    @Override
    public java.util.Optional<io.fixbridge.venue.ReferencePrice> referencePrice(String symbol) {
        return adapter.referencePrice(symbol);
    }

    @Override
    public int maxBookDepth() {
        return adapter.maxBookDepth();
    }

    /** Market data is not a venue call the request metrics time; it has its own ({@link MarketDataMetrics}). */
    @Override
    public io.fixbridge.venue.MarketDataSubscription subscribeMarketData(String symbol, io.fixbridge.venue.MarketDataListener listener) {
        return adapter.subscribeMarketData(symbol, listener);
    }

    @Override
    public void subscribe(OrderEventListener listener) {
        adapter.subscribe(listener);
    }

    @Override
    public void close() {
        adapter.close();
    }
}
