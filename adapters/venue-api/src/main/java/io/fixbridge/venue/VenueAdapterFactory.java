package io.fixbridge.venue;

/**
 * Creates adapters of one venue type. Implementations are listed in
 * {@code META-INF/services/io.fixbridge.venue.VenueAdapterFactory} and found by
 * {@link java.util.ServiceLoader}; the gateway picks the one whose {@link #type()} equals the
 * venue's {@code type} in gateway.yaml.
 *
 * <p>Called once per configured venue, at start, on the gateway's start thread.
 */
public interface VenueAdapterFactory {

    /** The {@code type} value in gateway.yaml that selects this factory, e.g. {@code paper}. */
    String type();

    /**
     * Validates the venue's settings and creates its adapter, without connecting.
     *
     * @param telemetry where the adapter reports requests, streams and rate-limit use (thread-safe,
     *                  never throws); {@link VenueTelemetry#NONE} records nothing
     * @throws VenueConfigException when a setting is missing or wrong; its message names the
     *                              setting and says how to fix it
     */
    VenueAdapter create(VenueSettings settings, VenueTelemetry telemetry);

    /**
     * {@link #create(VenueSettings, VenueTelemetry)} without telemetry (tests, tools): reports to
     * {@link VenueTelemetry#NONE}.
     *
     * @throws VenueConfigException when a setting is missing or wrong
     */
    default VenueAdapter create(VenueSettings settings) {
        return create(settings, VenueTelemetry.NONE);
    }
}
