package io.fixbridge.venue.kit.ratelimit;

import io.fixbridge.venue.VenueTelemetry;
import io.fixbridge.venue.kit.Durations;
import java.util.Objects;

/**
 * Where a {@link RateLimiter} reports the use of its limits ({@link VenueTelemetry#rateLimitUse}) and
 * under which names: {@code <name>:<window>} ({@code "REQUEST_WEIGHT:1m"}), prefixed with
 * {@code <scope>:} when one venue has several limiters with the same limit names
 * ({@code "spot:REQUEST_WEIGHT:1m"}, {@code "futures:REQUEST_WEIGHT:1m"}). Immutable.
 *
 * @param telemetry where to report
 * @param scope     a bounded prefix for the limit names, or null for none
 */
public record LimitTelemetry(VenueTelemetry telemetry, String scope) {

    /** Reports nothing. */
    public static final LimitTelemetry NONE = new LimitTelemetry(VenueTelemetry.NONE, null);

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public LimitTelemetry {
        Objects.requireNonNull(telemetry, "telemetry");
        if (scope != null && scope.isBlank()) {
            throw new IllegalArgumentException("the scope must not be blank; use null for none");
        }
    }

    /** Limit names as they are, {@code <name>:<window>}. */
    public static LimitTelemetry of(VenueTelemetry telemetry) {
        return new LimitTelemetry(telemetry, null);
    }

    /** Limit names prefixed with {@code scope}: {@code <scope>:<name>:<window>}. */
    public static LimitTelemetry scoped(VenueTelemetry telemetry, String scope) {
        return new LimitTelemetry(telemetry, Objects.requireNonNull(scope, "scope"));
    }

    /** Whether anything is reported at all. */
    public boolean active() {
        return telemetry != VenueTelemetry.NONE;
    }

    /** The reported name of {@code limit}. */
    public String label(RateLimit limit) {
        String base = limit.name() + ":" + Durations.compact(limit.window());
        return scope == null ? base : scope + ":" + base;
    }
}
