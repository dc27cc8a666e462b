package io.fixbridge.sims.bybit;

import java.util.List;
import java.util.Map;

/**
 * One public WebSocket topic the simulator serves on a category's connection:
 * {@code orderbook.{depth}.{symbol}} (depth 1, 50, 200 or 1000, as Bybit's v5 docs list for spot,
 * linear and inverse) or {@code publicTrade.{symbol}}, for a symbol listed in that category. Names
 * are case sensitive, as Bybit's are ({@code orderbook.50.btcusdt} is not a topic). Immutable.
 *
 * @param name    the topic as subscribed
 * @param book    true for an orderbook topic, false for publicTrade
 * @param depth   the orderbook depth; 0 for publicTrade
 * @param listing the symbol's listing
 */
record PublicTopic(String name, boolean book, int depth, Listing listing) {

    /** The orderbook depths Bybit publishes for spot, linear and inverse. */
    static final List<Integer> DEPTHS = List.of(1, 50, 200, 1000);

    /**
     * Parses a topic name for {@code category}'s connection; null when Bybit has no handler for it
     * (unknown topic kind, depth or symbol), which it answers with
     * {@code "error:handler not found,topic:<name>"}.
     */
    static PublicTopic parse(Category category, String name, Map<String, Listing> listings) {
        if (name == null) {
            return null;
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length == 2 && "publicTrade".equals(parts[0])) {
            Listing l = listings.get(Listing.key(category, parts[1]));
            return l == null ? null : new PublicTopic(name, false, 0, l);
        }
        if (parts.length == 3 && "orderbook".equals(parts[0])) {
            int depth;
            try {
                depth = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            Listing l = listings.get(Listing.key(category, parts[2]));
            if (l == null || !DEPTHS.contains(depth) || !parts[1].equals(Integer.toString(depth))) {
                return null;
            }
            return new PublicTopic(name, true, depth, l);
        }
        return null;
    }

    /** The orderbook topic name of {@code symbol} at {@code depth}. */
    static String orderbook(int depth, String symbol) {
        return "orderbook." + depth + "." + symbol;
    }

    /** The publicTrade topic name of {@code symbol}. */
    static String publicTrade(String symbol) {
        return "publicTrade." + symbol;
    }
}
