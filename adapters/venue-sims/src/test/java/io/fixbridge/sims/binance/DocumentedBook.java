package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.BookFeed;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A local order book kept exactly as Binance's "How to manage a local order book correctly"
 * says, for tests: buffered diff-depth events are replayed on a REST snapshot; spot drops events
 * with {@code u <= lastUpdateId}, takes as first the one with {@code U <= lastUpdateId+1 <= u}
 * and then needs {@code U == previous u + 1}; futures drops {@code u < lastUpdateId}, takes as
 * first the one with {@code U <= lastUpdateId <= u} (or {@code pu == lastUpdateId}, the event
 * right after the snapshot's) and then needs {@code pu == previous u}. Not thread-safe.
 */
final class DocumentedBook {
    private final boolean futures;
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long lastUpdateId;
    private boolean started;
    private int next;
    private String gap;

    DocumentedBook(boolean futures) {
        this.futures = futures;
    }

    /** Starts from a REST depth answer; events before index {@code from} of the message list are skipped. */
    void snapshot(JsonNode depth, int from) {
        bids.clear();
        asks.clear();
        depth.get("bids").forEach(l -> bids.put(new BigDecimal(l.get(0).asText()), new BigDecimal(l.get(1).asText())));
        depth.get("asks").forEach(l -> asks.put(new BigDecimal(l.get(0).asText()), new BigDecimal(l.get(1).asText())));
        lastUpdateId = depth.get("lastUpdateId").asLong();
        started = false;
        gap = null;
        next = from;
    }

    /** Applies every depth event received since the last call; false (see {@link #gap()}) at a sequence break. */
    boolean catchUp(List<JsonNode> messages) {
        while (gap == null && next < messages.size()) {
            JsonNode m = messages.get(next++);
            JsonNode e = m.has("data") ? m.get("data") : m;
            if (!"depthUpdate".equals(e.path("e").asText())) {
                continue;
            }
            apply(e);
        }
        return gap == null;
    }

    private void apply(JsonNode e) {
        long first = e.get("U").asLong();
        long last = e.get("u").asLong();
        if (!started) {
            if (futures ? last < lastUpdateId : last <= lastUpdateId) {
                return;
            }
            boolean straddles = futures
                    ? (first <= lastUpdateId && last >= lastUpdateId) || e.get("pu").asLong() == lastUpdateId
                    : first <= lastUpdateId + 1 && last >= lastUpdateId + 1;
            if (!straddles) {
                gap = "first event " + first + ".." + last + " does not continue snapshot " + lastUpdateId;
                return;
            }
            started = true;
        } else {
            boolean continues = futures ? e.get("pu").asLong() == lastUpdateId : first == lastUpdateId + 1;
            if (!continues) {
                gap = "event " + first + ".." + last + (futures ? " pu " + e.get("pu").asLong() : "")
                        + " does not continue " + lastUpdateId;
                return;
            }
        }
        e.get("b").forEach(l -> set(bids, l));
        e.get("a").forEach(l -> set(asks, l));
        lastUpdateId = last;
    }

    private static void set(TreeMap<BigDecimal, BigDecimal> side, JsonNode level) {
        BigDecimal price = new BigDecimal(level.get(0).asText());
        BigDecimal size = new BigDecimal(level.get(1).asText());
        if (size.signum() == 0) {
            side.remove(price);
        } else {
            side.put(price, size);
        }
    }

    /** Why the last {@link #catchUp} stopped, or null. */
    String gap() {
        return gap;
    }

    long lastUpdateId() {
        return lastUpdateId;
    }

    /** Whether this book holds exactly the levels of {@code truth}. */
    boolean matches(BookFeed.Snapshot truth) {
        return same(bids, truth.bids()) && same(asks, truth.asks());
    }

    Map<BigDecimal, BigDecimal> bids() {
        return bids;
    }

    private static boolean same(TreeMap<BigDecimal, BigDecimal> mine, List<BookFeed.Level> truth) {
        if (mine.size() != truth.size()) {
            return false;
        }
        for (BookFeed.Level l : truth) {
            BigDecimal size = mine.get(l.price());
            if (size == null || size.compareTo(l.size()) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "bids " + bids + " asks " + asks + " at " + lastUpdateId;
    }
}
