package io.fixbridge.gateway.route;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fixbridge.gateway.config.GatewayConfigException;
import io.fixbridge.venue.OrderEventListener;
import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.VenueSettings;

/**
 * Every configured venue. Adapters are created by the {@link VenueAdapterFactory} that
 * {@link ServiceLoader} finds for each venue's {@code type}; the gateway names no venue.
 * Built and connected on the start thread; read-only afterwards.
 */
public final class VenueRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VenueRegistry.class);

    private final Map<String, Venue> venues;

    private VenueRegistry(Map<String, Venue> venues) {
        this.venues = venues;
    }

    /**
     * Creates (does not connect) an adapter for each venue, each reporting its order events to the
     * listener made for its name; a bad setting stops here with its name.
     */
    public static VenueRegistry create(List<VenueSettings> settings, Function<String, OrderEventListener> listeners) {
        Map<String, VenueAdapterFactory> factories = new LinkedHashMap<>();
        for (VenueAdapterFactory f : ServiceLoader.load(VenueAdapterFactory.class)) {
            factories.putIfAbsent(f.type(), f);
        }
        Map<String, Venue> venues = new LinkedHashMap<>();
        try {
            for (VenueSettings s : settings) {
                VenueAdapterFactory factory = factories.get(s.type());
                if (factory == null) {
                    throw new GatewayConfigException("venues[" + s.name() + "].type: no adapter of type '" + s.type()
                            + "' is installed; installed types: " + factories.keySet());
                }
                VenueAdapter adapter = factory.create(s);
                adapter.subscribe(listeners.apply(s.name()));
                venues.put(s.name(), new Venue(s.name(), adapter,
                        s.accounts().stream().map(VenueSettings.Account::name).collect(Collectors.toSet())));
            }
        } catch (VenueConfigException e) {
            venues.values().forEach(v -> v.adapter().close());
            throw new GatewayConfigException(e.getMessage(), e);
        } catch (RuntimeException e) {
            venues.values().forEach(v -> v.adapter().close());
            throw e;
        }
        return new VenueRegistry(venues);
    }

    /** Connects every venue at once and waits up to {@code timeout}; fails naming the venue that did not connect. */
    public void connectAll(Duration timeout) {
        Map<String, CompletableFuture<Void>> pending = new LinkedHashMap<>();
        venues.forEach((name, v) -> pending.put(name, v.adapter().connect()));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, CompletableFuture<Void>> e : pending.entrySet()) {
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                Venue venue = venues.get(e.getKey());
                venue.loadInstruments();
                LOG.info("venue {} connected with {} instruments", e.getKey(), venue.adapter().instruments().size());
            } catch (ExecutionException ex) {
                throw new IllegalStateException("venue " + e.getKey() + " did not connect: " + ex.getCause().getMessage(), ex.getCause());
            } catch (TimeoutException ex) {
                throw new IllegalStateException("venue " + e.getKey() + " did not connect within " + timeout, ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting " + e.getKey(), ex);
            }
        }
    }

    public Optional<Venue> venue(String name) {
        return Optional.ofNullable(venues.get(name));
    }

    /** Venue names, in configuration order. */
    public List<String> names() {
        return List.copyOf(venues.keySet());
    }

    @Override
    public void close() {
        venues.values().forEach(v -> v.adapter().close());
    }
}
