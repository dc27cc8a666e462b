package io.fixbridge.gateway.marketdata;

import io.fixbridge.venue.PriceLevel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The level changes that turn one side of a book into another, as a MarketDataIncrementalRefresh
 * (35=X) carries them, keyed by price: a price that left the levels a subscriber sees is deleted,
 * a new one is added, one whose size moved is changed. Deletes come first, so a subscriber holding
 * a fixed number of levels never holds more. Pure.
 */
public final class BookDiff {
    private BookDiff() {
    }

    /** MDUpdateAction(279). */
    public enum Action {
        NEW('0'),
        CHANGE('1'),
        DELETE('2');

        private final char fix;

        Action(char fix) {
            this.fix = fix;
        }

        /** The MDUpdateAction(279) value. */
        public char fix() {
            return fix;
        }
    }

    /**
     * One change of one level.
     *
     * @param action what happened to the level
     * @param type   BID or OFFER
     * @param price  the level's price
     * @param size   its size now; for a delete, the size it had
     */
    public record Change(Action action, MdRequest.EntryType type, BigDecimal price, BigDecimal size) {
        public Change {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(size, "size");
        }
    }

    /**
     * The changes from {@code before} to {@code after}, both one side's levels best first (bids by
     * falling, offers by rising price), appended to {@code out}.
     */
    public static void diff(MdRequest.EntryType type, List<PriceLevel> before, List<PriceLevel> after, List<Change> out) {
        int direction = type == MdRequest.EntryType.BID ? -1 : 1;
        List<Change> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            PriceLevel b = i < before.size() ? before.get(i) : null;
            PriceLevel a = j < after.size() ? after.get(j) : null;
            int order = b == null ? 1 : a == null ? -1 : b.price().compareTo(a.price()) * direction;
            if (order < 0) {
                out.add(new Change(Action.DELETE, type, b.price(), b.size()));
                i++;
            } else if (order > 0) {
                added.add(new Change(Action.NEW, type, a.price(), a.size()));
                j++;
            } else {
                if (b.size().compareTo(a.size()) != 0) {
                    added.add(new Change(Action.CHANGE, type, a.price(), a.size()));
                }
                i++;
                j++;
            }
        }
        out.addAll(added);
    }

    /** The best {@code depth} levels of {@code levels} (all of them when there are fewer). */
    public static List<PriceLevel> top(List<PriceLevel> levels, int depth) {
        return levels.size() <= depth ? levels : levels.subList(0, depth);
    }
}
