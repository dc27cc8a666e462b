package io.fixbridge.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.GatewayConfig;
import io.fixbridge.gateway.fix.FixAcceptor;
import io.fixbridge.gateway.fix.GatewayApplication;
import io.fixbridge.gateway.order.OrderEngine;
import io.fixbridge.gateway.route.VenueRegistry;

/**
 * The appliance: venues, the order engine and the FIX acceptor, started in that order (the
 * acceptor last, so no logon is accepted before orders can be taken) and stopped in reverse.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final VenueRegistry venues;
    private final OrderEngine engine;
    private final FixAcceptor acceptor;

    private Gateway(VenueRegistry venues, OrderEngine engine, FixAcceptor acceptor) {
        this.venues = venues;
        this.engine = engine;
        this.acceptor = acceptor;
    }

    /** Starts everything; on failure releases what had started and rethrows. */
    public static Gateway start(GatewayConfig config) {
        AtomicReference<OrderEngine> engineRef = new AtomicReference<>();
        VenueRegistry venues = VenueRegistry.create(config.venues(),
                venue -> event -> engineRef.get().onVenueEvent(venue, event));
        OrderEngine engine = null;
        try {
            engine = new OrderEngine(venues, FixAcceptor.sink(), config.engine(), Clock.systemUTC());
            engineRef.set(engine);
            FixAcceptor acceptor = FixAcceptor.create(config, new GatewayApplication(config.sessions(), engine));
            venues.connectAll(CONNECT_TIMEOUT);
            acceptor.start();
            LOG.info("fixbridge accepting FIX 4.4 on {} for {}; venues {}", acceptor.endpoints(),
                    config.sessions().keySet(), venues.names());
            return new Gateway(venues, engine, acceptor);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            venues.close();
            throw e;
        }
    }

    /** Where the FIX acceptor listens. */
    public List<java.net.InetSocketAddress> endpoints() {
        return acceptor.endpoints();
    }

    @Override
    public void close() {
        acceptor.close();
        engine.close();
        venues.close();
        LOG.info("fixbridge stopped");
    }
}
