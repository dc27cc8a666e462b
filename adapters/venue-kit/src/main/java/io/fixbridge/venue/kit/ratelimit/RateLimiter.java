package io.fixbridge.venue.kit.ratelimit;

import io.fixbridge.venue.kit.Durations;
import io.fixbridge.venue.kit.Scheduler;
import io.fixbridge.venue.kit.VenueExecutors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A venue's request limits as weighted token buckets, all checked at once for each request.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.create("binance", List.of(
 *         new RateLimit("REQUEST_WEIGHT", 6000, Duration.ofMinutes(1)),
 *         new RateLimit("ORDERS", 50, Duration.ofSeconds(10)),
 *         new RateLimit("ORDERS_1D", 160_000, Duration.ofDays(1))),
 *     RateLimitPolicy.waitUpTo(Duration.ofMillis(500)), executors);
 * limiter.acquire(Cost.of("REQUEST_WEIGHT", 1).and("ORDERS", 1).and("ORDERS_1D", 1))
 *        .thenCompose(granted -> http.send(request))
 *        .thenApply(response -> { limiter.observeUsed("REQUEST_WEIGHT", usedWeight, null); return response; });
 * }</pre>
 *
 * <h2>Model</h2>
 * Each {@link RateLimit} is a bucket of {@code capacity} tokens refilling continuously at
 * {@code capacity / window}. A request takes its {@link Cost} from every bucket it names, all or
 * nothing. When tokens are short, the request <em>reserves</em> them (a bucket may go into debt)
 * and is granted when the debt would be repaid: requests are served in arrival order, no thread
 * sleeps, and the wait is known up front, so a request whose wait would exceed the policy's
 * {@code maxWait} fails at once instead of waiting in vain.
 *
 * <h2>Corrections from the venue</h2>
 * {@link #observeUsed} lowers a bucket to what the venue reports (Binance
 * {@code X-MBX-USED-WEIGHT-1M}, Bybit {@code X-Bapi-Limit-Status}) when the venue counts more than
 * the limiter does; it never raises it, because the report lags requests in flight; with a {@code resetAt} the
 * bucket stays at that level until then and is full again at that instant (a fixed window); without
 * it, refilling goes on continuously. {@link #pauseUntil} (HTTP 429/418 Retry-After) holds back
 * every request until then, including ones already waiting. A warning is logged when a limit
 * reaches 80 % use, at most once per window per limit.
 *
 * <h2>Telemetry</h2>
 * With a {@link LimitTelemetry}, the use of every limit a call touches is reported
 * ({@link io.fixbridge.venue.VenueTelemetry#rateLimitUse}, units used now against the capacity) after
 * {@link #acquire}, {@link #tryAcquire}, {@link #release} and the corrections from the venue; while any
 * limit is in use, every limit is reported again every few seconds (the shorter of 5 s and the shortest
 * window, on the scheduler) so a gauge falls back as buckets refill. Reports are made outside the
 * limiter's lock, on the calling thread (the scheduler's for the periodic ones).
 *
 * <h2>Threading</h2>
 * Thread-safe; every method may be called from any thread and none blocks beyond a short internal
 * lock. A future from {@link #acquire} is either already complete when returned (granted at once,
 * or refused) or completes later on the scheduler's thread ({@code <venue>-scheduler}); dependent
 * stages then run there, so keep them short or hop to another executor (the kit's HTTP send is
 * asynchronous and fine). Time comes from the injected {@link Clock}, so tests are deterministic.
 */
public final class RateLimiter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final double WARN_FRACTION = 0.8;
    private static final Duration MAX_REFRESH = Duration.ofSeconds(5);

    private final String venue;
    private final Map<String, Bucket> buckets;
    private final List<RateLimit> limits;
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Object lock = new Object();
    private final Set<Waiter> waiters = new HashSet<>();
    private final LimitTelemetry telemetry;
    private final Duration refreshEvery;
    private boolean refreshPending;
    private long pausedUntil = Long.MIN_VALUE;
    private String pauseReason = "";
    private boolean closed;

    /**
     * @param venue     for messages and log lines
     * @param limits    the limits, unique by name
     * @param policy    what to do when a limit is reached
     * @param clock     the time source
     * @param scheduler runs delayed grants
     */
    public RateLimiter(String venue, List<RateLimit> limits, RateLimitPolicy policy, Clock clock, Scheduler scheduler) {
        this(venue, limits, policy, clock, scheduler, LimitTelemetry.NONE);
    }

    /**
     * @param venue     for messages and log lines
     * @param limits    the limits, unique by name
     * @param policy    what to do when a limit is reached
     * @param clock     the time source
     * @param scheduler runs delayed grants and the periodic telemetry reports
     * @param telemetry where the limits' use is reported
     */
    public RateLimiter(String venue, List<RateLimit> limits, RateLimitPolicy policy, Clock clock, Scheduler scheduler,
                       LimitTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        Map<String, Bucket> map = new LinkedHashMap<>();
        long now = nanos(clock.instant());
        for (RateLimit limit : limits) {
            if (map.put(limit.name(), new Bucket(limit, now)) != null) {
                throw new IllegalArgumentException("rate limit " + limit.name() + " is declared twice");
            }
        }
        this.buckets = map;
        this.limits = List.copyOf(limits);
        Duration shortest = MAX_REFRESH;
        for (RateLimit limit : limits) {
            if (limit.window().compareTo(shortest) < 0) {
                shortest = limit.window();
            }
        }
        this.refreshEvery = shortest;
    }

    /** A limiter on the system clock whose delayed grants run on {@code executors}' scheduler. */
    public static RateLimiter create(String venue, List<RateLimit> limits, RateLimitPolicy policy, VenueExecutors executors) {
        return new RateLimiter(venue, limits, policy, Clock.systemUTC(), executors.timer());
    }

    /** {@link #create(String, List, RateLimitPolicy, VenueExecutors)} reporting the limits' use to {@code telemetry}. */
    public static RateLimiter create(String venue, List<RateLimit> limits, RateLimitPolicy policy, VenueExecutors executors,
                                     LimitTelemetry telemetry) {
        return new RateLimiter(venue, limits, policy, Clock.systemUTC(), executors.timer(), telemetry);
    }

    /** The limits, in declaration order. */
    public List<RateLimit> limits() {
        return limits;
    }

    /** The policy. */
    public RateLimitPolicy policy() {
        return policy;
    }

    /**
     * Takes {@code cost} from every limit it names: completes when granted (at once when possible,
     * else after a wait of at most the policy's {@code maxWait}), or fails with
     * {@link RateLimitExceededException} when that is not possible. Never blocks.
     *
     * @throws IllegalArgumentException when {@code cost} names a limit this limiter does not have
     *                                  (a programming error)
     */
    public CompletableFuture<Void> acquire(Cost cost) {
        Objects.requireNonNull(cost, "cost");
        List<Bucket> involved = involved(cost);
        List<String> warnings = new ArrayList<>(0);
        List<Usage> usage = new ArrayList<>(0);
        try {
            return acquire(cost, involved, warnings, usage);
        } finally {
            report(usage);
        }
    }

    private CompletableFuture<Void> acquire(Cost cost, List<Bucket> involved, List<String> warnings, List<Usage> usage) {
        Waiter waiter;
        long delay;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new RejectedExecutionException("the rate limiter of " + venue + " is closed"));
            }
            long now = now();
            Bucket binding = null;
            long wait = 0;
            for (Bucket b : involved) {
                b.refill(now);
                long amount = cost.amounts().get(b.limit.name());
                if (amount > b.limit.capacity()) {
                    return CompletableFuture.failedFuture(new RateLimitExceededException(b.limit.name(),
                            "cost " + amount + " exceeds rate limit " + b.limit.describe() + " entirely; it can never be granted",
                            Duration.ZERO, null));
                }
                long w = b.nanosUntilPaid(b.level - amount, now);
                if (binding == null || w > wait) {
                    wait = w;
                    binding = b;
                }
            }
            long pause = pausedUntil > now ? pausedUntil - now : 0;
            boolean pauseBinds = pause > 0 && pause >= wait;
            long total = Math.max(wait, pause);
            if (total > policy.maxWait().toNanos()) {
                usage(involved, usage);
                return CompletableFuture.failedFuture(refusal(pauseBinds ? null : binding, 0, total));
            }
            for (Bucket b : involved) {
                b.level -= cost.amounts().get(b.limit.name());
                b.warnIfHigh(now, warnings);
            }
            usage(involved, usage);
            if (total == 0) {
                logWarnings(warnings);
                return CompletableFuture.completedFuture(null);
            }
            for (Bucket b : involved) {
                b.reserved += cost.amounts().get(b.limit.name());
            }
            waiter = new Waiter(cost, involved, now, now + total);
            waiters.add(waiter);
            delay = total;
        }
        logWarnings(warnings);
        schedule(waiter, delay);
        return waiter.future;
    }

    /**
     * Takes {@code cost} only if every limit has it available now and the limiter is not paused.
     *
     * @return whether the permits were taken
     * @throws IllegalArgumentException when {@code cost} names an unknown limit
     */
    public boolean tryAcquire(Cost cost) {
        Objects.requireNonNull(cost, "cost");
        List<Bucket> involved = involved(cost);
        List<String> warnings = new ArrayList<>(0);
        List<Usage> usage = new ArrayList<>(0);
        synchronized (lock) {
            long now = now();
            if (closed || pausedUntil > now) {
                return false;
            }
            for (Bucket b : involved) {
                b.refill(now);
                if (b.level < cost.amounts().get(b.limit.name())) {
                    return false;
                }
            }
            for (Bucket b : involved) {
                b.level -= cost.amounts().get(b.limit.name());
                b.warnIfHigh(now, warnings);
            }
            usage(involved, usage);
        }
        logWarnings(warnings);
        report(usage);
        return true;
    }

    /**
     * Gives back permits of a granted request that was never sent (for example the connection
     * could not be made), so the venue never counted it. Do not call it for requests that reached
     * the venue.
     */
    public void release(Cost cost) {
        Objects.requireNonNull(cost, "cost");
        List<Bucket> involved = involved(cost);
        List<Usage> usage = new ArrayList<>(0);
        synchronized (lock) {
            long now = now();
            for (Bucket b : involved) {
                b.refill(now);
                b.level = Math.min(b.capacity, b.level + cost.amounts().get(b.limit.name()));
            }
            usage(involved, usage);
        }
        report(usage);
    }

    /**
     * Sets limit {@code limit} from the venue's count: {@code used} units are used in the current
     * window. Permits reserved by waiting requests stay reserved. Unknown limit names are ignored
     * (logged at debug), so an adapter may pass every header it sees.
     *
     * @param resetAt when the venue's window resets (the bucket is full again then and does not
     *                refill before), or null to keep refilling continuously
     */
    public void observeUsed(String limit, long used, Instant resetAt) {
        Objects.requireNonNull(limit, "limit");
        Bucket b = buckets.get(limit);
        if (b == null) {
            log.debug("{}: ignoring usage of unknown rate limit {}", venue, limit);
            return;
        }
        List<String> warnings = new ArrayList<>(0);
        List<Usage> usage = new ArrayList<>(1);
        synchronized (lock) {
            long now = now();
            b.refill(now);
            // the venue's count lags the requests still in flight, so it may only ever lower what is left:
            // it catches usage the limiter cannot see (other processes on the same key or address),
            // and never hands back tokens that requests in flight have already taken
            b.level = Math.min(b.level, b.capacity - Math.max(0, used) - b.reserved);
            long reset = resetAt == null ? Long.MIN_VALUE : nanos(resetAt);
            b.frozenUntil = reset > now ? reset : Long.MIN_VALUE;
            b.warnIfHigh(now, warnings);
            usage(List.of(b), usage);
        }
        logWarnings(warnings);
        report(usage);
    }

    /**
     * Sets limit {@code limit} from the venue's count of what is <em>left</em> in the current window
     * (Bybit {@code X-Bapi-Limit-Status}, with {@code X-Bapi-Limit-Reset-Timestamp} as
     * {@code resetAt}). Otherwise like {@link #observeUsed(String, long, Instant)}.
     */
    public void observeRemaining(String limit, long remaining, Instant resetAt) {
        Objects.requireNonNull(limit, "limit");
        Bucket b = buckets.get(limit);
        if (b == null) {
            log.debug("{}: ignoring remaining count of unknown rate limit {}", venue, limit);
            return;
        }
        observeUsed(limit, Math.max(0, b.limit.capacity() - Math.max(0, remaining)), resetAt);
    }

    /** {@link #observeUsed(String, long, Instant)} without a reset time: the bucket refills continuously. */
    public void observeUsed(String limit, long used) {
        observeUsed(limit, used, null);
    }

    /**
     * Holds back every request until {@code until} (from a 429/418 Retry-After); requests already
     * waiting wait longer, or fail if that exceeds their {@code maxWait}. An earlier instant than a
     * pause already in force is ignored.
     *
     * @param reason for messages, e.g. {@code HTTP 429}
     */
    public void pauseUntil(Instant until, String reason) {
        Objects.requireNonNull(until, "until");
        long at = nanos(until);
        boolean extended = false;
        synchronized (lock) {
            if (at > pausedUntil) {
                pausedUntil = at;
                pauseReason = reason == null ? "" : reason;
                extended = true;
            }
        }
        if (extended) {
            log.warn("{}: all requests paused until {} ({})", venue, until, reason);
        }
    }

    /** The instant requests are paused until, if a pause is in force now. */
    public Optional<Instant> pausedUntil() {
        synchronized (lock) {
            return pausedUntil > now() ? Optional.of(instant(pausedUntil)) : Optional.empty();
        }
    }

    /** Every limit's state now, in declaration order. */
    public List<RateLimitSnapshot> snapshot() {
        List<RateLimitSnapshot> out = new ArrayList<>(buckets.size());
        synchronized (lock) {
            long now = now();
            for (Bucket b : buckets.values()) {
                b.refill(now);
                out.add(new RateLimitSnapshot(b.limit.name(), b.limit.capacity(), b.limit.window(),
                        (long) Math.max(0, Math.floor(b.level)), (long) Math.ceil(b.reserved),
                        b.frozenUntil == Long.MIN_VALUE ? null : instant(b.frozenUntil)));
            }
        }
        return out;
    }

    /** Fails every waiting request (with {@link RejectedExecutionException}) and refuses new ones. Idempotent. */
    @Override
    public void close() {
        List<Waiter> failed;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            failed = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (Waiter w : failed) {
            w.future.completeExceptionally(new RejectedExecutionException("the rate limiter of " + venue + " is closed"));
        }
    }

    @Override
    public String toString() {
        return "RateLimiter[" + venue + ", " + limits.stream().map(RateLimit::describe).toList() + "]";
    }

    private void schedule(Waiter waiter, long delayNanos) {
        try {
            scheduler.schedule(() -> fire(waiter), Duration.ofNanos(delayNanos));
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                if (!waiters.remove(waiter)) {
                    return;
                }
                waiter.refund();
            }
            log.debug("{}: scheduler refused a delayed grant", venue);
            waiter.future.completeExceptionally(e);
        }
    }

    private void fire(Waiter waiter) {
        long reschedule;
        RateLimitExceededException failure = null;
        synchronized (lock) {
            if (!waiters.contains(waiter)) {
                return;
            }
            long now = now();
            long target = Math.max(waiter.grantAt, pausedUntil);
            if (target > now) {
                if (target > waiter.start + policy.maxWait().toNanos()) {
                    waiters.remove(waiter);
                    waiter.refund();
                    failure = refusal(null, now - waiter.start, target - now);
                    reschedule = -1;
                } else {
                    reschedule = target - now;
                }
            } else {
                waiters.remove(waiter);
                for (Bucket b : waiter.buckets) {
                    b.reserved -= waiter.cost.amounts().get(b.limit.name());
                }
                reschedule = 0;
            }
        }
        if (failure != null) {
            waiter.future.completeExceptionally(failure);
        } else if (reschedule > 0) {
            schedule(waiter, reschedule);
        } else {
            waiter.future.complete(null);
        }
    }

    /** Must hold the lock. {@code binding} null means the pause binds. */
    private RateLimitExceededException refusal(Bucket binding, long waitedNanos, long retryNanos) {
        Duration waited = Duration.ofNanos(Math.max(0, waitedNanos));
        Duration retry = Duration.ofNanos(retryNanos);
        String tail = "; waited " + Durations.human(waited) + " (max " + Durations.human(policy.maxWait())
                + "); retry after " + Durations.human(retry);
        if (binding == null) {
            return new RateLimitExceededException(null, "requests to " + venue + " are paused until "
                    + instant(pausedUntil) + (pauseReason.isEmpty() ? "" : " (" + pauseReason + ")") + tail, waited, retry);
        }
        return new RateLimitExceededException(binding.limit.name(),
                "rate limit " + binding.limit.describe() + " would be exceeded" + tail, waited, retry);
    }

    /** One limit's use, to report. */
    private record Usage(String label, long used, long capacity) {
    }

    /** Must hold the lock: adds the use of {@code of} (already refilled to now) to {@code out}. */
    private void usage(List<Bucket> of, List<Usage> out) {
        if (!telemetry.active()) {
            return;
        }
        for (Bucket b : of) {
            out.add(new Usage(telemetry.label(b.limit), b.used(), b.limit.capacity()));
        }
    }

    /** Outside the lock: reports {@code usage} and keeps the periodic report going while a limit is in use. */
    private void report(List<Usage> usage) {
        if (usage.isEmpty()) {
            return;
        }
        for (Usage u : usage) {
            telemetry.telemetry().rateLimitUse(u.label(), u.used(), u.capacity());
        }
        scheduleRefresh();
    }

    private void scheduleRefresh() {
        synchronized (lock) {
            if (refreshPending || closed) {
                return;
            }
            long now = now();
            boolean inUse = false;
            for (Bucket b : buckets.values()) {
                b.refill(now);
                inUse |= b.used() > 0;
            }
            if (!inUse) {
                return;
            }
            refreshPending = true;
        }
        try {
            scheduler.schedule(this::refresh, refreshEvery);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                refreshPending = false;
            }
            log.debug("{}: the scheduler is shut down; rate-limit use is no longer reported", venue);
        }
    }

    private void refresh() {
        List<Usage> usage = new ArrayList<>(buckets.size());
        synchronized (lock) {
            refreshPending = false;
            if (closed) {
                return;
            }
            long now = now();
            for (Bucket b : buckets.values()) {
                b.refill(now);
            }
            usage(List.copyOf(buckets.values()), usage);
        }
        report(usage);
    }

    private List<Bucket> involved(Cost cost) {
        List<Bucket> out = new ArrayList<>(cost.amounts().size());
        for (String name : cost.amounts().keySet()) {
            Bucket b = buckets.get(name);
            if (b == null) {
                throw new IllegalArgumentException("unknown rate limit " + name + "; the limits of " + venue + " are " + buckets.keySet());
            }
            out.add(b);
        }
        return out;
    }

    private void logWarnings(List<String> warnings) {
        for (String w : warnings) {
            log.warn("{}: {}", venue, w);
        }
    }

    private long now() {
        return nanos(clock.instant());
    }

    private static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** One limit's tokens; guarded by the limiter's lock. */
    private static final class Bucket {
        final RateLimit limit;
        final double capacity;
        final double perNano;
        double level;
        double reserved;
        long updated;
        long frozenUntil = Long.MIN_VALUE;
        long lastWarn = Long.MIN_VALUE;

        Bucket(RateLimit limit, long now) {
            this.limit = limit;
            this.capacity = limit.capacity();
            this.perNano = capacity / limit.window().toNanos();
            this.level = capacity;
            this.updated = now;
        }

        void refill(long now) {
            if (now <= updated) {
                return;
            }
            long from = updated;
            if (frozenUntil != Long.MIN_VALUE) {
                if (now < frozenUntil) {
                    updated = now;
                    return;
                }
                level = capacity + Math.min(0, level);
                from = frozenUntil;
                frozenUntil = Long.MIN_VALUE;
            }
            level = Math.min(capacity, level + (now - from) * perNano);
            updated = now;
        }

        /** Units used now: the capacity less what is available (debt counts as fully used). */
        long used() {
            long available = (long) Math.max(0, Math.floor(level));
            return Math.max(0, Math.min(limit.capacity(), limit.capacity() - available));
        }

        /** Nanoseconds until a level of {@code after} (after taking a cost) is back to zero. */
        long nanosUntilPaid(double after, long now) {
            if (after >= 0) {
                return 0;
            }
            if (frozenUntil != Long.MIN_VALUE && now < frozenUntil) {
                double atReset = capacity + after;
                long toReset = frozenUntil - now;
                return atReset >= 0 ? toReset : toReset + (long) Math.ceil(-atReset / perNano);
            }
            return (long) Math.ceil(-after / perNano);
        }

        void warnIfHigh(long now, List<String> warnings) {
            double used = capacity - level;
            if (used >= WARN_FRACTION * capacity
                    && (lastWarn == Long.MIN_VALUE || now - lastWarn >= limit.window().toNanos())) {
                lastWarn = now;
                warnings.add(String.format("rate limit %s at %d %% (%d used)", limit.describe(),
                        Math.round(100 * Math.min(used, capacity) / capacity), Math.round(used)));
            }
        }
    }

    /** A request whose permits are reserved, waiting for its grant time. */
    private static final class Waiter {
        final Cost cost;
        final List<Bucket> buckets;
        final long start;
        final long grantAt;
        final CompletableFuture<Void> future = new CompletableFuture<>();

        Waiter(Cost cost, List<Bucket> buckets, long start, long grantAt) {
            this.cost = cost;
            this.buckets = buckets;
            this.start = start;
            this.grantAt = grantAt;
        }

        /** Gives the reservation back; must hold the limiter's lock. */
        void refund() {
            for (Bucket b : buckets) {
                long amount = cost.amounts().get(b.limit.name());
                b.reserved -= amount;
                b.level = Math.min(b.capacity, b.level + amount);
            }
        }
    }
}
