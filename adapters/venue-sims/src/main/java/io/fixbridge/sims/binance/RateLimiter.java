package io.fixbridge.sims.binance;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binance's rate limiting for one API family: request weight per IP in fixed one-minute windows
 * (all clients of the simulator share 127.0.0.1, so one counter), and order counts per account in
 * fixed 10-second windows and a longer window (a day on spot, a minute on futures). Windows are
 * aligned to the clock, as Binance's are. Past the weight limit a request is answered 429 -1003
 * with {@code Retry-After} (seconds to the next window); optionally, after a number of 429s in one
 * window the IP is banned and answered 418 until the ban ends. Past an order limit the request is
 * answered 429 -1015 without {@code Retry-After}.
 *
 * <p><b>Threading:</b> thread-safe; every method is synchronized and cheap, so it runs on the
 * Netty event loops.
 */
final class RateLimiter {
    private static final long MINUTE = 60_000;
    private static final long TEN_SECONDS = 10_000;
    private static final long DAY = 86_400_000;

    private final Market market;
    private final RateLimits limits;
    private final Clock clock;
    private final int banAfterViolations;
    private final long banMillis;
    private final long longWindow;

    private long weightWindow = -1;
    private int usedWeight;
    private int violations;
    private long bannedUntil;
    private final Map<String, Counter> shortOrders = new HashMap<>();
    private final Map<String, Counter> longOrders = new HashMap<>();

    RateLimiter(Market market, RateLimits limits, Clock clock, int banAfterViolations, long banMillis) {
        this.market = market;
        this.limits = limits;
        this.clock = clock;
        this.banAfterViolations = banAfterViolations;
        this.banMillis = banMillis;
        this.longWindow = market == Market.SPOT ? DAY : MINUTE;
    }

    RateLimits limits() {
        return limits;
    }

    /** Counts {@code weight}; throws the 429 or 418 answer when the IP is over its limit or banned. */
    synchronized void addWeight(int weight) {
        long now = clock.millis();
        if (bannedUntil > now) {
            throw Errors.banned(market, bannedUntil, secondsUntil(bannedUntil, now));
        }
        roll(now);
        usedWeight += weight;
        if (usedWeight > limits.requestWeightPerMinute()) {
            violations++;
            if (banAfterViolations > 0 && violations >= banAfterViolations) {
                bannedUntil = now + banMillis;
                throw Errors.banned(market, bannedUntil, secondsUntil(bannedUntil, now));
            }
            throw Errors.tooMuchWeight(market, limits.requestWeightPerMinute(), secondsUntil(weightWindow + MINUTE, now));
        }
    }

    /** The weight used in the current minute. */
    synchronized int usedWeight() {
        roll(clock.millis());
        return usedWeight;
    }

    /** Counts {@code n} new orders for {@code account}; throws 429 -1015 (counting nothing) past a limit. */
    synchronized void addOrders(String account, int n) {
        long now = clock.millis();
        Counter shortCounter = counter(shortOrders, account, now, TEN_SECONDS);
        Counter longCounter = counter(longOrders, account, now, longWindow);
        if (shortCounter.count + n > limits.ordersPer10Seconds()) {
            throw Errors.tooManyOrders(limits.ordersPer10Seconds(), "10 SECOND");
        }
        if (longCounter.count + n > limits.ordersPerLongWindow()) {
            throw Errors.tooManyOrders(limits.ordersPerLongWindow(), market.longOrderInterval());
        }
        shortCounter.count += n;
        longCounter.count += n;
    }

    /** The rate-limit headers of a response: used weight always, order counts when the account is known. */
    synchronized Map<String, String> headers(String account) {
        long now = clock.millis();
        roll(now);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight));
        if (market == Market.SPOT) {
            out.put("x-mbx-used-weight", Integer.toString(usedWeight));
        }
        if (account != null) {
            out.put("X-MBX-ORDER-COUNT-10S", Integer.toString(counter(shortOrders, account, now, TEN_SECONDS).count));
            out.put(market.longOrderHeader(), Integer.toString(counter(longOrders, account, now, longWindow).count));
        }
        return out;
    }

    /** The order counts of {@code account}: [10-second window, long window]. */
    synchronized int[] orderCounts(String account) {
        long now = clock.millis();
        return new int[] {counter(shortOrders, account, now, TEN_SECONDS).count,
                counter(longOrders, account, now, longWindow).count};
    }

    private void roll(long now) {
        long window = now - Math.floorMod(now, MINUTE);
        if (window != weightWindow) {
            weightWindow = window;
            usedWeight = 0;
            violations = 0;
        }
    }

    private static Counter counter(Map<String, Counter> counters, String account, long now, long length) {
        long window = now - Math.floorMod(now, length);
        Counter c = counters.computeIfAbsent(account, a -> new Counter());
        if (c.window != window) {
            c.window = window;
            c.count = 0;
        }
        return c;
    }

    private static long secondsUntil(long end, long now) {
        return Math.max(1, (end - now + 999) / 1000);
    }

    private static final class Counter {
        long window = -1;
        int count;
    }
}
