package io.fixbridge.venue.binance;

import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A connected adapter against a running simulator, with a recording listener, for socket-level tests. */
final class AdapterHarness implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final SimSupport sim;
    final BinanceAdapter adapter;
    final RecordingListener events = new RecordingListener();

    AdapterHarness(SimSupport sim, Map<String, Object> settings) {
        this(sim, settings, Clock.systemUTC());
    }

    AdapterHarness(SimSupport sim, Map<String, Object> settings, Clock clock) {
        this(sim, settings, clock, io.fixbridge.venue.VenueTelemetry.NONE);
    }

    AdapterHarness(SimSupport sim, Map<String, Object> settings, Clock clock, io.fixbridge.venue.VenueTelemetry telemetry) {
        this.sim = sim;
        this.adapter = new BinanceAdapter("binance-sim", BinanceConfig.from(sim.settings(settings)), clock, telemetry);
        adapter.subscribe(events);
        answer(adapter.connect());
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static OrderRequest.Builder order(String symbol, Side side, OrderType type, String quantity) {
        return OrderRequest.builder().account(SimSupport.ACCOUNT).clientOrderId(newId()).symbol(symbol).side(side)
                .type(type).timeInForce(TimeInForce.GTC).quantity(new BigDecimal(quantity));
    }

    static OrderRequest.Builder limit(String symbol, Side side, String quantity, String price) {
        return order(symbol, side, OrderType.LIMIT, quantity).price(new BigDecimal(price));
    }

    static <T> T answer(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the adapter's future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the adapter did not answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static VenueError failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(VenueException.class);
            return ((VenueException) e.getCause()).error();
        } catch (TimeoutException e) {
            throw new AssertionError("the adapter did not answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    OrderEvent.Accepted submit(OrderRequest order) {
        return answer(adapter.submit(order));
    }

    /** The sum of the fills the listener got for {@code clientOrderId}. */
    BigDecimal filled(String clientOrderId) {
        return events.fills(clientOrderId).stream().map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    /** Every event the listener got for {@code clientOrderId}, as type names, in order. */
    List<String> kinds(String clientOrderId) {
        return events.about(clientOrderId).stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    @Override
    public void close() {
        adapter.close();
        sim.close();
    }
}
