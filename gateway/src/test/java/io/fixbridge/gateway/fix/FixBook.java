package io.fixbridge.gateway.fix;

import io.fixbridge.venue.PriceLevel;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What an OMS keeps of one instrument's book from the gateway's market data: a full refresh
 * (35=W) replaces it, an incremental refresh (35=X) adds, changes and deletes levels by price.
 * Trades seen are collected. Test code; not thread-safe.
 */
public final class FixBook {
    private final String symbol;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    public final List<Group> trades = new ArrayList<>();
    public int fullRefreshes;
    public int incrementals;

    public FixBook(String symbol) {
        this.symbol = symbol;
    }

    /** Applies a W or X of this book's symbol (other symbols' entries are left alone). */
    public void apply(Message m) throws FieldNotFound {
        String type = m.getHeader().getString(35);
        if ("W".equals(type)) {
            if (!symbol.equals(m.getString(55))) {
                return;
            }
            fullRefreshes++;
            bids.clear();
            asks.clear();
            for (Group g : m.getGroups(268)) {
                char entry = g.getChar(269);
                if (entry == '2') {
                    trades.add(g);
                } else {
                    side(entry).put(new BigDecimal(g.getString(270)), new BigDecimal(g.getString(271)));
                }
            }
        } else if ("X".equals(type)) {
            for (Group g : m.getGroups(268)) {
                if (!symbol.equals(g.getString(55))) {
                    continue;
                }
                incrementals++;
                char entry = g.getChar(269);
                if (entry == '2') {
                    trades.add(g);
                    continue;
                }
                BigDecimal price = new BigDecimal(g.getString(270));
                switch (g.getChar(279)) {
                    case '0' -> {
                        if (side(entry).put(price, new BigDecimal(g.getString(271))) != null) {
                            throw new AssertionError("New (279=0) for a level already held: " + price + " in " + m);
                        }
                    }
                    case '1' -> {
                        if (side(entry).put(price, new BigDecimal(g.getString(271))) == null) {
                            throw new AssertionError("Change (279=1) for a level not held: " + price + " in " + m);
                        }
                    }
                    case '2' -> {
                        if (side(entry).remove(price) == null) {
                            throw new AssertionError("Delete (279=2) of a level not held: " + price + " in " + m);
                        }
                    }
                    default -> throw new AssertionError("unknown MDUpdateAction in " + m);
                }
            }
        }
    }

    public List<PriceLevel> bids() {
        return levels(bids);
    }

    public List<PriceLevel> asks() {
        return levels(asks);
    }

    private NavigableMap<BigDecimal, BigDecimal> side(char entry) {
        return switch (entry) {
            case '0' -> bids;
            case '1' -> asks;
            default -> throw new AssertionError("not a book entry type: " + entry);
        };
    }

    private static List<PriceLevel> levels(NavigableMap<BigDecimal, BigDecimal> side) {
        List<PriceLevel> out = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            out.add(new PriceLevel(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Levels as "price x size" strings with values compared numerically (for readable assertions). */
    public static List<String> show(List<PriceLevel> levels) {
        return levels.stream().map(l -> l.price().stripTrailingZeros().toPlainString() + " x "
                + l.size().stripTrailingZeros().toPlainString()).toList();
    }
}
