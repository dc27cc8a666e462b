package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.Side;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The resting orders of one instrument in price-time priority: per side, price levels from the
 * best price outwards, and in each level a queue in arrival order. An iceberg shows only its
 * visible part and, when that is consumed, re-enters at the back of its level's queue.
 *
 * <p>Readers ({@link #bestBid}, {@link #depth}, ...) are public; changes are made only by the
 * {@link MatchingEngine}. Not thread-safe: confined to the engine's thread.
 */
public final class OrderBook {
    private final Instrument instrument;
    private final NavigableMap<BigDecimal, ArrayDeque<WorkingOrder>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, ArrayDeque<WorkingOrder>> asks = new TreeMap<>();

    OrderBook(Instrument instrument) {
        this.instrument = instrument;
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The highest bid price, if any order rests on the bid. */
    public Optional<BigDecimal> bestBid() {
        return best(Side.BUY);
    }

    /** The lowest ask price, if any order rests on the ask. */
    public Optional<BigDecimal> bestAsk() {
        return best(Side.SELL);
    }

    /** The best price of one side. */
    public Optional<BigDecimal> best(Side side) {
        NavigableMap<BigDecimal, ArrayDeque<WorkingOrder>> levels = levels(side);
        return levels.isEmpty() ? Optional.empty() : Optional.of(levels.firstKey());
    }

    /** Up to {@code maxLevels} levels of one side from the best price outwards, with their visible quantity. */
    public List<BookLevel> depth(Side side, int maxLevels) {
        List<BookLevel> out = new ArrayList<>(Math.min(maxLevels, 64));
        for (Map.Entry<BigDecimal, ArrayDeque<WorkingOrder>> level : levels(side).entrySet()) {
            if (out.size() >= maxLevels) {
                break;
            }
            BigDecimal visible = BigDecimal.ZERO;
            for (WorkingOrder o : level.getValue()) {
                visible = visible.add(o.visible);
            }
            if (visible.signum() > 0) {
                out.add(new BookLevel(level.getKey(), Decimals.clean(visible)));
            }
        }
        return out;
    }

    /** Appends {@code order} at the back of its price level. */
    void add(WorkingOrder order) {
        levels(order.side).computeIfAbsent(order.price, p -> new ArrayDeque<>()).addLast(order);
    }

    /** Removes {@code order} (at its current price); false when it was not resting. */
    boolean remove(WorkingOrder order) {
        if (order.price == null) {
            return false;
        }
        NavigableMap<BigDecimal, ArrayDeque<WorkingOrder>> levels = levels(order.side);
        ArrayDeque<WorkingOrder> queue = levels.get(order.price);
        if (queue == null || !queue.remove(order)) {
            return false;
        }
        if (queue.isEmpty()) {
            levels.remove(order.price);
        }
        return true;
    }

    /** Moves {@code order} to the back of its level: it loses time priority. */
    void requeue(WorkingOrder order) {
        if (remove(order)) {
            add(order);
        }
    }

    boolean contains(WorkingOrder order) {
        if (order.price == null) {
            return false;
        }
        ArrayDeque<WorkingOrder> queue = levels(order.side).get(order.price);
        return queue != null && queue.contains(order);
    }

    /** The order first in line on {@code side}, or null when the side is empty. */
    WorkingOrder first(Side side) {
        Map.Entry<BigDecimal, ArrayDeque<WorkingOrder>> best = levels(side).firstEntry();
        return best == null ? null : best.getValue().peekFirst();
    }

    /** Every order of {@code side} in priority order (a copy). */
    List<WorkingOrder> inPriorityOrder(Side side) {
        List<WorkingOrder> out = new ArrayList<>();
        for (ArrayDeque<WorkingOrder> queue : levels(side).values()) {
            out.addAll(queue);
        }
        return out;
    }

    private NavigableMap<BigDecimal, ArrayDeque<WorkingOrder>> levels(Side side) {
        return side == Side.BUY ? bids : asks;
    }
}
