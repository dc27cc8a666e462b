package io.fixbridge.venue.hyperliquid;

import io.fixbridge.sims.hyperliquid.TruthOrder;
import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueSettings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A connected adapter against a running simulator, with a recording listener, for socket-level tests. */
final class Harness implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final SimSupport sim;
    final HyperliquidAdapter adapter;
    final RecordingListener events = new RecordingListener();

    Harness(SimSupport sim, VenueSettings settings) {
        this(sim, settings, io.fixbridge.venue.VenueTelemetry.NONE);
    }

    Harness(SimSupport sim, VenueSettings settings, io.fixbridge.venue.VenueTelemetry telemetry) {
        this.sim = sim;
        this.adapter = new HyperliquidAdapter("hl-sim", HyperliquidConfig.from(settings), java.time.Clock.systemUTC(),
                telemetry);
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

    BigDecimal filled(String clientOrderId) {
        return events.fills(clientOrderId).stream().map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    List<String> kinds(String clientOrderId) {
        return events.about(clientOrderId).stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    Optional<TruthOrder> truth(String clientOrderId) {
        return sim.sim.truth().orderByCloid(SimSupport.ALICE, Cloids.of(clientOrderId));
    }

    @Override
    public void close() {
        adapter.close();
        sim.close();
    }
}
