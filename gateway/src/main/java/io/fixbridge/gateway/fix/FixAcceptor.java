package io.fixbridge.gateway.fix;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.config.GatewayConfigException;
import io.fixbridge.gateway.config.SessionProfile;
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
 * directory, the gateway's data dictionary unless another is named, and one session profile in
 * gateway.yaml for every acceptor session (and the other way round).
 */
public final class FixAcceptor implements AutoCloseable {
    /** The data dictionary shipped in dictionaries/ and on the classpath. */
    public static final String DICTIONARY = "FIXBRIDGE-FIX44.xml";

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
                    new FileLogFactory(settings), new DefaultMessageFactory());
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
        settings.setString("FileStorePath", config.dataDirectory().resolve("fix-store").toString());
        settings.setString("FileLogPath", config.dataDirectory().resolve("fix-log").toString());
        if (!isSetAnywhere(settings, "DataDictionary")) {
            settings.setString("DataDictionary", DICTIONARY);
        }
        return settings;
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
