package io.fixbridge.venue.paper;

import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.VenueTelemetry;
import java.time.Clock;

/**
 * Creates {@link PaperAdapter}s for venues of type {@code paper}; listed in
 * {@code META-INF/services/io.fixbridge.venue.VenueAdapterFactory}. Stateless and thread-safe.
 */
public final class PaperAdapterFactory implements VenueAdapterFactory {

    /** The venue {@code type} in gateway.yaml. */
    public static final String TYPE = "paper";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Validates the settings (see {@link PaperConfig}) and creates an unconnected adapter.
     *
     * @throws io.fixbridge.venue.VenueConfigException naming the setting that is wrong
     */
    @Override
    public VenueAdapter create(VenueSettings settings, VenueTelemetry telemetry) {
        return new PaperAdapter(settings.name(), PaperConfig.from(settings), Clock.systemUTC(), telemetry);
    }
}
