package io.fixbridge.venue.bybit;

import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.VenueTelemetry;
import java.time.Clock;

/**
 * Creates {@link BybitAdapter}s for venues of type {@code bybit}; listed in
 * {@code META-INF/services/io.fixbridge.venue.VenueAdapterFactory}. Stateless and thread-safe.
 */
public final class BybitAdapterFactory implements VenueAdapterFactory {

    /** The venue {@code type} in gateway.yaml. */
    public static final String TYPE = "bybit";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Validates the settings (see {@link BybitConfig}) and creates an unconnected adapter.
     *
     * @throws io.fixbridge.venue.VenueConfigException naming the setting that is wrong (never quoting a credential)
     */
    @Override
    public VenueAdapter create(VenueSettings settings, VenueTelemetry telemetry) {
        return new BybitAdapter(settings.name(), BybitConfig.from(settings), Clock.systemUTC(), telemetry);
    }
}
