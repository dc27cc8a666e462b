package io.fixbridge.gateway.fix;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.config.GatewayConfigException;
import io.fixbridge.gateway.config.SessionProfile;
import io.fixbridge.gateway.config.SessionRole;
import io.fixbridge.gateway.config.TlsSettings;
import io.fixbridge.gateway.order.ReportSink;
import quickfix.Acceptor;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;

/**
 * The QuickFIX/J acceptor, built from sessions.cfg with the gateway's rules laid over it:
 * persistent file message stores and the FIX message log (the audit trail) under the data
 * directory, with Password(554) and NewPassword(925) hidden ({@link RedactingLogFactory}); the
 * gateway's data dictionary unless another is named; TLS from {@code fix.tls} in gateway.yaml;
 * and one session profile in gateway.yaml for every acceptor session (and the other way round).
 *
 * <p>TLS is configured in one place only: gateway.yaml's {@code fix.tls}. sessions.cfg must not
 * set {@code SocketUseSSL} or any key or trust store setting ({@link #TLS_OWNED}), whether or not
 * {@code fix.tls} is there; it may tune {@code EnabledProtocols} and {@code CipherSuites}
 * (default protocols: TLSv1.3 and TLSv1.2; TLSv1.2 only with {@code needClientAuth}, see
 * {@link #CLIENT_AUTH_PROTOCOLS}).
 *
 * <p>{@link #create} throws {@link GatewayConfigException} naming the setting for every problem;
 * the methods are called from the thread that starts and stops the gateway.
 */
public final class FixAcceptor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FixAcceptor.class);
    /** The data dictionary shipped in dictionaries/ and on the classpath. */
    public static final String DICTIONARY = "FIXBRIDGE-FIX44.xml";
    /** The QuickFIX/J TLS settings the gateway sets from {@code fix.tls}; sessions.cfg may not set them. */
    static final List<String> TLS_OWNED = List.of("SocketUseSSL", "SocketKeyStore", "SocketKeyStorePassword",
            "KeyStoreType", "SocketTrustStore", "SocketTrustStorePassword", "TrustStoreType", "NeedClientAuth");
    /** The protocols enabled unless sessions.cfg names its own {@code EnabledProtocols}. */
    static final String DEFAULT_PROTOCOLS = "TLSv1.3,TLSv1.2";
    /**
     * The protocols enabled with {@code needClientAuth} unless sessions.cfg names its own: TLS 1.2
     * only. MINA 2.2.4's SSL handler (under QuickFIX/J 2.3.2) leaves unread the application data
     * that arrives in the same read as a TLS 1.3 client's final flight once it has run the
     * delegated task that checks the client certificate, so a client that sends its Logon right
     * after the handshake would wait forever; in TLS 1.2 the client waits for the server's
     * Finished before sending, so nothing is left behind. (TlsAcceptorTest proves the Logon works.)
     */
    static final String CLIENT_AUTH_PROTOCOLS = "TLSv1.2";

    private final Acceptor acceptor;
    private final List<InetSocketAddress> endpoints;

    private FixAcceptor(Acceptor acceptor, List<InetSocketAddress> endpoints) {
        this.acceptor = acceptor;
        this.endpoints = endpoints;
    }

    /** Reads and checks sessions.cfg against gateway.yaml, and builds (does not start) the acceptor. */
    public static FixAcceptor create(GatewayConfig config, Application application) {
        SessionSettings settings = read(config);
        List<InetSocketAddress> endpoints = checkSessions(config, settings);
        try {
            Acceptor acceptor = new ThreadedSocketAcceptor(application, new FileStoreFactory(settings), settings,
                    new RedactingLogFactory(new FileLogFactory(settings)), new DefaultMessageFactory());
            return new FixAcceptor(acceptor, endpoints);
        } catch (ConfigError e) {
            throw new GatewayConfigException(config.sessionsFile() + ": " + e.getMessage(), e);
        }
    }

    /** How many of a session's last sent messages {@link #sink()} searches for a report. */
    private static final int SENT_LOOKBACK = 500;

    /**
     * Sends reports through QuickFIX/J's session registry; tells whether a report was sent by
     * searching the session's message store.
     */
    public static ReportSink sink() {
        return new ReportSink() {
            @Override
            public void send(SessionID session, Message message) {
                GatewayApplication.send(session, message);
            }

            @Override
            public boolean wasSent(SessionID session, String execId) {
                return SentMessages.contains(session, execId, SENT_LOOKBACK);
            }
        };
    }

    /** The acceptor's sessions, as sessions.cfg defines them. */
    public List<SessionID> sessionIds() {
        return List.copyOf(acceptor.getSessions());
    }

    public void start() {
        try {
            acceptor.start();
        } catch (ConfigError e) {
            throw new GatewayConfigException("FIX acceptor: " + e.getMessage(), e);
        }
    }

    /** Where the acceptor listens. */
    public List<InetSocketAddress> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        acceptor.stop(true);
    }

    private static SessionSettings read(GatewayConfig config) {
        SessionSettings settings;
        try (InputStream in = new FileInputStream(config.sessionsFile().toFile())) {
            settings = new SessionSettings(in);
        } catch (IOException | ConfigError e) {
            throw new GatewayConfigException(config.sessionsFile() + ": cannot be read as QuickFIX/J settings: " + e.getMessage(), e);
        }
        for (String owned : List.of("FileStorePath", "FileLogPath")) {
            if (isSetAnywhere(settings, owned)) {
                throw new GatewayConfigException(config.sessionsFile() + ": " + owned + " is set by the gateway from "
                        + "dataDirectory in " + config.source() + "; remove it from sessions.cfg");
            }
        }
        for (String owned : TLS_OWNED) {
            if (isSetAnywhere(settings, owned)) {
                throw new GatewayConfigException(config.sessionsFile() + ": " + owned + " is set by the gateway from "
                        + "fix.tls in " + config.source() + "; remove it from sessions.cfg and configure TLS under fix.tls");
            }
        }
        settings.setString("FileStorePath", config.dataDirectory().resolve("fix-store").toString());
        settings.setString("FileLogPath", config.dataDirectory().resolve("fix-log").toString());
        if (!isSetAnywhere(settings, "DataDictionary")) {
            settings.setString("DataDictionary", DICTIONARY);
        }
        config.fixTls().ifPresent(tls -> applyTls(config, tls, settings));
        return settings;
    }

    /**
     * Sets QuickFIX/J's TLS settings for every session from {@code fix.tls}, after checking that
     * the key store opens with its password and holds a private key, and that the trust store
     * (if any) opens and holds a certificate, so a mistake stops the gateway at start naming the
     * setting instead of failing every handshake. The trust store is read as the key store's type.
     */
    private static void applyTls(GatewayConfig config, TlsSettings tls, SessionSettings settings) {
        String where = config.source() + ": fix.tls.";
        KeyStore keys = open(where + "keyStore", where + "keyStorePassword", tls.keyStore(), tls.keyStoreType(),
                tls.keyStorePassword().toCharArray());
        if (!hasEntry(keys, true)) {
            throw new GatewayConfigException(where + "keyStore: " + tls.keyStore() + " holds no private key with its "
                    + "certificate; make one with keytool -genkeypair -storetype PKCS12");
        }
        settings.setString("SocketUseSSL", "Y");
        settings.setString("SocketKeyStore", tls.keyStore().toString());
        settings.setString("SocketKeyStorePassword", tls.keyStorePassword());
        settings.setString("KeyStoreType", tls.keyStoreType());
        settings.setString("NeedClientAuth", tls.needClientAuth() ? "Y" : "N");
        if (tls.trustStore().isPresent()) {
            Path trust = tls.trustStore().get();
            char[] password = tls.trustStorePassword().map(String::toCharArray).orElse(null);
            KeyStore trusted = open(where + "trustStore", where + "trustStorePassword", trust, tls.keyStoreType(), password);
            if (!hasEntry(trusted, false)) {
                throw new GatewayConfigException(where + "trustStore: " + trust + " holds no certificate (is trustStorePassword set?); import the "
                        + "certificates of the clients (or of their CA) with keytool -importcert");
            }
            settings.setString("SocketTrustStore", trust.toString());
            tls.trustStorePassword().ifPresent(p -> settings.setString("SocketTrustStorePassword", p));
            settings.setString("TrustStoreType", tls.keyStoreType());
        }
        if (!isSetAnywhere(settings, "EnabledProtocols")) {
            settings.setString("EnabledProtocols", tls.needClientAuth() ? CLIENT_AUTH_PROTOCOLS : DEFAULT_PROTOCOLS);
        }
        LOG.info("FIX acceptor: TLS with key store {} ({}); client certificates {}; protocols {}", tls.keyStore(), tls.keyStoreType(),
                tls.needClientAuth() ? "required, checked against " + tls.trustStore().orElseThrow() : "not requested",
                settings.getDefaultProperties().getProperty("EnabledProtocols", "as sessions.cfg says per session"));
    }

    /** Opens a key or trust store; the messages name the setting and never hold the password. */
    private static KeyStore open(String setting, String passwordSetting, Path file, String type, char[] password) {
        try (InputStream in = new FileInputStream(file.toFile())) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new GatewayConfigException(passwordSetting + ": is not the password of " + file, e);
            }
            throw new GatewayConfigException(setting + ": " + file + " cannot be read as a " + type + " key store: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new GatewayConfigException(setting + ": " + file + " cannot be read as a " + type + " key store: "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasEntry(KeyStore store, boolean privateKey) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (privateKey ? store.isKeyEntry(alias) : store.getCertificate(alias) != null) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a loaded key store cannot list its entries", e);
        }
    }

    private static boolean isSetAnywhere(SessionSettings settings, String key) {
        if (settings.getDefaultProperties().containsKey(key)) {
            return true;
        }
        for (Iterator<SessionID> it = settings.sectionIterator(); it.hasNext(); ) {
            if (settings.isSetting(it.next(), key)) {
                return true;
            }
        }
        return false;
    }

    private static List<InetSocketAddress> checkSessions(GatewayConfig config, SessionSettings settings) {
        Map<String, SessionProfile> profiles = config.sessions();
        Set<String> seen = new TreeSet<>();
        List<InetSocketAddress> endpoints = new ArrayList<>();
        for (Iterator<SessionID> it = settings.sectionIterator(); it.hasNext(); ) {
            SessionID id = it.next();
            try {
                if (!"acceptor".equals(settings.getString(id, "ConnectionType"))) {
                    throw new GatewayConfigException(config.sessionsFile() + ": session " + id + " must have ConnectionType=acceptor");
                }
                if (!"FIX.4.4".equals(id.getBeginString())) {
                    throw new GatewayConfigException(config.sessionsFile() + ": session " + id + " must be BeginString=FIX.4.4");
                }
                String counterparty = id.getTargetCompID();
                if (!profiles.containsKey(counterparty)) {
                    throw new GatewayConfigException(config.sessionsFile() + ": session " + id + " has no entry under sessions: in "
                            + config.source() + "; add '- {senderCompId: " + counterparty + ", role: order-entry, venue: ..., account: ...}'");
                }
                seen.add(counterparty);
                if (profiles.get(counterparty).role() == SessionRole.MARKET_DATA) {
                    // market data sent again later would be stale: nothing is stored, a resend is a gap fill
                    settings.setBool(id, "PersistMessages", false);
                }
                String host = settings.isSetting(id, "SocketAcceptAddress") ? settings.getString(id, "SocketAcceptAddress") : "0.0.0.0";
                InetSocketAddress endpoint = new InetSocketAddress(host, (int) settings.getLong(id, "SocketAcceptPort"));
                if (!endpoints.contains(endpoint)) {
                    endpoints.add(endpoint);
                }
            } catch (ConfigError | quickfix.FieldConvertError e) {
                throw new GatewayConfigException(config.sessionsFile() + ": session " + id + ": " + e.getMessage(), e);
            }
        }
        for (String compId : profiles.keySet()) {
            if (!seen.contains(compId)) {
                throw new GatewayConfigException(config.source() + ": sessions[" + compId + "] has no [SESSION] with TargetCompID="
                        + compId + " in " + config.sessionsFile());
            }
        }
        return List.copyOf(endpoints);
    }
}
