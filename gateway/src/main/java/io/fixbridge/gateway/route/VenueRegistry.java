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
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
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
     * listener made for its name and its telemetry to {@code instrumentation}; a bad setting stops
     * here with its name.
     */
    public static VenueRegistry create(List<VenueSettings> settings, Function<String, OrderEventListener> listeners,
                                       VenueInstrumentation instrumentation) {
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
                VenueAdapter adapter = instrumentation.wrap(s.name(), factory.create(s, instrumentation.telemetry(s.name())));
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

    /**
     * Connects every venue at once and waits up to {@code timeout}. A venue whose connect fails
     * for now (the venue asked to retry, or the outcome is unknown: a 5xx, a timeout) is asked again
     * with backoff until the timeout; one that refuses for good fails at once. Fails naming the
     * venue that did not connect.
     */
    public void connectAll(Duration timeout) {
        Map<String, CompletableFuture<Void>> pending = new LinkedHashMap<>();
        venues.forEach((name, v) -> pending.put(name, v.adapter().connect()));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, CompletableFuture<Void>> e : pending.entrySet()) {
            connect(e.getKey(), e.getValue(), deadline, timeout);
        }
    }

    private void connect(String name, CompletableFuture<Void> first, long deadline, Duration timeout) {
        Venue venue = venues.get(name);
        CompletableFuture<Void> attempt = first;
        long backoffMs = 500;
        while (true) {
            try {
                attempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                venue.loadInstruments();
                LOG.info("venue {} connected with {} instruments", name, venue.adapter().instruments().size());
                return;
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                boolean forNow = cause instanceof VenueException ve && ve.error().outcome() != VenueError.Outcome.REJECTED;
                if (!forNow || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) > deadline) {
                    throw new IllegalStateException("venue " + name + " did not connect: " + cause.getMessage(), cause);
                }
                LOG.warn("venue {} did not connect ({}); trying again in {} ms", name, cause.getMessage(), backoffMs);
                sleep(backoffMs, name);
                backoffMs = Math.min(backoffMs * 2, 5_000);
                attempt = venue.adapter().connect();
            } catch (TimeoutException ex) {
                throw new IllegalStateException("venue " + name + " did not connect within " + timeout, ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting " + name, ex);
            }
        }
    }

    private static void sleep(long ms, String name) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting " + name, ex);
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
