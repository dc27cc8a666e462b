package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.hyperliquid.dto.UserFill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * All of a user's fills since a time, from {@code userFillsByTime}, which answers at most {@link #PAGE}
 * fills per request: a full page is followed by the next one, on the side of the window the page did not
 * reach (a page ordered newest first continues below its oldest fill, one ordered oldest first above its
 * newest), until a page is not full. Fills on a page boundary come twice and are counted once, by tid.
 * At most {@link #MAX_PAGES} pages are read (then a WARN-worthy partial answer: {@link Result#complete}
 * is false).
 *
 * <p>Thread-safe; futures fail as {@link HyperliquidRest#info} fails.
 */
final class FillPages {
    /** The most fills Hyperliquid returns per userFillsByTime answer. */
    static final int PAGE = 2000;
    static final int MAX_PAGES = 50;

    /**
     * The fills read.
     *
     * @param fills    de-duplicated by tid, in the order read
     * @param complete false when {@link #MAX_PAGES} pages did not cover the window
     */
    record Result(List<UserFill> fills, boolean complete) {
    }

    private final HyperliquidRest rest;

    FillPages(HyperliquidRest rest) {
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    /** Every fill of {@code user} from {@code startTime} (ms, inclusive) on. */
    CompletableFuture<Result> since(String user, long startTime) {
        return page(user, startTime, null, new LinkedHashMap<>(), 0);
    }

    private CompletableFuture<Result> page(String user, long start, Long end, Map<String, UserFill> seen, int pages) {
        var request = end == null
                ? HyperliquidJson.info("userFillsByTime", "user", user, "startTime", start)
                : HyperliquidJson.info("userFillsByTime", "user", user, "startTime", start, "endTime", end);
        return rest.info(request).thenCompose(n -> {
            List<UserFill> fills = HyperliquidJson.list(n, UserFill.class);
            fills.forEach(f -> seen.putIfAbsent(HyperliquidTranslator.tradeId(f), f));
            if (fills.size() < PAGE) {
                return CompletableFuture.completedFuture(new Result(List.copyOf(seen.values()), true));
            }
            if (pages + 1 >= MAX_PAGES) {
                return CompletableFuture.completedFuture(new Result(List.copyOf(seen.values()), false));
            }
            long first = time(fills.get(0));
            long last = time(fills.get(fills.size() - 1));
            long min = Math.min(first, last);
            long max = Math.max(first, last);
            if (first >= last) {
                // newest first: what is left lies below the oldest fill of this page
                long nextEnd = end != null && min >= end ? end - 1 : min;
                return nextEnd < start ? CompletableFuture.completedFuture(new Result(List.copyOf(seen.values()), true))
                        : page(user, start, nextEnd, seen, pages + 1);
            }
            // oldest first: what is left lies above the newest fill of this page
            long nextStart = max <= start ? start + 1 : max;
            return page(user, nextStart, end, seen, pages + 1);
        });
    }

    private static long time(UserFill f) {
        return f.time() == null ? 0 : f.time();
    }
}
