package io.fixbridge.gateway.order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds orders by what the outside world calls them: the FIX session and a ClOrdID of the
 * order's chain (original and replacements), or the venue, account and venue client order id.
 * Also remembers every ClOrdID a session has used, orders and cancel/replace requests alike, and
 * forgets done orders (but not their ClOrdIDs) once they have been done for the retention.
 *
 * <p>Nothing here walks every order in memory on the hot path or on a timer: the memory sweep
 * looks only at the orders it has not yet seen done ({@link #watched()}, the open ones and those
 * done since the last sweep) and at the head of a queue of orders in the order they were seen
 * done. Forgetting an order removes its keys one by one.
 *
 * <p>Confined to the order engine's thread.
 */
final class OrderRegistry {
    private final Map<String, Set<String>> usedClOrdIds = new HashMap<>();
    private final Map<SessionClOrdId, GatewayOrder> byClOrdId = new HashMap<>();
    private final Map<VenueClientId, GatewayOrder> byVenueClientId = new HashMap<>();
    /** Keys beyond an order's own ClOrdID and client order id (a replacement's), to remove when it is forgotten. */
    private final Map<GatewayOrder, List<Object>> aliases = new IdentityHashMap<>();
    /** Every order in memory, in the order they were accepted. */
    private final Set<GatewayOrder> all = new LinkedHashSet<>();
    /** Orders the sweep has not seen done: every open order is here. */
    private final Set<GatewayOrder> watched = new LinkedHashSet<>();
    /** Orders seen done, oldest sighting first; an entry whose sighting the order no longer carries is stale. */
    private final Deque<DoneSighting> seenDone = new ArrayDeque<>();

    boolean isUsed(String session, String clOrdId) {
        return usedClOrdIds.getOrDefault(session, Set.of()).contains(clOrdId);
    }

    void markUsed(String session, String clOrdId) {
        usedClOrdIds.computeIfAbsent(session, s -> new HashSet<>()).add(clOrdId);
    }

    void add(GatewayOrder order) {
        all.add(order);
        watched.add(order);
        markUsed(order.session(), order.clOrdId());
        byClOrdId.put(new SessionClOrdId(order.session(), order.clOrdId()), order);
        byVenueClientId.put(new VenueClientId(order.venue(), order.terms().account(), order.terms().clientOrderId()), order);
    }

    /** Another ClOrdID by which the order is known in its session (a replace's). */
    void alias(GatewayOrder order, String clOrdId) {
        SessionClOrdId key = new SessionClOrdId(order.session(), clOrdId);
        if (byClOrdId.put(key, order) != order) {
            aliases.computeIfAbsent(order, o -> new ArrayList<>(2)).add(key);
        }
    }

    /** Another venue client order id by which the venue may report the order (a replacement's). */
    void aliasVenueClientId(GatewayOrder order, String clientOrderId) {
        VenueClientId key = new VenueClientId(order.venue(), order.terms().account(), clientOrderId);
        if (byVenueClientId.put(key, order) != order) {
            aliases.computeIfAbsent(order, o -> new ArrayList<>(2)).add(key);
        }
    }

    GatewayOrder bySessionClOrdId(String session, String clOrdId) {
        return byClOrdId.get(new SessionClOrdId(session, clOrdId));
    }

    GatewayOrder byVenueClientId(String venue, String account, String clientOrderId) {
        return byVenueClientId.get(new VenueClientId(venue, account, clientOrderId));
    }

    /** The orders of {@code session} that are not done, in the order they were accepted. */
    List<GatewayOrder> openOf(String session) {
        return all.stream().filter(o -> o.session().equals(session) && !o.isDone()).toList();
    }

    /** Every order in memory, in the order they were accepted. */
    Collection<GatewayOrder> all() {
        return Collections.unmodifiableSet(all);
    }

    /** The orders the sweep has not seen done: every order that is not done, and those done since the last sweep. */
    Collection<GatewayOrder> watched() {
        return Collections.unmodifiableSet(watched);
    }

    /**
     * An order seen done that became live again (a fill after a reject, a late replace) is watched
     * again: its retention starts over when it is next done. Cheap for any other order.
     */
    void watchAgainIfLive(GatewayOrder order) {
        if (order.seenDoneAt() != GatewayOrder.NOT_SEEN_DONE && order.isLive()) {
            order.seenDoneAt(GatewayOrder.NOT_SEEN_DONE);
            watched.add(order);
        }
    }

    /**
     * The memory sweep: notes the watched orders that are done and not {@code held} as seen done
     * at {@code now}, then forgets every order seen done at least {@code retentionMillis} ago that
     * is still done and not held (one that is live or held again is watched again).
     *
     * @param held orders that must stay whatever their state (being reconciled or refreshed)
     * @return the orders forgotten: no longer found by any id nor listed; their ClOrdIDs stay used
     */
    List<GatewayOrder> sweep(long now, long retentionMillis, Predicate<GatewayOrder> held) {
        for (var it = watched.iterator(); it.hasNext(); ) {
            GatewayOrder order = it.next();
            if (!order.isLive() && !held.test(order)) {
                order.seenDoneAt(now);
                seenDone.addLast(new DoneSighting(order, now));
                it.remove();
            }
        }
        List<GatewayOrder> forgotten = new ArrayList<>();
        while (!seenDone.isEmpty() && now - seenDone.peekFirst().at() >= retentionMillis) {
            DoneSighting sighting = seenDone.pollFirst();
            GatewayOrder order = sighting.order();
            if (order.seenDoneAt() != sighting.at()) {
                continue; // watched again since; a later sighting (if any) decides
            }
            if (order.isLive() || held.test(order)) {
                order.seenDoneAt(GatewayOrder.NOT_SEEN_DONE);
                watched.add(order);
            } else {
                forget(order);
                forgotten.add(order);
            }
        }
        return forgotten;
    }

    private void forget(GatewayOrder order) {
        all.remove(order);
        byClOrdId.remove(new SessionClOrdId(order.session(), order.clOrdId()), order);
        byVenueClientId.remove(new VenueClientId(order.venue(), order.terms().account(), order.terms().clientOrderId()), order);
        List<Object> keys = aliases.remove(order);
        if (keys != null) {
            for (Object key : keys) {
                byClOrdId.remove(key, order);
                byVenueClientId.remove(key, order);
            }
        }
    }

    /** A ClOrdID of an order's chain on its session (the strings the order holds: no copy per key). */
    private record SessionClOrdId(String session, String clOrdId) {
    }

    /** A client order id by which the venue reports the order. */
    private record VenueClientId(String venue, String account, String clientOrderId) {
    }

    /** An order the sweep saw done, and when. */
    private record DoneSighting(GatewayOrder order, long at) {
    }
}
