package io.fixbridge.gateway.route;

import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueTelemetry;

/**
 * How operations watch each venue: the telemetry its adapter reports to, and a wrapper around the
 * adapter (counting failures, say) that keeps its contract. Called on the start thread, once per venue.
 */
public interface VenueInstrumentation {
    /** No telemetry, adapters unwrapped. */
    VenueInstrumentation NONE = new VenueInstrumentation() {
        @Override
        public VenueTelemetry telemetry(String venue) {
            return VenueTelemetry.NONE;
        }

        @Override
        public VenueAdapter wrap(String venue, VenueAdapter adapter) {
            return adapter;
        }
    };

    /** The telemetry venue {@code venue}'s adapter reports to. */
    VenueTelemetry telemetry(String venue);

    /** The adapter the gateway uses for {@code venue}: {@code adapter} or a wrapper keeping its contract. */
    VenueAdapter wrap(String venue, VenueAdapter adapter);
}
