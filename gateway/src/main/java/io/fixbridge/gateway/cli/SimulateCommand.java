package io.fixbridge.gateway.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.fixbridge.venue.sim.VenueSimulatorFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fixbridge simulate <venue> --port N}: runs a venue's wire simulator standalone on
 * 127.0.0.1 until SIGINT or SIGTERM, so a person can point the gateway at it. Simulators are
 * found through {@link ServiceLoader}, like adapters.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a venue simulator on 127.0.0.1 (e.g. simulate binance --port 8090).")
final class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the venue to simulate")
    String venue;

    @Option(names = "--port", defaultValue = "0", description = "port on 127.0.0.1 (default: any free port)")
    int port;

    @Override
    public Integer call() throws Exception {
        Map<String, VenueSimulatorFactory> factories = new LinkedHashMap<>();
        ServiceLoader.load(VenueSimulatorFactory.class).forEach(f -> factories.putIfAbsent(f.type(), f));
        VenueSimulatorFactory factory = factories.get(venue);
        if (factory == null) {
            System.err.println("fixbridge: no simulator for '" + venue + "'; available: " + factories.keySet());
            return 2;
        }
        VenueSimulatorFactory.RunningSimulator simulator = factory.start(port);
        System.out.println(venue + " simulator listening on 127.0.0.1:" + simulator.port());
        simulator.describe().forEach(line -> System.out.println("  " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "fixbridge-simulator-shutdown"));
        stopped.await();
        return 0;
    }
}
