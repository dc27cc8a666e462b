package io.fixbridge.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fixbridge.venue.VenueSettings;

/**
 * The whole validated configuration, as loaded from gateway.yaml by {@link GatewayConfigLoader}.
 * Immutable.
 *
 * @param source         the file it came from
 * @param sessionsFile   the QuickFIX/J acceptor settings (sessions.cfg)
 * @param dataDirectory  where message stores and logs live
 * @param venues         the venues, in file order
 * @param sessions       what each FIX session does, by SenderCompID
 * @param engine         order engine settings
 * @param journal        the order journal
 * @param ops            the operations HTTP endpoint (metrics, health, admin)
 * @param fixTls         TLS on the FIX acceptor; empty for plain TCP
 * @param risk           pre-trade limits as the file had them at start (they may be reloaded since)
 */
public record GatewayConfig(Path source, Path sessionsFile, Path dataDirectory, List<VenueSettings> venues,
                            Map<String, SessionProfile> sessions, EngineSettings engine, JournalSettings journal,
                            OpsSettings ops, Optional<TlsSettings> fixTls, RiskSettings risk) {

    public GatewayConfig {
        Objects.requireNonNull(sessionsFile, "sessionsFile");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        venues = List.copyOf(venues);
        sessions = Map.copyOf(sessions);
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(fixTls, "fixTls");
        Objects.requireNonNull(risk, "risk");
    }

    /** The drop-copy sessions that receive a copy of the reports of order-entry session {@code orderEntryCompId}. */
    public List<SessionProfile> dropCopiesOf(String orderEntryCompId) {
        return sessions.values().stream().filter(p -> p.copies(orderEntryCompId)).toList();
    }

    /** The venue of that name, if configured. */
    public Optional<VenueSettings> venue(String name) {
        return venues.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
