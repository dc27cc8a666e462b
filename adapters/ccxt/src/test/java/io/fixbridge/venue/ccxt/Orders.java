package io.fixbridge.venue.ccxt;

import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Order builders and future helpers for the adapter tests. */
final class Orders {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Orders() {
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static OrderRequest.Builder order(String symbol, Side side, OrderType type, String qty) {
        return OrderRequest.builder().account(SimSupport.ACCOUNT).clientOrderId(newId()).symbol(symbol).side(side)
                .type(type).timeInForce(TimeInForce.GTC).quantity(new BigDecimal(qty));
    }

    static OrderRequest limit(String symbol, Side side, String qty, String price) {
        return order(symbol, side, OrderType.LIMIT, qty).price(new BigDecimal(price)).build();
    }

    static <T> T answer(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the adapter's future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static VenueError failure(CompletableFuture<?> f) {
        try {
            Object v = f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + v);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(VenueException.class);
            return ((VenueException) e.getCause()).error();
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
