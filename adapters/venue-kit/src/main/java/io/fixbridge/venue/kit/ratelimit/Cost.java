package io.fixbridge.venue.kit.ratelimit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one request uses of each limit: {@code Cost.of("REQUEST_WEIGHT", 1).and("ORDERS", 1)}.
 * Limits not named are not used. Immutable.
 *
 * @param amounts units per limit name, each at least 1
 */
public record Cost(Map<String, Long> amounts) {

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public Cost {
        Objects.requireNonNull(amounts, "amounts");
        for (Map.Entry<String, Long> e : amounts.entrySet()) {
            Objects.requireNonNull(e.getKey(), "limit name");
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("cost of " + e.getKey() + " must be at least 1");
            }
        }
        amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
    }

    /** {@code amount} units of {@code limit}. */
    public static Cost of(String limit, long amount) {
        return new Cost(Map.of(limit, amount));
    }

    /** This cost plus {@code amount} units of {@code limit} (added to any already there). */
    public Cost and(String limit, long amount) {
        Map<String, Long> more = new LinkedHashMap<>(amounts);
        more.merge(limit, amount, Long::sum);
        return new Cost(more);
    }

    @Override
    public String toString() {
        return amounts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "Cost[", "]"));
    }
}
