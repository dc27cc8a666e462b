package io.fixbridge.venue.hyperliquid.dto;

import java.util.List;

/**
 * {@code POST /info {"type":"l2Book"}} and the {@code l2Book} channel's data.
 *
 * @param coin   coin name
 * @param time   venue time, ms
 * @param levels [bids best first, asks best first]
 */
public record L2Book(String coin, Long time, List<List<Level>> levels) {
    public L2Book {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /**
     * One price level.
     *
     * @param px price
     * @param sz size
     * @param n  number of orders
     */
    public record Level(String px, String sz, Integer n) {
    }
}
