package io.fixbridge.gateway.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds orders by what the outside world calls them: the FIX session and a ClOrdID of the
 * order's chain (original and replacements), or the venue, account and venue client order id.
 * Also remembers every ClOrdID a session has used, orders and cancel/replace requests alike.
 *
 * <p>Confined to the order engine's thread.
 */
final class OrderRegistry {
    private final Map<String, Set<String>> usedClOrdIds = new HashMap<>();
    private final Map<SessionClOrdId, GatewayOrder> byClOrdId = new HashMap<>();
    private final Map<VenueClientId, GatewayOrder> byVenueClientId = new HashMap<>();
    private final List<GatewayOrder> all = new ArrayList<>();

    boolean isUsed(String session, String clOrdId) {
        return usedClOrdIds.getOrDefault(session, Set.of()).contains(clOrdId);
    }

    void markUsed(String session, String clOrdId) {
        usedClOrdIds.computeIfAbsent(session, s -> new HashSet<>()).add(clOrdId);
    }

    void add(GatewayOrder order) {
        all.add(order);
        markUsed(order.session(), order.clOrdId());
        byClOrdId.put(new SessionClOrdId(order.session(), order.clOrdId()), order);
        byVenueClientId.put(new VenueClientId(order.venue(), order.terms().account(), order.terms().clientOrderId()), order);
    }

    /** Another ClOrdID by which the order is known in its session (a replace's). */
    void alias(GatewayOrder order, String clOrdId) {
        byClOrdId.put(new SessionClOrdId(order.session(), clOrdId), order);
    }

    /** Another venue client order id by which the venue may report the order (a replacement's). */
    void aliasVenueClientId(GatewayOrder order, String clientOrderId) {
        byVenueClientId.put(new VenueClientId(order.venue(), order.terms().account(), clientOrderId), order);
    }

    GatewayOrder bySessionClOrdId(String session, String clOrdId) {
        return byClOrdId.get(new SessionClOrdId(session, clOrdId));
    }

    GatewayOrder byVenueClientId(String venue, String account, String clientOrderId) {
        return byVenueClientId.get(new VenueClientId(venue, account, clientOrderId));
    }

    /**
     * Forgets {@code orders} (done ones): they are no longer found by any id nor listed; their
     * ClOrdIDs stay used.
     */
    void forget(Set<GatewayOrder> orders) {
        if (orders.isEmpty()) {
            return;
        }
        all.removeIf(orders::contains);
        byClOrdId.values().removeIf(orders::contains);
        byVenueClientId.values().removeIf(orders::contains);
    }

    /** The orders of {@code session} that are not done, in the order they were accepted. */
    List<GatewayOrder> openOf(String session) {
        return all.stream().filter(o -> o.session().equals(session) && !o.isDone()).toList();
    }

    /** Every order, in the order they were accepted. */
    List<GatewayOrder> all() {
        return all;
    }

    /** A ClOrdID of an order's chain on its session (the strings the order holds: no copy per key). */
    private record SessionClOrdId(String session, String clOrdId) {
    }

    /** A client order id by which the venue reports the order. */
    private record VenueClientId(String venue, String account, String clientOrderId) {
    }
}
