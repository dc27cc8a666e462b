package io.fixbridge.venue.binance;

import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.VenueTelemetry;
import java.time.Clock;

/**
 * Creates {@link BinanceAdapter}s for venues of type {@code binance}; listed in
 * {@code META-INF/services/io.fixbridge.venue.VenueAdapterFactory}. Stateless and thread-safe.
 */
public final class BinanceAdapterFactory implements VenueAdapterFactory {

    /** The venue {@code type} in gateway.yaml. */
    public static final String TYPE = "binance";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Validates the settings (see {@link BinanceConfig}) and creates an unconnected adapter.
     *
     * @throws io.fixbridge.venue.VenueConfigException naming the setting that is wrong (never quoting a credential)
     */
    @Override
    public VenueAdapter create(VenueSettings settings, VenueTelemetry telemetry) {
        return new BinanceAdapter(settings.name(), BinanceConfig.from(settings), Clock.systemUTC(), telemetry);
    }
}
