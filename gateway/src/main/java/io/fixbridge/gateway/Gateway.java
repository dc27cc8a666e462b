package io.fixbridge.gateway;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.fix.FixAcceptor;
import io.fixbridge.gateway.fix.GatewayApplication;
import io.fixbridge.gateway.journal.FileJournal;
import io.fixbridge.gateway.journal.JournalUnavailableException;
import io.fixbridge.gateway.fix.DropCopySink;
import io.fixbridge.gateway.journal.Journal;
import io.fixbridge.gateway.ops.AdminApi;
import io.fixbridge.gateway.ops.FixMetrics;
import io.fixbridge.gateway.ops.Health;
import io.fixbridge.gateway.ops.MeteredJournal;
import io.fixbridge.gateway.ops.MeteredVenueAdapter;
import io.fixbridge.gateway.ops.Metrics;
import io.fixbridge.gateway.ops.OpsHttpServer;
import io.fixbridge.gateway.ops.Operator;
import io.fixbridge.gateway.ops.OrderMetrics;
import io.fixbridge.gateway.ops.RiskControl;
import io.fixbridge.gateway.risk.PreTradeRisk;
import io.fixbridge.gateway.config.GatewayConfigLoader;
import io.fixbridge.gateway.ops.VenueMetrics;
import io.fixbridge.gateway.order.ReportSink;
import io.fixbridge.gateway.risk.KillSwitches;
import io.fixbridge.gateway.route.VenueInstrumentation;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueTelemetry;
import io.micrometer.core.instrument.Gauge;
import io.fixbridge.gateway.order.OrderEngine;
import io.fixbridge.gateway.route.VenueRegistry;
import io.fixbridge.gateway.route.Venue;
import io.fixbridge.gateway.account.AccountData;
import io.fixbridge.gateway.fix.DataServices;
import io.fixbridge.gateway.marketdata.MarketDataHub;
import io.fixbridge.gateway.ops.MarketDataMetrics;

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

    /** Where the engaged kill switches are kept, under dataDirectory. */
    public static final String KILL_SWITCHES_FILE = "kill-switches.json";
    /** How often the open orders per venue are published to metrics. */
    private static final Duration OBSERVE_INTERVAL = Duration.ofSeconds(1);

    private final VenueRegistry venues;
    private final Journal journal;
    private final OrderEngine engine;
    private final FixAcceptor acceptor;
    private final Metrics metrics;
    private final Map<String, VenueMetrics> venueMetrics;
    private final CompletableFuture<Void> ready;
    private final MarketDataHub marketData;
    private OpsHttpServer ops;

    private Gateway(VenueRegistry venues, Journal journal, OrderEngine engine, FixAcceptor acceptor,
                    Metrics metrics, Map<String, VenueMetrics> venueMetrics, CompletableFuture<Void> ready,
                    MarketDataHub marketData) {
        this.marketData = marketData;
        this.venues = venues;
        this.journal = journal;
        this.engine = engine;
        this.acceptor = acceptor;
        this.metrics = metrics;
        this.venueMetrics = venueMetrics;
        this.ready = ready;
    }

    /**
     * Starts everything; on failure releases what had started and rethrows.
     *
     * @throws IllegalStateException the journal cannot be opened or read, a venue does not connect,
     *                               or the health endpoint cannot listen; the message says which and why
     */
    public static Gateway start(GatewayConfig config) {
        io.fixbridge.gateway.config.Secrets.of(config).forEach(io.fixbridge.gateway.ops.logging.SecretRegistry.global()::register);
        AtomicReference<OrderEngine> engineRef = new AtomicReference<>();
        Metrics metrics = new Metrics();
        Map<String, VenueMetrics> venueMetrics = new LinkedHashMap<>();
        config.venues().forEach(v -> venueMetrics.put(v.name(), new VenueMetrics(v.name(), metrics)));
        FileJournal files = openJournal(config);
        Journal journal = new MeteredJournal(files, config.journal().files().directory(), metrics);
        VenueRegistry venues = null;
        MarketDataHub marketData = null;
        OrderEngine engine = null;
        FixAcceptor acceptor = null;
        try {
            KillSwitches killSwitches = KillSwitches.load(config.dataDirectory().resolve(KILL_SWITCHES_FILE), Clock.systemUTC());
            venues = VenueRegistry.create(config.venues(), venue -> event -> engineRef.get().onVenueEvent(venue, event),
                    instrumentation(venueMetrics));
            FixMetrics fixMetrics = new FixMetrics(metrics, config.sessions());
            DropCopySinkRef sink = new DropCopySinkRef();
            OrderMetrics orderMetrics = new OrderMetrics(metrics, venueMetrics);
            VenueRegistry connected = venues;
            PreTradeRisk risk = new PreTradeRisk(config.risk(),
                    (venue, symbol) -> connected.venue(venue).flatMap(v -> v.adapter().referencePrice(symbol)),
                    orderMetrics, Clock.systemUTC(), System::nanoTime);
            engine = new OrderEngine(venues, sink, config.engine(), Clock.systemUTC(), journal, orderMetrics, killSwitches, risk);
            engineRef.set(engine);
            OrderEngine.ReplaySummary replayed = engine.replay();
            LOG.info("order journal {}: {} records, {} orders, {} open or pending", config.journal().files().directory(),
                    replayed.records(), replayed.orders(), replayed.open());
            VenueRegistry registry = venues;
            marketData = new MarketDataHub(venue -> registry.venue(venue).map(Venue::adapter), GatewayApplication::send,
                    new MarketDataMetrics(metrics));
            DataServices data = new DataServices(marketData, new AccountData(accountVenues(registry), GatewayApplication::send),
                    registry.names(), venue -> registry.venue(venue).map(v -> v.adapter().instruments()));
            acceptor = FixAcceptor.create(config, new GatewayApplication(config.sessions(), engine, fixMetrics, data));
            FixAcceptor created = acceptor;
            sink.target = new DropCopySink(FixAcceptor.sink(), config.sessions(), created::sessionIds, fixMetrics);
            // the sessions must exist before the venues' streams report anything about the orders of the
            // last run (a report to a session not yet created would be lost); logons wait for reconcile()
            acceptor.start();
            venues.connectAll(CONNECT_TIMEOUT);
            List<quickfix.SessionID> cancelOnDisconnect = acceptor.sessionIds().stream()
                    .filter(id -> config.sessions().containsKey(id.getTargetCompID())
                            && config.sessions().get(id.getTargetCompID()).cancelOnDisconnect())
                    .toList();
            if (!killSwitches.all().isEmpty()) {
                LOG.warn("kill switches engaged before the restart are still engaged: {}",
                        killSwitches.all().stream().map(k -> k.id() + " (" + k.describe() + ")").toList());
            }
            Gateway gateway = new Gateway(venues, journal, engine, acceptor, metrics, venueMetrics,
                    engine.reconcile(cancelOnDisconnect), marketData);
            Gauge.builder("fixbridge.ready", gateway, g -> g.health().ready() ? 1 : 0)
                    .description("1 while /health/ready says ready").register(metrics.registry());
            Gauge.builder("fixbridge.kill.switches.active", killSwitches, k -> k.all().size())
                    .description("Kill switches engaged").register(metrics.registry());
            Operator operator = new Operator(config, killSwitches, engine, venueMetrics, created::sessionIds);
            gateway.ops = OpsHttpServer.start(config.ops(), gateway::health, metrics::scrape,
                    new AdminApi(config.ops().adminToken(), operator, new RiskControl(risk, engine,
                            () -> new GatewayConfigLoader().load(config.source()).risk())));
            engine.compactEvery(config.journal().compactInterval());
            engine.observeEvery(OBSERVE_INTERVAL);
            LOG.info("fixbridge accepting FIX 4.4 on {} for {}; venues {}; metrics and health on http://{}:{}/metrics",
                    acceptor.endpoints(), config.sessions().keySet(), venues.names(),
                    gateway.ops.address().getHostString(), gateway.ops.address().getPort());
            gateway.ready.thenRun(() -> LOG.info("fixbridge ready: open orders reconciled, logons accepted"));
            return gateway;
        } catch (JournalUnavailableException e) {
            release(acceptor, marketData, engine, venues, files, metrics);
            throw new IllegalStateException(e.getMessage() + "; check dataDirectory and journal.directory in gateway.yaml", e);
        } catch (UncheckedIOException e) {
            release(acceptor, marketData, engine, venues, files, metrics);
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            release(acceptor, marketData, engine, venues, files, metrics);
            throw e;
        }
    }

    /**
     * The engine's sink, set once the acceptor exists (the drop-copy fan-out needs its sessions);
     * nothing is reported before: the engine reports only after the acceptor has started.
     */
    private static final class DropCopySinkRef implements ReportSink {
        private volatile ReportSink target;

        @Override
        public void send(quickfix.SessionID session, quickfix.Message message) {
            target.send(session, message);
        }

        @Override
        public boolean wasSent(quickfix.SessionID session, String execId) {
            return target.wasSent(session, execId);
        }
    }

    private static AccountData.Venues accountVenues(VenueRegistry registry) {
        return new AccountData.Venues() {
            @Override
            public Optional<VenueAdapter> adapter(String venue) {
                return registry.venue(venue).map(Venue::adapter);
            }

            @Override
            public java.util.Set<String> accounts(String venue) {
                return registry.venue(venue).map(Venue::accounts).orElse(java.util.Set.of());
            }

            @Override
            public List<String> names() {
                return registry.names();
            }
        };
    }

    /** The market data hub (tests read how many venue subscriptions are open). */
    public MarketDataHub marketData() {
        return marketData;
    }

    private static VenueInstrumentation instrumentation(Map<String, VenueMetrics> venueMetrics) {
        return new VenueInstrumentation() {
            @Override
            public VenueTelemetry telemetry(String venue) {
                return venueMetrics.get(venue);
            }

            @Override
            public VenueAdapter wrap(String venue, VenueAdapter adapter) {
                return new MeteredVenueAdapter(adapter, venueMetrics.get(venue));
            }
        };
    }

    private static FileJournal openJournal(GatewayConfig config) {
        try {
            return FileJournal.open(config.journal().files());
        } catch (JournalUnavailableException e) {
            throw new IllegalStateException(e.getMessage() + "; check dataDirectory and journal.directory in gateway.yaml", e);
        }
    }

    private static void release(FixAcceptor acceptor, MarketDataHub marketData, OrderEngine engine, VenueRegistry venues,
                                FileJournal journal, Metrics metrics) {
        if (acceptor != null) {
            acceptor.close();
        }
        if (marketData != null) {
            marketData.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (venues != null) {
            venues.close();
        }
        journal.close();
        metrics.close();
    }

    /** Where the FIX acceptor listens. */
    public List<java.net.InetSocketAddress> endpoints() {
        return acceptor.endpoints();
    }

    /** The gateway's metrics registry (tests read meters from it). */
    public Metrics metrics() {
        return metrics;
    }

    /** Where the metrics, health and admin endpoint listens. */
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
        venueMetrics.values().forEach(v -> components.put("venue:" + v.venue(), v.isUp() ? Health.UP : v.downReason()));
        boolean ready = components.values().stream().allMatch(Health.UP::equals);
        return new Health(ready, components);
    }

    @Override
    public void close() {
        if (ops != null) {
            ops.close();
        }
        acceptor.close();
        marketData.close();
        engine.close();
        journal.close();
        venues.close();
        metrics.close();
        LOG.info("fixbridge stopped");
    }
}
