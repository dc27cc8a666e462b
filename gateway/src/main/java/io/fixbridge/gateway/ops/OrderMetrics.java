package io.fixbridge.gateway.ops;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.fixbridge.gateway.order.EngineObserver;
import io.fixbridge.gateway.order.ExecKind;
import io.fixbridge.gateway.order.Execution;
import io.fixbridge.gateway.risk.RiskObserver;
import io.fixbridge.venue.OrderType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;

/**
 * The order engine's metrics: orders received by venue and type, reports by venue and state,
 * fills, open orders, kill-switch refusals, risk-limit refusals and missing reference prices, and
 * the order latencies (kept per venue in {@link VenueMetrics}). Thread-safe; never blocks, never throws.
 */
public final class OrderMetrics implements EngineObserver, RiskObserver {
    private final Metrics metrics;
    private final Map<String, VenueMetrics> venues;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final MeterFamily<Counter> received;
    private final MeterFamily<Counter> reports;
    private final MeterFamily<Counter> fills;
    private final MeterFamily<Counter> blocked;
    private final MeterFamily<Counter> breaches;
    private final MeterFamily<Counter> referenceMissing;

    /** @param venues each configured venue's metrics, by venue name */
    public OrderMetrics(Metrics metrics, Map<String, VenueMetrics> venues) {
        this.metrics = metrics;
        this.venues = Map.copyOf(venues);
        this.received = new MeterFamily<>(tags -> Counter.builder("fixbridge.orders.received")
                .description("New orders accepted by the gateway, by venue and order type").tags(tags)
                .register(metrics.registry()), "venue", "type");
        this.reports = new MeterFamily<>(tags -> Counter.builder("fixbridge.order.reports")
                .description("ExecutionReports sent, by venue and the order's state").tags(tags)
                .register(metrics.registry()), "venue", "state");
        this.fills = new MeterFamily<>(tags -> Counter.builder("fixbridge.fills").description("Fills reported, by venue")
                .tags(tags).register(metrics.registry()), "venue");
        this.blocked = new MeterFamily<>(tags -> Counter.builder("fixbridge.orders.blocked")
                .description("New orders and replaces refused by an engaged kill switch").tags(tags)
                .register(metrics.registry()), "scope");
        this.breaches = new MeterFamily<>(tags -> Counter.builder("fixbridge.risk.breaches")
                .description("New orders and replaces refused by a pre-trade risk limit, by limit and by the session or "
                        + "account whose limit it is").tags(tags).register(metrics.registry()), "limit", "scope");
        this.referenceMissing = new MeterFamily<>(tags -> Counter.builder("fixbridge.risk.reference.missing")
                .description("Risk checks that needed a venue's reference price and found none fresh enough, by venue "
                        + "and what was done (refused, or check skipped)").tags(tags).register(metrics.registry()),
                "venue", "action");
        venues.keySet().forEach(this::openGauge);
    }

    @Override
    public void breach(String limit, String scope) {
        breaches.get(limit, scope).increment();
    }

    @Override
    public void referenceMissing(String venue, boolean refused) {
        referenceMissing.get(venue, refused ? "refused" : "skipped").increment();
    }

    @Override
    public void orderReceived(String venue, OrderType type) {
        received.get(venue, type.name().toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void submitting(String venue, String clientOrderId, long fixInNanos) {
        VenueMetrics v = venues.get(venue);
        if (v != null) {
            v.submitting(clientOrderId, fixInNanos);
        }
    }

    @Override
    public void submitAnswered(String venue, String clientOrderId, boolean acknowledged) {
        VenueMetrics v = venues.get(venue);
        if (v != null) {
            v.submitAnswered(clientOrderId, acknowledged);
        }
    }

    @Override
    public void reported(String venue, Execution execution) {
        reports.get(venue, execution.view().status().name().toLowerCase(Locale.ROOT)).increment();
        if (execution.kind() == ExecKind.TRADE) {
            fills.get(venue).increment();
        }
    }

    @Override
    public void eventReported(String venue, long eventNanos) {
        VenueMetrics v = venues.get(venue);
        if (v != null) {
            v.eventReported(eventNanos);
        }
    }

    @Override
    public void blocked(String scope) {
        blocked.get(scope).increment();
    }

    @Override
    public void openOrders(Map<String, Integer> byVenue) {
        open.forEach((venue, count) -> count.set(byVenue.getOrDefault(venue, 0)));
        byVenue.forEach((venue, count) -> openGauge(venue).set(count));
    }

    private AtomicInteger openGauge(String venue) {
        return open.computeIfAbsent(venue, v -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("fixbridge.orders.open", count, AtomicInteger::get)
                    .description("Orders live or pending at the venue").tag("venue", v).register(metrics.registry());
            return count;
        });
    }
}
