package io.fixbridge.gateway.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueSettings;

/**
 * Reads the {@code risk} section of gateway.yaml into {@link RiskSettings}, at start and on every
 * reload of the limits. Every problem is a {@link io.fixbridge.venue.VenueConfigException} naming
 * the setting and saying what would be right. Pure.
 */
final class RiskSettingsParser {
    private static final Set<String> RISK = Set.of("referencePrice", "sessions", "accounts");
    private static final Set<String> REFERENCE = Set.of("maxAgeMs", "whenMissing");
    private static final Set<String> SCOPE;

    static {
        java.util.HashSet<String> scope = new java.util.HashSet<>(RiskLimits.NAMES);
        scope.add("instruments");
        SCOPE = Set.copyOf(scope);
    }

    private RiskSettingsParser() {
    }

    static RiskSettings parse(ConfigView risk, Map<String, SessionProfile> sessions, List<VenueSettings> venues) {
        risk.requireOnly(RISK);
        ConfigView reference = risk.section("referencePrice").requireOnly(REFERENCE);
        long maxAgeMs = reference.atLeast("maxAgeMs",
                reference.longValue("maxAgeMs", RiskSettings.DEFAULTS.referencePriceMaxAge().toMillis()), 1);
        String whenMissing = reference.string("whenMissing", RiskSettings.DEFAULTS.refuseWithoutReference() ? "refuse" : "allow");
        if (!whenMissing.equals("refuse") && !whenMissing.equals("allow")) {
            throw reference.error("whenMissing", "must be 'refuse' (orders that need a reference price are refused while "
                    + "the venue's price is missing or older than maxAgeMs) or 'allow' (those checks are skipped with a "
                    + "warning), got '" + whenMissing + "'");
        }
        Map<String, RiskSettings.Scope> bySession = new LinkedHashMap<>();
        ConfigView sessionSection = risk.section("sessions");
        for (String compId : sessionSection.keys()) {
            SessionProfile profile = sessions.get(compId);
            if (profile == null || profile.role() != SessionRole.ORDER_ENTRY) {
                throw sessionSection.error(compId, "is not an order-entry session; order-entry sessions: " + sessions.values()
                        .stream().filter(p -> p.role() == SessionRole.ORDER_ENTRY).map(SessionProfile::senderCompId).sorted().toList());
            }
            bySession.put(compId, scope(sessionSection.section(compId)));
        }
        Map<String, RiskSettings.Scope> byAccount = new LinkedHashMap<>();
        ConfigView accountSection = risk.section("accounts");
        for (String key : accountSection.keys()) {
            int slash = key.indexOf('/');
            String venue = slash < 0 ? key : key.substring(0, slash);
            String account = slash < 0 ? "" : key.substring(slash + 1);
            boolean known = venues.stream().anyMatch(v -> v.name().equals(venue)
                    && v.accounts().stream().anyMatch(a -> a.name().equals(account)));
            if (!known) {
                throw accountSection.error(key, "is not a configured <venue>/<account>; configured: " + venues.stream()
                        .flatMap(v -> v.accounts().stream().map(a -> v.name() + "/" + a.name())).sorted().toList());
            }
            byAccount.put(key, scope(accountSection.section(key)));
        }
        return new RiskSettings(Duration.ofMillis(maxAgeMs), whenMissing.equals("refuse"), bySession, byAccount);
    }

    private static RiskSettings.Scope scope(ConfigView s) {
        s.requireOnly(SCOPE);
        Map<String, RiskLimits> instruments = new LinkedHashMap<>();
        ConfigView overrides = s.section("instruments");
        for (String symbol : overrides.keys()) {
            if (!symbol.contains("/")) {
                throw overrides.error(symbol, "is not a unified symbol; write it as Symbol(55) does, e.g. BTC/USDT or BTC/USDT:USDT");
            }
            instruments.put(symbol, limits(overrides.section(symbol).requireOnly(Set.copyOf(RiskLimits.NAMES))));
        }
        return new RiskSettings.Scope(limits(s), instruments);
    }

    private static RiskLimits limits(ConfigView s) {
        return new RiskLimits(positive(s, "maxOrderQty"), positive(s, "maxOrderNotional"), percent(s),
                count(s, "maxOpenOrders"), positive(s, "maxPosition"), positive(s, "maxGrossNotional"),
                count(s, "maxOrdersPerSecond"), positive(s, "maxDailyNotional"));
    }

    private static BigDecimal positive(ConfigView s, String key) {
        return s.has(key) ? s.positiveDecimal(key) : null;
    }

    private static BigDecimal percent(ConfigView s) {
        BigDecimal v = positive(s, "priceCollarPercent");
        if (v != null && v.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw s.error("priceCollarPercent", "must be below 100 (a percentage of the reference price, e.g. 5), got "
                    + v.toPlainString());
        }
        return v;
    }

    private static Integer count(ConfigView s, String key) {
        return s.has(key) ? s.positiveInt(key, 1) : null;
    }
}
