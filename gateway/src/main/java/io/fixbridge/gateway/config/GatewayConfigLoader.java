package io.fixbridge.gateway.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fixbridge.gateway.journal.FsyncPolicy;
import io.fixbridge.gateway.journal.JournalConfig;
import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;

/**
 * Reads gateway.yaml, substitutes {@code ${ENV}} and {@code ${ENV:-default}} in values, and
 * validates everything the gateway itself owns. Venue-specific settings are validated later by
 * each venue's adapter factory, with the same kind of messages.
 *
 * <p>Relative paths are resolved against the directory of gateway.yaml.
 */
public final class GatewayConfigLoader {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> TOP = Set.of("fix", "dataDirectory", "venues", "sessions", "engine", "journal", "ops", "risk");
    private static final Set<String> JOURNAL = Set.of("directory", "fsync", "segmentSize", "batchIntervalMs",
            "compactIntervalMinutes");
    private static final Set<String> OPS = Set.of("listen", "adminToken");
    private static final Set<String> FIX = Set.of("sessions", "tls");
    private static final Set<String> TLS = Set.of("keyStore", "keyStorePassword", "keyStoreType", "needClientAuth",
            "trustStore", "trustStorePassword");
    private static final Set<String> SESSION = Set.of("senderCompId", "role", "venue", "account", "cancelOnDisconnect",
            "username", "passwordHash", "allowedAddresses", "scope");
    private static final Set<String> ENGINE = Set.of("queryFirstDelayMs", "queryMaxDelayMs", "notFoundGraceMs",
            "retryableAttempts", "retryableDelayMs", "doneOrderRetentionMs");

    private final UnaryOperator<String> environment;

    /** A loader reading the process environment. */
    public GatewayConfigLoader() {
        this(System::getenv);
    }

    /** A loader reading variables from {@code environment} (tests). */
    public GatewayConfigLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** Loads and validates {@code file}; every problem is a {@link GatewayConfigException} naming the setting. */
    public GatewayConfig load(Path file) {
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new GatewayConfigException(source + ": no such configuration file; pass --config with the path of gateway.yaml");
        }
        Map<String, Object> tree;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = new ObjectMapper(new YAMLFactory()).readValue(source.toFile(), Map.class);
            tree = parsed == null ? Map.of() : parsed;
        } catch (JacksonException e) {
            throw new GatewayConfigException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new GatewayConfigException(source + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> substituted = (Map<String, Object>) substitute(tree, "");
            return build(source, new ConfigView("", substituted, source.toAbsolutePath().getParent()));
        } catch (VenueConfigException e) {
            throw new GatewayConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private GatewayConfig build(Path source, ConfigView root) {
        root.requireOnly(TOP);
        Path base = source.getParent();
        ConfigView fix = root.section("fix").requireOnly(FIX);
        Path sessionsFile = base.resolve(fix.string("sessions", "sessions.cfg")).normalize();
        if (!Files.isRegularFile(sessionsFile)) {
            throw root.error("fix.sessions", "file " + sessionsFile + " does not exist; point it at the QuickFIX/J sessions.cfg");
        }
        Path dataDirectory = base.resolve(root.string("dataDirectory", "data")).normalize();

        List<VenueSettings> venues = venues(root);
        Map<String, SessionProfile> sessions = sessions(root, venues);
        return new GatewayConfig(source, sessionsFile, dataDirectory, venues, sessions, engine(root.section("engine")),
                journal(root.section("journal"), base, dataDirectory), ops(root.section("ops")), tls(fix, base),
                RiskSettingsParser.parse(root.section("risk"), sessions, venues));
    }

    private static Optional<TlsSettings> tls(ConfigView fix, Path base) {
        if (!fix.has("tls")) {
            return Optional.empty();
        }
        ConfigView t = fix.section("tls").requireOnly(TLS);
        Path keyStore = base.resolve(t.string("keyStore")).normalize();
        if (!Files.isRegularFile(keyStore)) {
            throw t.error("keyStore", "file " + keyStore + " does not exist; make one with keytool -genkeypair -storetype PKCS12 "
                    + "(README, 'TLS on the FIX acceptor')");
        }
        String type = t.string("keyStoreType", TlsSettings.DEFAULT_KEYSTORE_TYPE);
        if (!Set.of("PKCS12", "JKS").contains(type)) {
            throw t.error("keyStoreType", "'" + type + "' is not PKCS12 or JKS");
        }
        boolean needClientAuth = t.bool("needClientAuth", false);
        Optional<Path> trustStore = t.has("trustStore") ? Optional.of(base.resolve(t.string("trustStore")).normalize()) : Optional.empty();
        if (needClientAuth && trustStore.isEmpty()) {
            throw t.error("trustStore", "is required with needClientAuth: true; it holds the certificates of the clients to accept");
        }
        if (trustStore.isPresent() && !Files.isRegularFile(trustStore.get())) {
            throw t.error("trustStore", "file " + trustStore.get() + " does not exist");
        }
        Optional<String> trustStorePassword = t.has("trustStorePassword") ? Optional.of(t.string("trustStorePassword")) : Optional.empty();
        return Optional.of(new TlsSettings(keyStore, t.string("keyStorePassword"), type, needClientAuth, trustStore,
                trustStorePassword));
    }

    private static JournalSettings journal(ConfigView j, Path base, Path dataDirectory) {
        j.requireOnly(JOURNAL);
        JournalConfig d = JournalConfig.defaults(dataDirectory);
        Path directory = j.has("directory") ? base.resolve(j.string("directory")).normalize() : d.directory();
        JournalConfig files = new JournalConfig(directory,
                j.has("fsync") ? FsyncPolicy.parse(j.string("fsync")) : d.fsync(),
                j.longValue("segmentSize", d.segmentSize()),
                millis(j, "batchIntervalMs", d.batchInterval()));
        long minutes = j.longValue("compactIntervalMinutes", JournalSettings.DEFAULT_COMPACT_INTERVAL.toMinutes());
        if (minutes <= 0) {
            throw j.error("compactIntervalMinutes", "must be a positive number of minutes (default "
                    + JournalSettings.DEFAULT_COMPACT_INTERVAL.toMinutes() + ")");
        }
        return new JournalSettings(files, Duration.ofMinutes(minutes));
    }

    private static OpsSettings ops(ConfigView o) {
        o.requireOnly(OPS);
        String listen = o.string("listen", OpsSettings.DEFAULT_LISTEN);
        int colon = listen.lastIndexOf(':');
        String host = colon > 0 ? listen.substring(0, colon) : "";
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(listen.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw o.error("listen", "'" + listen + "' is not host:port, e.g. " + OpsSettings.DEFAULT_LISTEN
                    + " (port 0 picks a free one)");
        }
        Optional<String> token = o.has("adminToken") && !o.string("adminToken").isEmpty()
                ? Optional.of(o.string("adminToken")) : Optional.empty();
        if (token.isPresent() && token.get().length() < OpsSettings.MIN_TOKEN_LENGTH) {
            throw o.error("adminToken", "is shorter than " + OpsSettings.MIN_TOKEN_LENGTH
                    + " characters; use a long random value, e.g. from `openssl rand -hex 24`");
        }
        return new OpsSettings(new InetSocketAddress(host, port), token);
    }

    private static List<VenueSettings> venues(ConfigView root) {
        List<ConfigView> sections = root.sections("venues", "name");
        if (sections.isEmpty()) {
            throw root.error("venues", "at least one venue is required, e.g. '- {name: paper, type: paper}'");
        }
        List<VenueSettings> venues = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigView v : sections) {
            String name = v.string("name");
            if (!names.add(name)) {
                throw new GatewayConfigException(v.path() + ": venue name '" + name + "' is used twice; names must be unique");
            }
            String type = v.string("type");
            List<VenueSettings.Account> accounts = new ArrayList<>();
            Set<String> accountNames = new HashSet<>();
            for (ConfigView a : v.sections("accounts", "name")) {
                String accountName = a.string("name");
                if (!accountNames.add(accountName)) {
                    throw new GatewayConfigException(a.path() + ": account name '" + accountName + "' is used twice under venue " + name);
                }
                accounts.add(new VenueSettings.Account(accountName, a.without("name")));
            }
            venues.add(new VenueSettings(name, type, v.without("name", "type", "accounts"), accounts));
        }
        return venues;
    }

    private static Map<String, SessionProfile> sessions(ConfigView root, List<VenueSettings> venues) {
        List<ConfigView> sections = root.sections("sessions", "senderCompId");
        if (sections.isEmpty()) {
            throw root.error("sessions", "at least one session is required, e.g. '- {senderCompId: OMS1, role: order-entry, venue: paper, account: main}'");
        }
        Map<String, SessionProfile> out = new LinkedHashMap<>();
        for (ConfigView s : sections) {
            s.requireOnly(SESSION);
            String compId = s.string("senderCompId");
            SessionRole role = SessionRole.fromConfig(s.string("role", SessionRole.ORDER_ENTRY.configName()), s.pathOf("role"));
            SessionProfile.Builder profile = SessionProfile.builder(compId, role).auth(auth(s));
            if (role == SessionRole.ORDER_ENTRY) {
                if (s.has("scope")) {
                    throw s.error("scope", "is for drop-copy sessions only (role: dropcopy)");
                }
                String venue = s.string("venue");
                VenueSettings venueSettings = venues.stream().filter(v -> v.name().equals(venue)).findFirst()
                        .orElseThrow(() -> s.error("venue", "no venue named '" + venue + "'; configured venues: "
                                + venues.stream().map(VenueSettings::name).toList()));
                String account = s.string("account");
                if (venueSettings.accounts().stream().noneMatch(a -> a.name().equals(account))) {
                    throw s.error("account", "venue '" + venue + "' has no account named '" + account + "'; its accounts: "
                            + venueSettings.accounts().stream().map(VenueSettings.Account::name).toList());
                }
                profile.venue(venue).account(account).cancelOnDisconnect(s.bool("cancelOnDisconnect", false));
            } else if (role == SessionRole.MARKET_DATA) {
                for (String orderOnly : List.of("account", "cancelOnDisconnect", "scope")) {
                    if (s.has(orderOnly)) {
                        throw s.error(orderOnly, "does not apply to a market data session (role: marketdata); remove it");
                    }
                }
                if (s.has("venue")) {
                    String venue = s.string("venue");
                    if (venues.stream().noneMatch(v -> v.name().equals(venue))) {
                        throw s.error("venue", "no venue named '" + venue + "'; configured venues: "
                                + venues.stream().map(VenueSettings::name).toList());
                    }
                    profile.venue(venue);
                }
            } else {
                for (String orderOnly : List.of("venue", "account", "cancelOnDisconnect")) {
                    if (s.has(orderOnly)) {
                        throw s.error(orderOnly, "does not apply to a drop-copy session; remove it");
                    }
                }
                profile.dropCopyScope(Set.copyOf(s.has("scope") ? s.strings("scope") : List.of()));
            }
            if (out.put(compId, profile.build()) != null) {
                throw s.error("senderCompId", "'" + compId + "' is configured twice");
            }
        }
        for (SessionProfile p : out.values()) {
            for (String scoped : p.dropCopyScope()) {
                SessionProfile target = out.get(scoped);
                if (target == null || target.role() != SessionRole.ORDER_ENTRY) {
                    throw new GatewayConfigException("sessions[" + p.senderCompId() + "].scope: '" + scoped
                            + "' is not an order-entry session; order-entry sessions: " + out.values().stream()
                            .filter(x -> x.role() == SessionRole.ORDER_ENTRY).map(SessionProfile::senderCompId).toList());
                }
            }
        }
        return out;
    }

    private static SessionProfile.SessionAuth auth(ConfigView s) {
        if (s.has("username") != s.has("passwordHash")) {
            throw s.error(s.has("username") ? "passwordHash" : "username",
                    "username and passwordHash go together; make the hash with `fixbridge passwd`");
        }
        Optional<String> username = s.has("username") ? Optional.of(s.string("username")) : Optional.empty();
        Optional<PasswordHash> hash;
        try {
            hash = s.has("passwordHash") ? Optional.of(PasswordHash.parse(s.string("passwordHash"))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw s.error("passwordHash", e.getMessage());
        }
        List<AddressRange> ranges = new ArrayList<>();
        if (s.has("allowedAddresses")) {
            for (String range : s.strings("allowedAddresses")) {
                try {
                    ranges.add(AddressRange.parse(range));
                } catch (IllegalArgumentException e) {
                    throw s.error("allowedAddresses", e.getMessage());
                }
            }
            if (ranges.isEmpty()) {
                throw s.error("allowedAddresses", "is empty, so no address could log on; remove it to allow any address");
            }
        }
        return new SessionProfile.SessionAuth(username, hash, ranges);
    }

    private static EngineSettings engine(ConfigView e) {
        e.requireOnly(ENGINE);
        EngineSettings d = EngineSettings.DEFAULTS;
        EngineSettings s = new EngineSettings(
                millis(e, "queryFirstDelayMs", d.queryFirstDelay()),
                millis(e, "queryMaxDelayMs", d.queryMaxDelay()),
                millis(e, "notFoundGraceMs", d.notFoundGrace()),
                e.intValue("retryableAttempts", d.retryableAttempts()),
                millis(e, "retryableDelayMs", d.retryableDelay()),
                millis(e, "doneOrderRetentionMs", d.doneOrderRetention()));
        if (s.retryableAttempts() < 0) {
            throw e.error("retryableAttempts", "must be zero or more");
        }
        return s;
    }

    private static Duration millis(ConfigView section, String key, Duration fallback) {
        long ms = section.longValue(key, fallback.toMillis());
        if (ms <= 0) {
            throw section.error(key, "must be a positive number of milliseconds");
        }
        return Duration.ofMillis(ms);
    }

    private Object substitute(Object node, String path) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.put(key, substitute(e.getValue(), path.isEmpty() ? key : path + "." + key));
            }
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(substitute(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        if (node instanceof String text && text.contains("${")) {
            Matcher m = ENV.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = environment.apply(m.group(1));
                if (value == null) {
                    value = m.group(2);
                }
                if (value == null) {
                    throw new VenueConfigException(path + ": environment variable " + m.group(1)
                            + " is not set; set it, or write ${" + m.group(1) + ":-default} to give a default");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            return sb.toString();
        }
        return node;
    }
}
