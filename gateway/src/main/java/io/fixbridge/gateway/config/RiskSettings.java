package io.fixbridge.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code risk} section of gateway.yaml: pre-trade limits per FIX session and per venue
 * account, each with per-instrument overrides, and what to do when a venue's reference price is
 * missing or too old. Immutable; replaced as a whole when the limits are reloaded.
 *
 * @param referencePriceMaxAge  a reference price older than this counts as missing
 * @param refuseWithoutReference true: an order a check needs the reference price for is refused
 *                               when it is missing; false: that check is skipped, with a WARN log
 *                               line and a metric
 * @param sessions              limits by order-entry SenderCompID
 * @param accounts              limits by {@code <venue>/<account>}
 */
public record RiskSettings(Duration referencePriceMaxAge, boolean refuseWithoutReference,
                           Map<String, Scope> sessions, Map<String, Scope> accounts) {

    /** No limits; a reference price counts for 5 s and a missing one refuses. */
    public static final RiskSettings DEFAULTS = new RiskSettings(Duration.ofSeconds(5), true, Map.of(), Map.of());

    public RiskSettings {
        Objects.requireNonNull(referencePriceMaxAge, "referencePriceMaxAge");
        sessions = Map.copyOf(sessions);
        accounts = Map.copyOf(accounts);
    }

    /**
     * The limits of one session or account.
     *
     * @param limits      what holds for every instrument
     * @param instruments overrides by unified symbol: each limit set there replaces the scope's for
     *                    orders on that symbol; counts (open orders, order rate, daily notional)
     *                    then count that symbol's orders only, on top of the scope-wide count
     */
    public record Scope(RiskLimits limits, Map<String, RiskLimits> instruments) {
        public Scope {
            Objects.requireNonNull(limits, "limits");
            instruments = Map.copyOf(instruments);
        }

        /** The limits for orders on {@code symbol}. */
        public RiskLimits forSymbol(String symbol) {
            RiskLimits override = instruments.get(symbol);
            return override == null ? limits : limits.overriddenBy(override);
        }

        /** For logs and the admin endpoint: the scope-wide limits and each override. */
        public Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>(limits.asMap());
            if (!instruments.isEmpty()) {
                Map<String, Object> overrides = new LinkedHashMap<>();
                instruments.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> overrides.put(e.getKey(), e.getValue().asMap()));
                out.put("instruments", overrides);
            }
            return out;
        }
    }

    /** Whether any limit is configured. */
    public boolean hasLimits() {
        return !sessions.isEmpty() || !accounts.isEmpty();
    }

    /** For logs and the admin endpoint. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("referencePrice", Map.of("maxAgeMs", referencePriceMaxAge.toMillis(),
                "whenMissing", refuseWithoutReference ? "refuse" : "allow"));
        Map<String, Object> s = new LinkedHashMap<>();
        sessions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.put(e.getKey(), e.getValue().describe()));
        Map<String, Object> a = new LinkedHashMap<>();
        accounts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> a.put(e.getKey(), e.getValue().describe()));
        out.put("sessions", s);
        out.put("accounts", a);
        return out;
    }
}
