package io.fixbridge.venue.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import io.fixbridge.venue.VenueTelemetry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The paper venue's telemetry, through its factory: an order is reported sent when it is handed to the
 * matching engine, before the engine's events about it; nothing else is reported (no HTTP, streams or
 * limits).
 */
class PaperTelemetryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Telemetry calls and order events, in the order they happened. */
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final VenueTelemetry telemetry = new VenueTelemetry() {
        @Override
        public void orderRequestSent(String clientOrderId) {
            log.add("sent:" + clientOrderId);
        }

        @Override
        public void request(String endpoint, int status, Duration latency) {
            log.add("request:" + endpoint);
        }

        @Override
        public void streamState(String stream, boolean connected) {
            log.add("stream:" + stream);
        }

        @Override
        public void rateLimitUse(String limit, long used, long capacity) {
            log.add("limit:" + limit);
        }
    };
    private VenueAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private VenueAdapter create() {
        adapter = new PaperAdapterFactory().create(TestConfigs.settings(Map.of("market",
                Map.of("walkIntervalMs", 0))), telemetry);
        adapter.subscribe(e -> log.add(e.getClass().getSimpleName() + ":" + e.clientOrderId()));
        return adapter;
    }

    private static OrderRequest.Builder buy(String price) {
        return OrderRequest.builder().account("main").clientOrderId(UUID.randomUUID().toString().replace("-", ""))
                .symbol("BTC/USDT").side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
                .quantity(new BigDecimal("0.01")).price(new BigDecimal(price));
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void submitsAndReplacesAreReportedSentBeforeTheEnginesEvents() throws Exception {
        create();
        get(adapter.connect());
        OrderRequest order = buy("50000").build();
        OrderEvent.Accepted accepted = get(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId(UUID.randomUUID().toString().replace("-", ""))
                .price(new BigDecimal("50010")).build();
        get(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(), BigDecimal.ZERO, replacement)));

        assertThat(log).containsExactly("sent:" + order.clientOrderId(), "Accepted:" + order.clientOrderId(),
                "sent:" + replacement.clientOrderId(), "Replaced:" + order.clientOrderId());
    }

    @Test
    void anOrderThatNeverReachesTheEngineIsNotReported() throws Exception {
        create();
        OrderRequest early = buy("50000").build();
        try {
            get(adapter.submit(early));
            throw new AssertionError("a submit before connect must fail");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(VenueException.class);
            assertThat(((VenueException) e.getCause()).error().outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        }
        get(adapter.connect());
        OrderRequest later = buy("50000").build();
        get(adapter.submit(later));

        assertThat(log).containsExactly("sent:" + later.clientOrderId(), "Accepted:" + later.clientOrderId());
    }
}
