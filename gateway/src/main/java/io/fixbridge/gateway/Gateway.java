package io.fixbridge.gateway;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.fix.FixAcceptor;
import io.fixbridge.gateway.fix.GatewayApplication;
import io.fixbridge.gateway.journal.FileJournal;
import io.fixbridge.gateway.journal.JournalUnavailableException;
import io.fixbridge.gateway.ops.Health;
import io.fixbridge.gateway.ops.OpsHttpServer;
import io.fixbridge.gateway.order.OrderEngine;
import io.fixbridge.gateway.route.VenueRegistry;

/**
 * The appliance. Start order: the order journal is opened and replayed (the orders of the last
 * run come back), the FIX acceptor starts (so its sessions can keep reports for resend), the
 * venues connect, the health endpoint starts, and the orders that were open are reconciled with
 * their venues; until that is over the acceptor refuses logons, so no new order comes before the
 * old ones are settled. Stopped in reverse.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final VenueRegistry venues;
    private final FileJournal journal;
    private final OrderEngine engine;
    private final FixAcceptor acceptor;
    private final CompletableFuture<Void> ready;
    private OpsHttpServer ops;

    private Gateway(VenueRegistry venues, FileJournal journal, OrderEngine engine, FixAcceptor acceptor,
                    CompletableFuture<Void> ready) {
        this.venues = venues;
        this.journal = journal;
        this.engine = engine;
        this.acceptor = acceptor;
        this.ready = ready;
    }

    /**
     * Starts everything; on failure releases what had started and rethrows.
     *
     * @throws IllegalStateException the journal cannot be opened or read, a venue does not connect,
     *                               or the health endpoint cannot listen; the message says which and why
     */
    public static Gateway start(GatewayConfig config) {
        AtomicReference<OrderEngine> engineRef = new AtomicReference<>();
        FileJournal journal = openJournal(config);
        VenueRegistry venues = null;
        OrderEngine engine = null;
        FixAcceptor acceptor = null;
        try {
            venues = VenueRegistry.create(config.venues(), venue -> event -> engineRef.get().onVenueEvent(venue, event));
            engine = new OrderEngine(venues, FixAcceptor.sink(), config.engine(), Clock.systemUTC(), journal);
            engineRef.set(engine);
            OrderEngine.ReplaySummary replayed = engine.replay();
            LOG.info("order journal {}: {} records, {} orders, {} open or pending", config.journal().files().directory(),
                    replayed.records(), replayed.orders(), replayed.open());
            acceptor = FixAcceptor.create(config, new GatewayApplication(config.sessions(), engine));
            // the sessions must exist before the venues' streams report anything about the orders of the
            // last run (a report to a session not yet created would be lost); logons wait for reconcile()
            acceptor.start();
            venues.connectAll(CONNECT_TIMEOUT);
            List<quickfix.SessionID> cancelOnDisconnect = acceptor.sessionIds().stream()
                    .filter(id -> config.sessions().containsKey(id.getTargetCompID())
                            && config.sessions().get(id.getTargetCompID()).cancelOnDisconnect())
                    .toList();
            Gateway gateway = new Gateway(venues, journal, engine, acceptor, engine.reconcile(cancelOnDisconnect));
            gateway.ops = OpsHttpServer.start(config.ops().listen(), gateway::health);
            engine.compactEvery(config.journal().compactInterval());
            LOG.info("fixbridge accepting FIX 4.4 on {} for {}; venues {}; health on http://{}:{}/health/ready",
                    acceptor.endpoints(), config.sessions().keySet(), venues.names(),
                    gateway.ops.address().getHostString(), gateway.ops.address().getPort());
            gateway.ready.thenRun(() -> LOG.info("fixbridge ready: open orders reconciled, logons accepted"));
            return gateway;
        } catch (JournalUnavailableException e) {
            release(acceptor, engine, venues, journal);
            throw new IllegalStateException(e.getMessage() + "; check dataDirectory and journal.directory in gateway.yaml", e);
        } catch (UncheckedIOException e) {
            release(acceptor, engine, venues, journal);
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            release(acceptor, engine, venues, journal);
            throw e;
        }
    }

    private static FileJournal openJournal(GatewayConfig config) {
        try {
            return FileJournal.open(config.journal().files());
        } catch (JournalUnavailableException e) {
            throw new IllegalStateException(e.getMessage() + "; check dataDirectory and journal.directory in gateway.yaml", e);
        }
    }

    private static void release(FixAcceptor acceptor, OrderEngine engine, VenueRegistry venues, FileJournal journal) {
        if (acceptor != null) {
            acceptor.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (venues != null) {
            venues.close();
        }
        journal.close();
    }

    /** Where the FIX acceptor listens. */
    public List<java.net.InetSocketAddress> endpoints() {
        return acceptor.endpoints();
    }

    /** Where the health endpoint listens. */
    public java.net.InetSocketAddress opsAddress() {
        return ops.address();
    }

    /** Completes once the orders of the last run are reconciled and logons are accepted. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /**
     * Compacts the order journal now, on the order engine's thread (the schedule does it every
     * {@code journal.compactIntervalMinutes}): the closed journal files keep the records of open
     * orders and only the used ClOrdIDs of done ones. The future completes when it is done.
     */
    public CompletableFuture<Void> compactJournal() {
        return engine.compact();
    }

    /** The gateway's health now; thread-safe. */
    public Health health() {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("fix", Health.UP);
        components.put("orders", engine.isReady() ? Health.UP
                : "reconciling the orders of the last run with the venues; logons are refused until done");
        components.put("journal", journal.healthy() ? Health.UP
                : journal.unavailableReason().orElse("unavailable") + "; new orders are rejected until it can be written");
        boolean ready = components.values().stream().allMatch(Health.UP::equals);
        return new Health(ready, components);
    }

    @Override
    public void close() {
        if (ops != null) {
            ops.close();
        }
        acceptor.close();
        engine.close();
        journal.close();
        venues.close();
        LOG.info("fixbridge stopped");
    }
}
