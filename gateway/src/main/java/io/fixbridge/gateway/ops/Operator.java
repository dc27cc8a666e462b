package io.fixbridge.gateway.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.config.SessionProfile;
import io.fixbridge.gateway.config.SessionRole;
import io.fixbridge.gateway.order.OrderEngine;
import io.fixbridge.gateway.risk.KillSwitch;
import io.fixbridge.gateway.risk.KillSwitches;
import io.fixbridge.venue.VenueSettings;
import quickfix.Session;
import quickfix.SessionID;

/**
 * What an operator can see and do through the admin endpoints: the sessions and venues and their
 * state, kill switches, logging a session out. Every action is logged at WARN with what it did.
 *
 * <p>Thread-safe; called on the ops HTTP thread. Bad requests fail with
 * {@link IllegalArgumentException} whose message says what is wrong and what is allowed.
 */
public final class Operator {
    private static final Logger LOG = LoggerFactory.getLogger(Operator.class);
    private static final long ENGAGE_WAIT_SECONDS = 10;

    private final GatewayConfig config;
    private final KillSwitches killSwitches;
    private final OrderEngine engine;
    private final Map<String, VenueMetrics> venues;
    private final Supplier<List<SessionID>> sessionIds;

    public Operator(GatewayConfig config, KillSwitches killSwitches, OrderEngine engine, Map<String, VenueMetrics> venues,
                    Supplier<List<SessionID>> sessionIds) {
        this.config = config;
        this.killSwitches = killSwitches;
        this.engine = engine;
        this.venues = Map.copyOf(venues);
        this.sessionIds = sessionIds;
    }

    /** A FIX session as the admin endpoint shows it. */
    public record SessionView(String session, String role, boolean loggedOn, String remoteAddress, int nextSenderSeqNum,
                              int nextTargetSeqNum) {
    }

    /** A venue as the admin endpoint shows it. */
    public record VenueView(String venue, String type, boolean up, String downReason, Map<String, Boolean> streams) {
    }

    /** A kill switch just engaged, with how many open orders it is canceling. */
    public record Engaged(KillSwitch killSwitch, int ordersCanceling) {
    }

    public List<SessionView> sessions() {
        List<SessionView> out = new ArrayList<>();
        for (SessionID id : sessionIds.get()) {
            Session s = Session.lookupSession(id);
            SessionProfile p = config.sessions().get(id.getTargetCompID());
            if (s == null || p == null) {
                continue;
            }
            int nextSender;
            int nextTarget;
            try {
                nextSender = s.getStore().getNextSenderMsgSeqNum();
                nextTarget = s.getStore().getNextTargetMsgSeqNum();
            } catch (IOException e) {
                nextSender = -1; // the store cannot be read; the session itself will say so when it next writes
                nextTarget = -1;
            }
            out.add(new SessionView(id.getTargetCompID(), p.role().configName(), s.isLoggedOn(),
                    s.isLoggedOn() && s.getRemoteAddress() != null ? s.getRemoteAddress() : "", nextSender, nextTarget));
        }
        return out;
    }

    public List<VenueView> venues() {
        return config.venues().stream().map(v -> {
            VenueMetrics m = venues.get(v.name());
            return new VenueView(v.name(), v.type(), m.isUp(), m.downReason(), m.streams());
        }).toList();
    }

    public List<KillSwitch> killSwitches() {
        return killSwitches.all();
    }

    /**
     * Engages a kill switch and waits (up to 10 s) until the engine has sent the cancels of its open orders.
     *
     * @throws IllegalArgumentException the scope is unknown, or names a venue, account or session that is not configured
     */
    public Engaged engage(String scopeName, String venue, String account, String session, String reason) {
        KillSwitch.Scope scope = KillSwitch.Scope.parse(scopeName == null ? "" : scopeName);
        switch (scope) {
            case GLOBAL -> requireAbsent(scope, venue, account, session);
            case VENUE -> {
                requireVenue(venue);
                requireAbsent(scope, null, account, session);
            }
            case ACCOUNT -> {
                VenueSettings v = requireVenue(venue);
                if (account == null || v.accounts().stream().noneMatch(a -> a.name().equals(account))) {
                    throw new IllegalArgumentException("account '" + account + "' is not an account of venue " + venue
                            + "; its accounts: " + v.accounts().stream().map(VenueSettings.Account::name).toList());
                }
                requireAbsent(scope, null, null, session);
            }
            case SESSION -> {
                SessionProfile p = session == null ? null : config.sessions().get(session);
                if (p == null || p.role() != SessionRole.ORDER_ENTRY) {
                    throw new IllegalArgumentException("session '" + session + "' is not an order-entry session; order-entry sessions: "
                            + config.sessions().values().stream().filter(x -> x.role() == SessionRole.ORDER_ENTRY)
                            .map(SessionProfile::senderCompId).toList());
                }
                requireAbsent(scope, venue, account, null);
            }
        }
        KillSwitch k = killSwitches.engage(scope, venue, account, session, reason);
        LOG.warn("operator engaged kill switch {} ({}): {}", k.id(), k.describe(), k.reason());
        try {
            return new Engaged(k, engine.onKillSwitch(k).get(ENGAGE_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Engaged(k, -1);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("kill switch {}: the order engine has not confirmed the cancels of its open orders ({}); it blocks new orders anyway",
                    k.id(), e.toString());
            return new Engaged(k, -1);
        }
    }

    /** Releases kill switch {@code id}; empty if none such is engaged. */
    public Optional<KillSwitch> release(String id) {
        Optional<KillSwitch> released = killSwitches.release(id);
        released.ifPresent(k -> LOG.warn("operator released kill switch {} ({}); new orders in its scope are accepted again",
                k.id(), k.describe()));
        return released;
    }

    /**
     * Logs session {@code compId} out with a Logout whose Text says the operator did it.
     *
     * @return false when it is not logged on
     * @throws IllegalArgumentException no such session is configured
     */
    public boolean logout(String compId) {
        SessionID id = sessionIds.get().stream().filter(s -> s.getTargetCompID().equals(compId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no FIX session with counterparty CompID '" + compId
                        + "'; sessions: " + config.sessions().keySet()));
        Session session = Session.lookupSession(id);
        if (session == null || !session.isLoggedOn()) {
            return false;
        }
        LOG.warn("operator logged FIX session {} out", id);
        session.logout("logged out by the gateway operator");
        return true;
    }

    private VenueSettings requireVenue(String venue) {
        return config.venue(venue == null ? "" : venue).orElseThrow(() -> new IllegalArgumentException("venue '" + venue
                + "' is not configured; venues: " + config.venues().stream().map(VenueSettings::name).toList()));
    }

    private static void requireAbsent(KillSwitch.Scope scope, String venue, String account, String session) {
        if (notBlank(venue) || notBlank(account) || notBlank(session)) {
            throw new IllegalArgumentException("scope " + scope.label() + " takes "
                    + switch (scope) {
                        case GLOBAL -> "no venue, account or session";
                        case VENUE -> "only a venue";
                        case ACCOUNT -> "only a venue and an account";
                        case SESSION -> "only a session";
                    });
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
