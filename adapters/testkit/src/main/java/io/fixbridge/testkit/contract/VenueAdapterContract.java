package io.fixbridge.testkit.contract;

import io.fixbridge.venue.Balance;
import io.fixbridge.venue.BookSnapshot;
import io.fixbridge.venue.CancelRequest;
import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketDataEvent;
import io.fixbridge.venue.MarketDataSubscription;
import io.fixbridge.venue.MarketTrade;
import io.fixbridge.venue.OrderEvent;
import io.fixbridge.venue.OrderRequest;
import io.fixbridge.venue.OrderSnapshot;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.ReferencePrice;
import io.fixbridge.venue.RejectReason;
import io.fixbridge.venue.ReplaceMode;
import io.fixbridge.venue.ReplaceRequest;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.TimeInForce;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link VenueAdapter} must meet, venue-neutral. An adapter's test extends
 * this class, says what to trade in {@link #fixture()} and builds the adapter in
 * {@link #createAdapter()} (starting a simulator first where it needs one).
 *
 * <p>Before each test the suite subscribes a {@link RecordingListener} and connects the adapter
 * (subscribe must precede connect, so the suite does both); after each test it cancels the
 * orders it left open and closes the adapter (twice, to check that close is idempotent).
 *
 * <p>Client order ids are 32 lowercase hex characters, random per order, so runs never collide.
 * Every wait is bounded by the fixture's timeout; nothing sleeps.
 */
public abstract class VenueAdapterContract {

    /** The adapter under test; connected during each test. */
    protected VenueAdapter adapter;
    /** Every order event the adapter streamed during the test. */
    protected RecordingListener events;
    /** What to trade. */
    protected ContractFixture fx;

    private final List<String> placed = new ArrayList<>();

    /** A configured adapter, not yet subscribed or connected. */
    protected abstract VenueAdapter createAdapter() throws Exception;

    /** What the suite trades on this venue. */
    protected abstract ContractFixture fixture();

    /** Called after the adapter is closed, e.g. to stop a simulator. Does nothing by default. */
    protected void afterAdapterClosed() throws Exception {
    }

    @BeforeEach
    public final void connectAdapter() throws Exception {
        fx = fixture();
        events = new RecordingListener();
        adapter = createAdapter();
        adapter.subscribe(events);
        answer(adapter.connect());
    }

    @AfterEach
    public final void closeAdapter() throws Exception {
        try {
            cancelWhatIsLeftOpen();
        } finally {
            adapter.close();
            adapter.close();
            afterAdapterClosed();
        }
    }

    // ------------------------------------------------------------------ the contract

    @Test
    public void connectLoadsTheInstrumentWithPositiveTickAndLot() {
        Instrument instrument = instrument();

        assertThat(instrument.tickSize()).isPositive();
        assertThat(instrument.lotSize()).isPositive();
        assertThat(instrument.isOnTick(fx.restingBuyPrice())).as("resting price on tick").isTrue();
        assertThat(instrument.isOnLot(fx.quantity())).as("quantity on lot").isTrue();
    }

    @Test
    public void capabilitiesCoverWhatTheSuiteSends() {
        assertThat(adapter.capabilities().orderTypes()).contains(OrderType.LIMIT);
        assertThat(adapter.capabilities().timesInForce()).contains(TimeInForce.GTC);
        assertThat(adapter.capabilities().markets()).contains(instrument().marketType());
        assertThat(adapter.capabilities().replaceMode()).isNotNull();
    }

    @Test
    public void farLimitOrderIsAcceptedStreamedListedAndQueryable() {
        OrderRequest order = restingBuy();

        OrderEvent.Accepted accepted = answer(adapter.submit(order));

        assertThat(accepted.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(accepted.account()).isEqualTo(fx.account());
        assertThat(accepted.venueOrderId()).isNotBlank();
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(events.of(OrderEvent.Accepted.class,
                order.clientOrderId())).extracting(OrderEvent.Accepted::venueOrderId)
                .containsExactly(accepted.venueOrderId()));
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(answer(adapter.openOrders(fx.account())))
                .extracting(OrderSnapshot::clientOrderId).contains(order.clientOrderId()));
        OrderSnapshot snapshot = query(order.clientOrderId()).orElseThrow();
        assertThat(snapshot.status()).isEqualTo(OrderSnapshot.Status.NEW);
        assertThat(snapshot.venueOrderId()).isEqualTo(accepted.venueOrderId());
        assertThat(snapshot.side()).isEqualTo(Side.BUY);
        assertThat(snapshot.quantity()).isEqualByComparingTo(fx.quantity());
        assertThat(snapshot.filledQuantity()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(snapshot.price()).isEqualByComparingTo(fx.restingBuyPrice());
    }

    @Test
    public void cancelOfRestingOrderIsConfirmedStreamedAndFinal() {
        OrderRequest order = restingBuy();
        OrderEvent.Accepted accepted = answer(adapter.submit(order));

        OrderEvent.Canceled canceled = answer(adapter.cancel(new CancelRequest(fx.account(), fx.symbol(),
                order.clientOrderId(), accepted.venueOrderId())));

        assertThat(canceled.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(canceled.venueOrderId()).isEqualTo(accepted.venueOrderId());
        await().atMost(fx.timeout()).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Canceled.class, order.clientOrderId())).hasSize(1));
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(query(order.clientOrderId()))
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(OrderSnapshot.Status.CANCELED)));
        assertThat(answer(adapter.openOrders(fx.account())))
                .extracting(OrderSnapshot::clientOrderId).doesNotContain(order.clientOrderId());
    }

    @Test
    public void marketableOrderFillsCompletely() {
        OrderRequest order = limitBuy(newClientOrderId(), fx.marketableBuyPrice());

        OrderEvent.Accepted accepted = answer(adapter.submit(order));

        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(sum(events.fills(order.clientOrderId())))
                .isEqualByComparingTo(fx.quantity()));
        List<OrderEvent.Fill> fills = events.fills(order.clientOrderId());
        assertThat(fills).extracting(OrderEvent.Fill::tradeId).doesNotHaveDuplicates().allSatisfy(
                id -> assertThat(id).isNotBlank());
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.price()).isPositive();
            assertThat(f.price()).isLessThanOrEqualTo(fx.marketableBuyPrice());
            assertThat(f.commission()).isNotNull();
            assertThat(f.account()).isEqualTo(fx.account());
            assertThat(f.venueOrderId()).isEqualTo(accepted.venueOrderId());
        });
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(query(order.clientOrderId()))
                .hasValueSatisfying(s -> {
                    assertThat(s.status()).isEqualTo(OrderSnapshot.Status.FILLED);
                    assertThat(s.filledQuantity()).isEqualByComparingTo(fx.quantity());
                }));
    }

    @Test
    public void queryOfUnknownClientOrderIdIsEmpty() {
        assertThat(query(newClientOrderId())).isEmpty();
    }

    @Test
    public void cancelOfUnknownOrderIsRejectedAsUnknownOrder() {
        VenueError error = failure(adapter.cancel(new CancelRequest(fx.account(), fx.symbol(),
                newClientOrderId(), null)));

        assertThat(error.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(error.reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(error.message()).isNotBlank();
    }

    @Test
    public void duplicateClientOrderIdIsRejected() {
        assumeThat(fx.detectsDuplicates()).as("the venue detects duplicate client order ids").isTrue();
        OrderRequest order = restingBuy();
        answer(adapter.submit(order));

        VenueError error = failure(adapter.submit(order));

        assertThat(error.outcome()).isEqualTo(VenueError.Outcome.REJECTED);
        assertThat(error.reason()).isEqualTo(RejectReason.DUPLICATE_ORDER);
        assertThat(query(order.clientOrderId())).hasValueSatisfying(s ->
                assertThat(s.status()).isEqualTo(OrderSnapshot.Status.NEW));
    }

    @Test
    public void replaceOfRestingOrderChangesItsPrice() {
        OrderRequest order = restingBuy();
        OrderEvent.Accepted accepted = answer(adapter.submit(order));
        BigDecimal newPrice = fx.restingBuyPrice().subtract(instrument().tickSize());
        OrderRequest replacement = order.toBuilder().clientOrderId(track(newClientOrderId())).price(newPrice).build();

        OrderEvent.Replaced replaced = answer(adapter.replace(new ReplaceRequest(order, accepted.venueOrderId(),
                BigDecimal.ZERO, replacement)));

        assertThat(replaced.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(replaced.newClientOrderId()).isEqualTo(replacement.clientOrderId());
        assertThat(replaced.price()).isEqualByComparingTo(newPrice);
        assertThat(replaced.quantity()).isEqualByComparingTo(fx.quantity());
        if (adapter.capabilities().replaceMode() == ReplaceMode.NATIVE_AMEND) {
            assertThat(replaced.venueOrderId()).as("an amended order keeps its venue order id")
                    .isEqualTo(accepted.venueOrderId());
        }
        await().atMost(fx.timeout()).untilAsserted(() ->
                assertThat(events.of(OrderEvent.Replaced.class, replacement.clientOrderId())).hasSize(1));
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(query(replacement.clientOrderId()))
                .hasValueSatisfying(s -> {
                    assertThat(s.price()).isEqualByComparingTo(newPrice);
                    assertThat(s.status().isTerminal()).isFalse();
                }));
    }

    @Test
    public void balancesAreReported() {
        List<Balance> balances = answer(adapter.balances(fx.account()));

        assertThat(balances).isNotEmpty();
        assertThat(balances).allSatisfy(b -> {
            assertThat(b.asset()).isNotBlank();
            assertThat(b.available()).isLessThanOrEqualTo(b.total());
        });
        Instrument instrument = instrument();
        assertThat(balances).extracting(Balance::asset).containsAnyOf(instrument.quoteAsset(), instrument.settleAsset());
    }

    @Test
    public void referencePriceOfTheInstrumentIsKeptCurrentFromConnectOn() {
        Instant connected = Instant.now();

        await().atMost(fx.timeout()).until(() -> adapter.referencePrice(fx.symbol())
                .filter(p -> !p.asOf().isBefore(connected.minusSeconds(60))).isPresent());

        ReferencePrice price = adapter.referencePrice(fx.symbol()).orElseThrow();
        assertThat(price.symbol()).isEqualTo(fx.symbol());
        assertThat(price.price()).as("between the resting buy price and the marketable one, give or take 10%%")
                .isGreaterThan(fx.restingBuyPrice())
                .isLessThanOrEqualTo(fx.marketableBuyPrice().multiply(new BigDecimal("1.1")));
        assertThat(price.asOf()).isBefore(Instant.now().plusSeconds(5));
        assertThat(adapter.referencePrice("NOSUCH/COIN")).isEmpty();
    }

    @Test
    public void marketDataStreamsTheBookAndTradesUntilClosed() {
        assertThat(adapter.maxBookDepth()).isPositive();
        List<MarketDataEvent> got = new CopyOnWriteArrayList<>();
        MarketDataSubscription subscription = adapter.subscribeMarketData(fx.symbol(), got::add);
        assertThat(subscription.symbol()).isEqualTo(fx.symbol());
        try {
            await().atMost(fx.timeout()).until(() -> got.stream().anyMatch(e -> e instanceof BookSnapshot b
                    && !b.bids().isEmpty() && !b.asks().isEmpty()));
            BookSnapshot first = (BookSnapshot) got.stream().filter(e -> e instanceof BookSnapshot).findFirst().orElseThrow();
            assertThat(first.resynced()).as("the first book of a subscription is a resync").isTrue();
            BookSnapshot book = (BookSnapshot) got.stream().filter(e -> e instanceof BookSnapshot b
                    && !b.bids().isEmpty() && !b.asks().isEmpty()).findFirst().orElseThrow();
            assertThat(book.symbol()).isEqualTo(fx.symbol());
            assertThat(book.bids().get(0).price()).as("best bid below best ask").isLessThan(book.asks().get(0).price());
            assertThat(book.bids().size()).isLessThanOrEqualTo(adapter.maxBookDepth());
            assertThat(book.asks().size()).isLessThanOrEqualTo(adapter.maxBookDepth());
            assertThat(book.bids().get(0).price()).as("the book is around the market")
                    .isGreaterThan(fx.restingBuyPrice()).isLessThanOrEqualTo(fx.marketableBuyPrice());

            OrderRequest order = limitBuy(newClientOrderId(), fx.marketableBuyPrice());
            answer(adapter.submit(order));
            await().atMost(fx.timeout()).untilAsserted(() -> assertThat(sum(events.fills(order.clientOrderId())))
                    .isEqualByComparingTo(fx.quantity()));
            await().atMost(fx.timeout()).untilAsserted(() -> assertThat(got).filteredOn(e -> e instanceof MarketTrade)
                    .as("the order's own fill appears on the public trade stream").isNotEmpty());
            assertThat(got).filteredOn(e -> e instanceof MarketTrade).allSatisfy(e -> {
                MarketTrade t = (MarketTrade) e;
                assertThat(t.symbol()).isEqualTo(fx.symbol());
                assertThat(t.tradeId()).isNotBlank();
                assertThat(t.price()).isPositive();
                assertThat(t.quantity()).isPositive();
            });
        } finally {
            subscription.close();
        }
        int seen = got.size();
        OrderRequest after = limitBuy(newClientOrderId(), fx.marketableBuyPrice());
        answer(adapter.submit(after));
        await().atMost(fx.timeout()).untilAsserted(() -> assertThat(sum(events.fills(after.clientOrderId())))
                .isEqualByComparingTo(fx.quantity()));
        assertThat(got).as("nothing is delivered after close").hasSize(seen);
        assertThatThrownBy(() -> adapter.subscribeMarketData("NOSUCH/COIN", e -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ helpers for subclasses

    /** A fresh client order id: 32 lowercase hex characters. */
    protected static String newClientOrderId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The fixture's instrument as the adapter loaded it. */
    protected Instrument instrument() {
        return adapter.instruments().stream().filter(i -> i.symbol().equals(fx.symbol())).findFirst()
                .orElseThrow(() -> new AssertionError("the adapter did not load " + fx.symbol() + "; it loaded "
                        + adapter.instruments().stream().map(Instrument::symbol).toList()));
    }

    /** A GTC buy limit at {@link ContractFixture#restingBuyPrice()}, with a fresh id that is cleaned up after the test. */
    protected OrderRequest restingBuy() {
        return limitBuy(newClientOrderId(), fx.restingBuyPrice());
    }

    /** A GTC buy limit of the fixture's quantity; its id is cleaned up after the test. */
    protected OrderRequest limitBuy(String clientOrderId, BigDecimal price) {
        return OrderRequest.builder().account(fx.account()).clientOrderId(track(clientOrderId)).symbol(fx.symbol())
                .side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).quantity(fx.quantity())
                .price(price).build();
    }

    protected Optional<OrderSnapshot> query(String clientOrderId) {
        return answer(adapter.queryOrder(fx.account(), fx.symbol(), clientOrderId));
    }

    /** The future's value within the fixture's timeout, or an assertion error saying what happened. */
    protected <T> T answer(CompletableFuture<T> future) {
        try {
            return future.get(fx.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the adapter's future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the adapter did not answer within " + fx.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the adapter", e);
        }
    }

    /** The {@link VenueError} the future fails with within the timeout; an assertion error otherwise. */
    protected VenueError failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(fx.timeout().toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected the adapter to refuse, but it answered " + value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("failure of the adapter's future").isInstanceOf(VenueException.class);
            return ((VenueException) e.getCause()).error();
        } catch (TimeoutException e) {
            throw new AssertionError("the adapter did not answer within " + fx.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the adapter", e);
        }
    }

    private String track(String clientOrderId) {
        placed.add(clientOrderId);
        return clientOrderId;
    }

    private static BigDecimal sum(List<OrderEvent.Fill> fills) {
        return fills.stream().map(OrderEvent.Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void cancelWhatIsLeftOpen() {
        if (placed.isEmpty()) {
            return;
        }
        for (OrderSnapshot open : answer(adapter.openOrders(fx.account()))) {
            if (placed.contains(open.clientOrderId())) {
                answer(adapter.cancel(new CancelRequest(fx.account(), open.symbol(), open.clientOrderId(),
                        open.venueOrderId())));
            }
        }
    }
}
