package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Hyperliquid's two limits. Per IP: a weight budget per minute (fixed one-minute windows aligned
 * to the clock); exchange actions weigh {@code 1 + floor(batch length / 40)}, info requests 2
 * (l2Book, allMids, clearinghouseState, orderStatus, spotClearinghouseState, exchangeStatus), 60
 * (userRole) or 20 (everything else). Per address: the number of exchange actions sent may not
 * exceed {@code initial + requestsPerUsdc * volume traded}.
 *
 * <p><b>Threading:</b> thread-safe (synchronized).
 */
final class RateLimiter {
    private final Clock clock;
    private volatile RateLimits limits;
    private final Map<String, long[]> ipWindows = new HashMap<>();
    private final Map<String, Long> addressUsed = new HashMap<>();

    RateLimiter(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    static int infoWeight(String type) {
        return switch (type) {
            case "l2Book", "allMids", "clearinghouseState", "orderStatus", "spotClearinghouseState",
                 "exchangeStatus" -> 2;
            case "userRole" -> 60;
            default -> 20;
        };
    }

    static int exchangeWeight(int batchLength) {
        return 1 + batchLength / 40;
    }

    /** Spends {@code weight} of {@code ip}'s minute; false (nothing spent) when it would exceed the budget. */
    synchronized boolean acquireIp(String ip, int weight) {
        long now = clock.millis();
        long start = now - Math.floorMod(now, 60_000L);
        long[] w = ipWindows.computeIfAbsent(ip, k -> new long[] {start, 0});
        if (w[0] != start) {
            w[0] = start;
            w[1] = 0;
        }
        if (w[1] + weight > limits.ipWeightPerMinute()) {
            return false;
        }
        w[1] += weight;
        return true;
    }

    /** The cap of {@code address} given its traded volume. */
    long cap(BigDecimal volume) {
        return limits.initialAddressRequests() + volume.longValue() * limits.requestsPerUsdc();
    }

    synchronized long used(String address) {
        return addressUsed.getOrDefault(address, 0L);
    }

    /** Counts one action of {@code address}; the venue's text when it is over its budget (not counted). */
    synchronized String acquireAddress(String address, BigDecimal volume) {
        long used = addressUsed.getOrDefault(address, 0L);
        long cap = cap(volume);
        if (used + 1 > cap) {
            return Texts.cumulative(used + 1, cap, volume);
        }
        addressUsed.put(address, used + 1);
        return null;
    }

    void limits(RateLimits v) {
        this.limits = v;
    }

    synchronized void reset() {
        ipWindows.clear();
        addressUsed.clear();
    }
}
