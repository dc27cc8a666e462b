package io.fixbridge.venue.sim;

/**
 * A wire-faithful simulator of one venue's API that {@code fixbridge simulate <type>} can run
 * standalone. Implementations are listed in
 * {@code META-INF/services/io.fixbridge.venue.sim.VenueSimulatorFactory}.
 *
 * <p>Called on the command line's main thread; the simulator runs on its own threads.
 */
public interface VenueSimulatorFactory {

    /** The name {@code fixbridge simulate} takes, e.g. {@code binance}. */
    String type();

    /**
     * Starts the simulator on 127.0.0.1.
     *
     * @param port the port, or 0 for any free port
     * @return the running simulator
     * @throws Exception when it cannot start (port in use, ...); the message says why
     */
    RunningSimulator start(int port) throws Exception;

    /** A started simulator. */
    interface RunningSimulator extends AutoCloseable {

        /** The port it listens on. */
        int port();

        /**
         * Lines for a person: the base URLs to configure and the demo credentials it accepts
         * (demo credentials only; never a real secret).
         */
        java.util.List<String> describe();

        /** Stops it; idempotent; never throws. */
        @Override
        void close();
    }
}
