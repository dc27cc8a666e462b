package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.VenueAdapter;
import io.fixbridge.venue.VenueAdapterFactory;
import io.fixbridge.venue.VenueSettings;
import io.fixbridge.venue.VenueTelemetry;
import java.time.Clock;

/**
 * Creates {@link HyperliquidAdapter}s for venues of {@code type: hyperliquid}; found by ServiceLoader.
 * Validates the settings ({@link HyperliquidConfig#from}) and loads every account's key (a keystore is
 * decrypted now), so a wrong setting, file or passphrase fails the start with a message naming the
 * setting. Called on the gateway's start thread; stateless.
 */
public final class HyperliquidAdapterFactory implements VenueAdapterFactory {

    @Override
    public String type() {
        return "hyperliquid";
    }

    @Override
    public VenueAdapter create(VenueSettings settings, VenueTelemetry telemetry) {
        return new HyperliquidAdapter(settings.name(), HyperliquidConfig.from(settings), Clock.systemUTC(), telemetry);
    }
}
