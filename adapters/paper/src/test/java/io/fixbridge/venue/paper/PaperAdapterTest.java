package io.fixbridge.venue.paper;

import io.fixbridge.testkit.contract.RecordingListener;
import io.fixbridge.venue.Balance;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Liquidity;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.Position;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the paper adapter promises beyond the contract suite: ordering, threading, life cycle. */
class PaperAdapterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final RecordingListener events = new RecordingListener();
    private PaperAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private PaperAdapter connected(PaperConfig config) {
        adapter = new PaperAdapter("test", config, Clock.fixed(NOW, ZoneOffset.UTC));
        adapter.subscribe(events);
        get(adapter.connect());
        return adapter;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static OrderRequest.Builder buy(String symbol, String quantity, String price) {
        return OrderRequest.builder().account("main").clientOrderId(id()).symbol(symbol).side(Side.BUY)
                .type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(new BigDecimal(quantity))
                .price(new BigDecimal(price));
    }

    private static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete normally", e);
        }
    }

    private static VenueError failure(CompletableFuture<?> future) {
        Throwable thrown = null;
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            thrown = e.getCause();
        } catch (Exception e) {
            throw new AssertionError("future did not fail in time", e);
        }
        assertThat(thrown).isInstanceOf(VenueException.class);
        return ((VenueException) thrown).error();
    }

    @Test
    void marketableIocStreamsAcceptedFillsExpiredBeforeTheFutureCompletes() {
        connected(TestConfigs.still(2));
        OrderRequest ioc = buy("BTC/USDT", "1.5", "61000").timeInForce(TimeInForce.IOC).build();

        CompletableFuture<OrderEvent.Accepted> future = adapter.submit(ioc);
        List<OrderEvent> seenAtCompletion = get(future.thenApply(a -> List.copyOf(events.about(ioc.clientOrderId()))));
        OrderEvent.Accepted accepted = get(future);

        assertThat(seenAtCompletion).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Accepted", "Fill", "Fill", "Expired");
        assertThat(seenAtCompletion.get(0)).isSameAs(accepted);
        List<OrderEvent.Fill> fills = events.fills(ioc.clientOrderId());
        assertThat(fills).extracting(OrderEvent.Fill::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("60000.01"), new BigDecimal("60000.02"));
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.quantity()).isEqualByComparingTo("0.5");
            assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(f.commissionAsset()).isEqualTo("USDT");
            assertThat(f.commission()).isEqualByComparingTo(f.quantity().multiply(f.price())
                    .multiply(PaperConfig.DEFAULT_TAKER_FEE));
            assertThat(f.timestamp()).isEqualTo(NOW);
        });
        OrderSnapshot snapshot = get(adapter.queryOrder("main", "BTC/USDT", ioc.clientOrderId())).orElseThrow();
        assertThat(snapshot.status()).isEqualTo(OrderSnapshot.Status.EXPIRED);
        assertThat(snapshot.filledQuantity()).isEqualByComparingTo("1");
        assertThat(snapshot.fills()).containsExactlyElementsOf(fills);
    }

    @Test
    void submitFutureCompletesWithTheStreamedAcceptedInstance() {
        connected(TestConfigs.still(2));
        OrderRequest order = buy("BTC/USDT", "0.01", "50000").build();

        OrderEvent.Accepted accepted = get(adapter.submit(order));

        assertThat(events.of(OrderEvent.Accepted.class, order.clientOrderId())).singleElement().isSameAs(accepted);
        assertThat(accepted.timestamp()).isEqualTo(NOW);
        assertThat(accepted.account()).isEqualTo("main");
    }

    @Test
    void rejectedSubmitFailsOnlyTheFutureAndIsNeverStreamed() {
        connected(TestConfigs.still(2));
        OrderRequest offLot = buy("BTC/USDT", "0.000015", "50000").build();

        VenueError error = failure(adapter.submit(offLot));

        assertThat(error.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(error.reason()).isEqualTo(RejectReason.INCORRECT_QUANTITY);
        assertThat(error.message()).contains("0.000015", "lot size 0.00001");
        assertThat(events.about(offLot.clientOrderId())).isEmpty();
        assertThat(get(adapter.queryOrder("main", "BTC/USDT", offLot.clientOrderId()))).isEmpty();
    }

    @Test
    void cancelAndReplaceFuturesCompleteWithTheStreamedInstances() {
        connected(TestConfigs.still(2));
        OrderRequest order = buy("BTC/USDT", "0.01", "50000").build();
        OrderEvent.Accepted accepted = get(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId(id()).price(new BigDecimal("50001.5"))
                .quantity(new BigDecimal("0.02")).build();

        OrderEvent.Replaced replaced = get(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));
        OrderEvent.Canceled canceled = get(adapter.cancel(new CancelRequest("main", "BTC/USDT",
                replacement.clientOrderId(), null)));

        assertThat(replaced.venueOrderId()).isEqualTo(accepted.venueOrderId());
        assertThat(replaced.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(replaced.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(replaced.quantity()).isEqualByComparingTo("0.02");
        assertThat(canceled.clientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(canceled.reason()).isNull();
        assertThat(events.all()).containsSubsequence(accepted, replaced, canceled);
        assertThat(events.all().stream().filter(e -> e == replaced || e == canceled)).hasSize(2);
    }

    @Test
    void amendThatCrossesStreamsReplacedThenTheFillUnderTheNewId() {
        connected(TestConfigs.still(2));
        OrderRequest order = buy("BTC/USDT", "0.01", "50000").build();
        OrderEvent.Accepted accepted = get(adapter.submit(order));
        OrderRequest replacement = order.toBuilder().clientOrderId(id()).price(new BigDecimal("60001")).build();

        List<OrderEvent> seen = get(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)).thenApply(r -> events.about(replacement.clientOrderId())));

        assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly("Replaced", "Fill");
        OrderEvent.Fill fill = (OrderEvent.Fill) seen.get(1);
        assertThat(fill.venueOrderId()).isEqualTo(accepted.venueOrderId());
        assertThat(fill.price()).isEqualByComparingTo("60000.01");
    }

    @Test
    void refusedCancelAndReplaceFailTheFutureOnly() {
        connected(TestConfigs.still(2));
        OrderRequest order = buy("BTC/USDT", "0.01", "61000").build();
        get(adapter.submit(order));

        VenueError cancel = failure(adapter.cancel(new CancelRequest("main", "BTC/USDT", order.clientOrderId(), null)));
        VenueError replace = failure(adapter.replace(new ReplaceRequest(order, null, new BigDecimal("0.01"),
                order.toBuilder().clientOrderId(id()).quantity(new BigDecimal("0.02")).build())));

        assertThat(cancel.reason()).isEqualTo(RejectReason.TOO_LATE);
        assertThat(replace.reason()).isEqualTo(RejectReason.TOO_LATE);
        assertThat(events.about(order.clientOrderId())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Accepted", "Fill");
    }

    @Test
    void perpetualFillOpensAPositionAndChargesTheSettleAsset() {
        connected(TestConfigs.still(2));
        OrderRequest order = buy("BTC/USDT:USDT", "0.01", "60100").build();

        get(adapter.submit(order));

        List<Position> positions = get(adapter.positions("main"));
        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("BTC/USDT:USDT");
            assertThat(p.quantity()).isEqualByComparingTo("0.01");
            assertThat(p.entryPrice()).isEqualByComparingTo("60000.1");
        });
        BigDecimal fee = new BigDecimal("600.001").multiply(PaperConfig.DEFAULT_TAKER_FEE);
        Balance usdt = get(adapter.balances("main")).stream().filter(b -> b.asset().equals("USDT")).findFirst()
                .orElseThrow();
        assertThat(usdt.total()).isEqualByComparingTo(new BigDecimal("1000000").subtract(fee));
        assertThat(usdt.available()).isEqualByComparingTo(usdt.total().subtract(new BigDecimal("60.0001")));
    }

    @Test
    void haltedInstrumentRefusesOrdersAsVenueClosed() {
        connected(PaperConfig.from(TestConfigs.settings(Map.of(
                "market", Map.of("walkIntervalMs", 0),
                "instruments", List.of(Map.of("symbol", "BTC/USDT", "tick", "0.01", "lot", "0.00001",
                        "mid", "60000", "status", "halted"))))));

        VenueError error = failure(adapter.submit(buy("BTC/USDT", "0.01", "50000").build()));

        assertThat(error.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(adapter.instruments()).singleElement().satisfies(i -> assertThat(i.isTrading()).isFalse());
    }

    @Test
    void unknownAccountIsRefused() {
        connected(TestConfigs.still(2));

        VenueError error = failure(adapter.balances("nobody"));

        assertThat(error.reason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        assertThat(error.message()).contains("nobody", "main");
        assertThat(failure(adapter.openOrders("nobody")).reason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
    }

    @Test
    void callsBeforeConnectAreRetryableAndInstrumentsAreEmpty() {
        adapter = new PaperAdapter("test", TestConfigs.still(2));

        VenueError error = failure(adapter.submit(buy("BTC/USDT", "0.01", "50000").build()));

        assertThat(error.outcome()).isEqualTo(VenueError.Outcome.RETRYABLE);
        assertThat(adapter.instruments()).isEmpty();
    }

    @Test
    void callsAfterCloseFailAsVenueClosedAndCloseIsIdempotent() {
        connected(TestConfigs.still(2));

        adapter.close();
        adapter.close();

        VenueError error = failure(adapter.submit(buy("BTC/USDT", "0.01", "50000").build()));
        assertThat(error.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(error.reason()).isEqualTo(RejectReason.VENUE_CLOSED);
        assertThat(failure(adapter.connect()).reason()).isEqualTo(RejectReason.VENUE_CLOSED);
    }

    @Test
    void subscribeTwiceIsAProgrammingError() {
        adapter = new PaperAdapter("test", TestConfigs.still(2));
        adapter.subscribe(events);

        assertThatThrownBy(() -> adapter.subscribe(events)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventsAndFuturesCompleteOnTheAdaptersOwnDaemonThread() throws InterruptedException {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        adapter = new PaperAdapter("alpha", TestConfigs.still(2));
        adapter.subscribe(e -> {
            threads.add(Thread.currentThread());
            try {
                release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        get(adapter.connect());

        CompletableFuture<OrderEvent.Accepted> first = adapter.submit(buy("BTC/USDT", "0.01", "50000").build());
        // the engine thread is held in the listener by the first order, so the second cannot complete yet
        CompletableFuture<Thread> second = adapter.submit(buy("BTC/USDT", "0.01", "50000").build())
                .thenApply(a -> Thread.currentThread());
        release.countDown();

        Thread completedOn = get(second);
        get(first);
        assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t).isSameAs(completedOn));
        assertThat(completedOn.getName()).isEqualTo("paper-alpha");
        assertThat(completedOn.isDaemon()).isTrue();
    }

    @Test
    void theRandomWalkEventuallyFillsARestingOrder() {
        // Seed 7 with one-tick steps keeps the best ask at or above 59999.97 for its first 19 steps
        // (1.9 s at 100 ms) and brings it to 59999.95 at step 28 (2.8 s): the order rests when it
        // arrives, however slow the machine is to submit it, and the walk then crosses it.
        connected(PaperConfig.from(TestConfigs.settings(Map.of(
                "market", Map.of("walkIntervalMs", 100, "stepTicks", 1, "seed", 7)))));
        OrderRequest order = buy("BTC/USDT", "0.01", "59999.95").build();

        get(adapter.submit(order));

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(events.fills(order.clientOrderId())).isNotEmpty());
        OrderEvent.Fill fill = events.fills(order.clientOrderId()).get(0);
        assertThat(fill.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(fill.price()).isEqualByComparingTo("59999.95");
    }

    @Test
    void referencePriceIsTheBooksMidAsOfNowThenTheLastPriceWhenASideEmpties() {
        adapter = new PaperAdapter("test", TestConfigs.still(2), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(adapter.referencePrice("BTC/USDT")).as("before connect").isEmpty();
        adapter.subscribe(events);
        get(adapter.connect());

        ReferencePrice still = adapter.referencePrice("BTC/USDT").orElseThrow();
        assertThat(still.price()).isEqualByComparingTo("60000");
        assertThat(still.kind()).isEqualTo(ReferencePrice.Kind.MID);
        assertThat(still.asOf()).isEqualTo(NOW);
        assertThat(still.symbol()).isEqualTo("BTC/USDT");
        assertThat(adapter.referencePrice("BTC/USDT:USDT")).isPresent();
        assertThat(adapter.referencePrice("NOSUCH/COIN")).isEmpty();

        // a bid inside the spread: best bid 60000.00, best ask 60000.01
        get(adapter.submit(buy("BTC/USDT", "0.01", "60000.00").build()));
        assertThat(adapter.referencePrice("BTC/USDT").orElseThrow().price()).isEqualByComparingTo("60000.005");

        // lifting both ask levels (0.5 each) empties the ask: the last trade, 60000.02, is what is left
        get(adapter.submit(buy("BTC/USDT", "1", "61000").timeInForce(TimeInForce.IOC).build()));
        ReferencePrice oneSided = adapter.referencePrice("BTC/USDT").orElseThrow();
        assertThat(oneSided.kind()).isEqualTo(ReferencePrice.Kind.LAST);
        assertThat(oneSided.price()).isEqualByComparingTo("60000.02");
    }

    @Test
    void referencePriceFollowsTheRandomWalk() {
        adapter = new PaperAdapter("test", PaperConfig.from(TestConfigs.settings(Map.of(
                "market", Map.of("walkIntervalMs", 10, "stepTicks", 50, "seed", 3)))));
        adapter.subscribe(events);
        Instant connected = Instant.now();
        get(adapter.connect());

        await().atMost(TIMEOUT).untilAsserted(() -> {
            ReferencePrice moved = adapter.referencePrice("BTC/USDT").orElseThrow();
            assertThat(moved.price()).isNotEqualByComparingTo("60000");
            assertThat(moved.kind()).isEqualTo(ReferencePrice.Kind.MID);
            assertThat(moved.asOf()).isAfterOrEqualTo(connected);
        });
    }

    @Test
    void theFactoryIsFoundByServiceLoaderAndValidatesSettings() {
        VenueAdapterFactory factory = ServiceLoader.load(VenueAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("paper")).findFirst().orElseThrow();

        try (VenueAdapter created = factory.create(TestConfigs.settings(Map.of()))) {
            assertThat(created).isInstanceOf(PaperAdapter.class);
            assertThat(created.name()).isEqualTo("paper");
            assertThat(created.capabilities().replaceMode()).isEqualTo(io.fixbridge.venue.ReplaceMode.NATIVE_AMEND);
        }
        assertThatThrownBy(() -> factory.create(TestConfigs.settings(Map.of("leverage", "ten"))))
                .isInstanceOf(VenueConfigException.class).hasMessageStartingWith("venues[paper].leverage:");
    }
}
